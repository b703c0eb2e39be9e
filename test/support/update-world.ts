/**
 * An update policy on a manual clock over the Node fake updater, for the update tests: its
 * updater, notifier, power hook and sessions, every state it showed, and waits on its state.
 */
import { vi } from 'vitest'
import type { UpdateCheck, Updater } from '../../src/main/core/ports/updater'
import { UpdatePolicy, type UpdatePolicyDeps } from '../../src/main/core/update/update-policy'
import { createFakeUpdater } from '../../src/main/node/adapters/fake-updater'
import { createPowerHook } from '../../src/main/node/adapters/power-hook'
import { createRecordingNotifier } from '../../src/main/node/adapters/recording-notifier'
import { ManualClock } from '../../src/shared/clock'
import type { Session } from '../../src/shared/protocol/entities'
import type { UpdateChannel, UpdateState } from '../../src/shared/update/update-state'
import { aScheduledRequest, aSession, FIXTURE_NOW } from './fixtures'
import { recordingLog } from './recording-log'

const quiet = { info: () => {}, warn: () => {}, error: () => {} }

/**
 * A policy at FIXTURE_NOW over a stub updater (its methods spied) whose every check finds `offer`
 * and whose downloads finish at once, on version 1.4.0 and stable unless told.
 */
export function policyOverStub(
  offer: UpdateCheck,
  options: { channel?: UpdateChannel; version?: string } = {},
) {
  const log = recordingLog()
  const notifier = createRecordingNotifier()
  const updater = {
    currentVersion: options.version ?? '1.4.0',
    check: vi.fn<Updater['check']>(async () => offer),
    download: vi.fn<Updater['download']>(async (onProgress) => onProgress(100, 1024)),
    cancelDownload: vi.fn<Updater['cancelDownload']>(),
    installNow: vi.fn<Updater['installNow']>(),
    setInstallOnQuit: vi.fn<Updater['setInstallOnQuit']>(),
  } satisfies Updater
  const policy = new UpdatePolicy({
    updater,
    clock: new ManualClock(FIXTURE_NOW),
    platformNow: () => FIXTURE_NOW,
    sessions: () => [],
    channel: () => options.channel ?? 'stable',
    power: createPowerHook(),
    notifier,
    log,
    manualDownloadUrl: 'https://downloads.standby.test/',
    random: () => 0.5,
  })
  return { policy, updater, notifier, log }
}

/** A policy on stable, at FIXTURE_NOW, writing times as UTC hours and minutes unless `deps` says otherwise. */
export function setUp(
  options: { version?: string; rolloutPosition?: number; deps?: Partial<UpdatePolicyDeps> } = {},
) {
  const clock = new ManualClock(FIXTURE_NOW)
  const updater = createFakeUpdater({
    currentVersion: options.version ?? '1.0.0',
    log: quiet,
    rolloutPosition: options.rolloutPosition,
  })
  const notifier = createRecordingNotifier()
  const power = createPowerHook()
  let sessions: ReadonlyArray<Session> = []
  let channel: UpdateChannel = 'stable'
  const seen: UpdateState[] = []
  const policy = new UpdatePolicy({
    updater,
    clock,
    platformNow: () => clock.now(),
    sessions: () => sessions,
    channel: () => channel,
    power,
    notifier,
    log: quiet,
    manualDownloadUrl: 'https://downloads.standby.test/',
    random: () => 0.5,
    formatTime: (t) => new Date(t).toISOString().slice(11, 16),
    ...options.deps,
  })
  policy.changes.add((state) => seen.push(state))
  /** Resolves once the policy's state satisfies `done`. */
  const until = (done: (state: UpdateState) => boolean) =>
    new Promise<void>((resolve) => {
      if (done(policy.state)) return resolve()
      const off = policy.changes.add((state) => {
        if (!done(state)) return
        off()
        resolve()
      })
    })
  return {
    clock,
    updater,
    notifier,
    power,
    policy,
    setSessions: (next: ReadonlyArray<Session>) => {
      sessions = next
      policy.sessionsChanged()
    },
    setChannel: (next: UpdateChannel) => {
      channel = next
      policy.channelChanged()
    },
    /** Every state the window was shown, in order. */
    seen,
    until,
    /** Resolves once the policy reaches `phase`. */
    reached: (phase: string) => until((state) => state.phase === phase),
  }
}

/**
 * `world`'s policy downloading `version` from `channel`'s feed, the download held there until the
 * test moves it on.
 */
export async function downloadingHeld(
  world: ReturnType<typeof setUp>,
  version = '1.1.0',
  channel: UpdateChannel = 'stable',
): Promise<void> {
  world.updater.control({ action: 'publish', version, channel })
  world.updater.control({ action: 'hold-downloads', on: true })
  world.policy.connected()
  await world.reached('downloading')
}

/** A session booked at `start`. */
export const bookedAt = (start: number): Session =>
  aSession({
    request: aScheduledRequest('req_1', start),
    kind: 'scheduled',
    bookedStart: start,
    state: 'booked',
  })
