/**
 * The Updater in plain Node: the browser shell and the tests publish releases to it and play the
 * update server's failures. It fails the way electron-updater does: only newer versions are
 * offered (no downgrade), the beta feed carries stable releases too, a staged release reaches
 * only the machines inside its percentage (published again, a release's percentage changes), a
 * tampered download is refused, starting a download deletes the update downloaded before, and a
 * server that is down fails the check.
 */
import { z } from 'zod'
import type { Logger } from '../../core/ports/logger'
import type { UpdateCheck, Updater } from '../../core/ports/updater'
import { APP_VERSION_PATTERN, compareAppVersions } from '../../../shared/rules/app-version'
import { UpdateChannel } from '../../../shared/update/update-state'
import { record } from './recorded-history'

/** One release on the fake feed. */
export const FakeRelease = z
  .object({
    version: z.string().regex(APP_VERSION_PATTERN),
    channel: UpdateChannel.default('stable'),
    /** A staged rollout: only this share of machines is offered it. */
    stagingPercentage: z.number().min(0).max(100).optional(),
    /** Its artifact does not match the sha512 in the feed. */
    tampered: z.boolean().default(false),
  })
  .strict()
/** One release on the fake feed. */
export type FakeRelease = z.input<typeof FakeRelease>

/** What the browser shell's test hook may ask of the fake. */
export const FakeUpdaterControl = z.discriminatedUnion('action', [
  FakeRelease.extend({ action: z.literal('publish') }).strict(),
  /** The feed no longer names this version (the previous release's feed put back). */
  z.object({ action: z.literal('withdraw'), version: z.string().regex(APP_VERSION_PATTERN) }).strict(),
  z.object({ action: z.literal('unreachable'), on: z.boolean() }).strict(),
  z.object({ action: z.literal('hold-downloads'), on: z.boolean() }).strict(),
  /** Checks go unanswered until this is turned off (a connection cut by a sleep, say). */
  z.object({ action: z.literal('hold-checks'), on: z.boolean() }).strict(),
  z
    .object({
      action: z.literal('progress'),
      percent: z.number().min(0).max(100),
      /** The bytes received so far; unsaid, `percent` of FAKE_UPDATE_BYTES. */
      receivedBytes: z.number().int().nonnegative().optional(),
    })
    .strict(),
  z.object({ action: z.literal('finish-download') }).strict(),
])
/** What the browser shell's test hook may ask of the fake. */
export type FakeUpdaterControl = z.input<typeof FakeUpdaterControl>

/** The fake with what a test reads back and plays. */
export interface FakeUpdater extends Updater {
  /** The versions installNow was asked to install, in order. */
  readonly installs: ReadonlyArray<string>
  /** Whether a downloaded update would install on quit. */
  readonly installOnQuit: boolean
  /** How many times the policy cancelled a download. */
  readonly cancels: number
  /** The checks made, each by its channel (the latest HISTORY_KEPT). */
  readonly checks: ReadonlyArray<UpdateChannel>
  /** Act on one control message (already parsed or not); throws a clear error for a bad one. */
  control(message: unknown): void
}

/** The size of every fake update: what a progress message's percent is of. */
export const FAKE_UPDATE_BYTES = 100 * 1024 * 1024

/** What the fake starts from. */
export interface FakeUpdaterOptions {
  readonly currentVersion: string
  readonly log: Logger
  /** Where this machine falls in a staged rollout, 0 to 1. */
  readonly rolloutPosition?: number
  /** False plays a build that cannot update itself. */
  readonly packaged?: boolean
}

