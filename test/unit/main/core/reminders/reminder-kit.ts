/**
 * A reminder scheduler over a real SQLite cache, a ManualClock, the recording notifier and the
 * power hook, with helpers to change the cached sessions as the platform's events would.
 */
import { join } from 'node:path'
import { GapWatch } from '../../../../../src/main/core/platform-clock/gap-watch'
import { PlatformClock } from '../../../../../src/main/core/platform-clock/platform-clock'
import {
  NotificationActions,
  type AppNotice,
  type FocusRequest,
} from '../../../../../src/main/core/notification-actions'
import type { AppNotification, Notifier } from '../../../../../src/main/core/ports/notifier'
import { ReminderScheduler } from '../../../../../src/main/core/reminders/reminder-scheduler'
import { createPowerHook } from '../../../../../src/main/node/adapters/power-hook'
import { createRecordingNotifier } from '../../../../../src/main/node/adapters/recording-notifier'
import { ManualClock } from '../../../../../src/shared/clock'
import type { Session } from '../../../../../src/shared/protocol'
import {
  aScheduledRequest,
  aSession,
  FIXTURE_NOW,
  MINUTE,
  sessionUpdated,
} from '../../../../support/fixtures'
import { storeFactory, useTempDirs } from '../../db/cache-test-kit'

/** Titles shown so far, with the session each is about, for compact assertions. */
export type Shown = ReadonlyArray<AppNotification>

/** Options for one scheduler. */
export interface KitOptions {
  /** Reuse a cache directory: a restart. */
  readonly dir?: string
  /** Start the clock here instead of FIXTURE_NOW. */
  readonly now?: number
  readonly enabled?: () => boolean
  /** Format times as the machine does instead of the fixed "HH:MM". */
  readonly localTimes?: boolean
  /** Write a day and time so instead of as the machine does, to tell which time a sentence names. */
  readonly formatDayTime?: (t: number) => string
  /** Remind by a PlatformClock over the computer's clock, as the core does, instead of by the latter. */
  readonly platformClock?: boolean
  /** Watch the clocks for unreported sleeps and settings, as the core does (GapWatch over the power hook). */
  readonly gapWatch?: boolean
}

/** Builds schedulers for one test file; caches are closed and removed after each test. */
export function reminderKit() {
  const tempDir = useTempDirs()
  const openStore = storeFactory()
  let nextEventId = 1

  return function setUp(options: KitOptions = {}) {
    const dir = options.dir ?? tempDir()
    const { store, db } = openStore(join(dir, 'cache.db'))
    nextEventId = store.cursor() + 1
    const clock = new ManualClock(options.now ?? FIXTURE_NOW)
    const notifier = createRecordingNotifier()
    const power = createPowerHook()
    const log = { info: () => {}, warn: () => {}, error: () => {} }
    const watched = options.gapWatch === true ? new GapWatch(power, clock, log) : power
    const platform = options.platformClock === true ? new PlatformClock(clock, watched, log) : null
    const scheduler = new ReminderScheduler({
      clock: platform ?? clock,
      cache: store,
      notifier,
      power: watched,
      log,
      enabled: options.enabled ?? (() => true),
      ...(platform !== null && {
        firstMeasureWait: () => platform.firstMeasureWait(),
        timeMeasured: () => platform.measuredSurely(),
      }),
      ...(options.localTimes === true ? {} : { formatTime: () => 'HH:MM' }),
      ...(options.formatDayTime !== undefined && { formatDayTime: options.formatDayTime }),
    })
    platform?.changes.add(() => scheduler.refresh())
    platform?.borneOut.add(() => scheduler.refresh())
    /** Apply a session as a `session.updated` event would, and tell the scheduler. */
    const update = (session: Session): Session => {
      const event = sessionUpdated(nextEventId++, session)
      store.applyEvents([event])
      scheduler.cacheChanged({ kind: 'events', events: [event] })
      return session
    }
    /** Book a scheduled session starting at `bookedStart`, now. */
    const book = (id: string, bookedStart: number, title = `Session ${id}`): Session => {
      const request = { ...aScheduledRequest(`req_${id}`, bookedStart), title }
      const updatedAt = clock.now()
      return update(aSession({ id, request, kind: 'scheduled', bookedStart, state: 'booked', updatedAt }))
    }
    /** The titles shown so far (withdrawals, which show nothing, left out). */
    const titles = (): string[] =>
      notifier.shown.filter((n) => n.kind !== 'reminder_closed').map((n) => n.title)
    /** The withdrawals so far: the session and the booked start each was about, and why. */
    const withdrawn = (): Array<[string, number, string]> =>
      notifier.shown.flatMap((n) =>
        n.kind === 'reminder_closed' ? [[n.sessionId, n.bookedStart, n.body]] : [],
      )
    /** The platform measured (two answers that agree), its clock `aheadMs` ahead of the computer's. */
    const platformAnswers = (aheadMs: number): void => {
      if (platform === null) throw new Error('set up with platformClock: true')
      for (let i = 0; i < 2; i++) {
        const reading = platform.reading()
        platform.record({ sent: reading, received: reading, serverTime: clock.now() + aheadMs })
      }
    }
    return {
      store,
      db,
      clock,
      platform,
      platformAnswers,
      notifier,
      power,
      scheduler,
      update,
      book,
      titles,
      withdrawn,
      dir,
    }
  }
}

/** Minutes from FIXTURE_NOW. */
export const at = (minutes: number): number => FIXTURE_NOW + minutes * MINUTE

/**
 * Presses routed as the core routes them (NotificationActions over this scheduler and notifier):
 * Start is recorded, not sent; `connectionSettled`, when given, is the connection attempt a press waits for.
 */
export function routedPresses(
  kit: { readonly scheduler: ReminderScheduler; readonly notifier: Notifier },
  connectionSettled?: () => Promise<void> | null,
) {
  const started: string[] = []
  const notices: AppNotice[] = []
  const focus: FocusRequest[] = []
  const actions = new NotificationActions({
    commands: {
      accept: () => Promise.reject(new Error('no invites here')),
      decline: () => Promise.reject(new Error('no invites here')),
      start: ({ sessionId }) => (started.push(sessionId), Promise.resolve({ ok: true, result: {} as never })),
    },
    reminders: kit.scheduler,
    notifier: kit.notifier,
    log: { info: () => {}, warn: () => {}, error: () => {} },
    ...(connectionSettled !== undefined && { connectionSettled }),
  })
  actions.notices.add((notice) => notices.push(notice))
  actions.focusRequests.add((request) => focus.push(request))
  return { actions, started, notices, focus }
}

/** The session as the client's cancel at `now` leaves it. */
export function cancelledByClient(session: Session, now: number): Session {
  const cancellation = {
    reason: 'client_cancelled',
    feeAssessedTo: null,
    cancelledAt: now,
    by: 'client',
  } as const
  return { ...session, state: 'cancelled', updatedAt: now, cancellation }
}