/** A fake update feed and downloader. */
export function createFakeUpdater(options: FakeUpdaterOptions): FakeUpdater {
  const releases: Array<z.output<typeof FakeRelease>> = []
  const installs: string[] = []
  const checks: UpdateChannel[] = []
  let installOnQuit = false
  let cancels = 0
  let unreachable = false
  let holdDownloads = false
  let heldChecks: Array<() => void> | null = null
  let found: z.output<typeof FakeRelease> | null = null
  // What installs is what was downloaded, as with electron-updater: a later check changes nothing.
  let downloaded: string | null = null
  let held: {
    progress: (percent: number, receivedBytes: number) => void
    finish: () => void
    cancel: () => void
  } | null = null
  const position = options.rolloutPosition ?? 0.5
  const withdraw = (version: string, channel?: UpdateChannel): void => {
    for (let i = releases.length - 1; i >= 0; i--) {
      const release = releases[i]!
      if (release.version === version && (channel === undefined || release.channel === channel))
        releases.splice(i, 1)
    }
  }

  return {
    currentVersion: options.currentVersion,
    get installs() {
      return installs
    },
    get cancels() {
      return cancels
    },
    get installOnQuit() {
      return installOnQuit
    },
    get checks() {
      return checks
    },
    async check(channel): Promise<UpdateCheck> {
      record(checks, channel)
      if (heldChecks !== null) await new Promise<void>((resolve) => heldChecks?.push(resolve))
      if (options.packaged === false) {
        return { kind: 'unavailable', reason: 'This build is not packaged, so it cannot update itself.' }
      }
      if (unreachable) {
        throw new Error('Cannot reach the update server (connect ECONNREFUSED 127.0.0.1)')
      }
      const feed = releases
        .filter((release) => channel === 'beta' || release.channel === 'stable')
        .sort((a, b) => compareAppVersions(b.version, a.version))
      const latest = feed[0] ?? null
      found = null
      if (latest === null) return { kind: 'none', latest: null }
      const withinRollout = position < (latest.stagingPercentage ?? 100) / 100
      if (compareAppVersions(latest.version, options.currentVersion) <= 0 || !withinRollout) {
        return { kind: 'none', latest: latest.version }
      }
      found = latest
      return { kind: 'available', version: latest.version }
    },
    async download(onProgress) {
      const release = found
      if (release === null) throw new Error('Check for an update before downloading one.')
      // electron-updater deletes the update it had downloaded as soon as it starts on another.
      if (downloaded !== release.version) downloaded = null
      if (holdDownloads) {
        await new Promise<void>((resolve, reject) => {
          const cancel = (): void => reject(new Error('The download was cancelled'))
          held = { progress: onProgress, finish: resolve, cancel }
        })
      } else {
        onProgress(50, FAKE_UPDATE_BYTES / 2)
        onProgress(100, FAKE_UPDATE_BYTES)
      }
      if (release.tampered) {
        throw new Error(
          `sha512 checksum mismatch: the downloaded Standby ${release.version} is not what the update server published`,
        )
      }
      downloaded = release.version
    },
    cancelDownload() {
      held?.cancel()
      held = null
      cancels += 1
    },
    // The Node hosts never quit to install, so nothing can fail later.
    installNow() {
      installs.push(downloaded ?? 'unknown')
      options.log.info(`Fake updater: would quit and install Standby ${downloaded ?? 'unknown'}`)
    },
    setInstallOnQuit(on) {
      installOnQuit = on
    },
    control(message) {
      const parsed = FakeUpdaterControl.safeParse(message)
      if (!parsed.success) {
        throw new Error(`Not a fake updater control: ${parsed.error.issues[0]?.message ?? 'invalid'}`)
      }
      const control = parsed.data
      switch (control.action) {
        case 'publish': {
          const { action: _action, ...release } = control
          // A feed names a version once: published again (a rollout's percentage changed), it is replaced.
          withdraw(release.version, release.channel)
          releases.push(release)
          return
        }
        case 'withdraw':
          withdraw(control.version)
          return
        case 'unreachable':
          unreachable = control.on
          return
        case 'hold-downloads':
          holdDownloads = control.on
          return
        case 'hold-checks':
          if (control.on) heldChecks ??= []
          else for (const answer of heldChecks?.splice(0) ?? []) answer()
          if (!control.on) heldChecks = null
          return
        case 'progress':
          held?.progress(
            control.percent,
            control.receivedBytes ?? Math.round((control.percent / 100) * FAKE_UPDATE_BYTES),
          )
          return
        case 'finish-download':
          held?.finish()
          held = null
          return
      }
    },
  }
}
