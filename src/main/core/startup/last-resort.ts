/**
 * What the app does with an error nothing caught: the last resort of a tray app that runs all day.
 * An uncaught exception leaves the process in a state no one can vouch for (a timer that threw is
 * gone for good, a half-done step stays half done), so the app relaunches once: the new run opens
 * the cache and catches up with the platform, which loses nothing. An error that comes back soon
 * after would relaunch it over and over, so a relaunch is allowed only once per RELAUNCH_SPACING_MS,
 * as recorded on disk; within that the app keeps running and says so. A promise that failed with
 * no one to handle it is logged, and the app goes on: it is one task that failed, already over.
 * Nothing here throws: a throw from a last-resort handler ends the process with no word at all.
 */
import type { Clock } from '../../../shared/clock'
import { LINK_CLICKED_AT_SWITCH } from '../deep-links/deep-link-argv'
import type { Logger } from '../ports/logger'

/** How long after a relaunch for an unexpected error another one keeps the app running instead. */
export const RELAUNCH_SPACING_MS = 15 * 60_000

/** The command-line flag of a run relaunched after an unexpected error: it tells the expert why. */
export const RELAUNCHED_AFTER_ERROR_FLAG = '--relaunched-after-error'

/** The notice's id, so a second one takes the first's place instead of stacking. */
const NOTICE_ID = 'unexpected-error'

/** What the relaunched run tells the expert. */
export const RELAUNCHED_NOTICE = {
  kind: 'notice',
  noticeId: NOTICE_ID,
  title: 'Standby restarted after an unexpected error',
  body: 'Nothing was lost; if it keeps happening, Settings › Open log folder has the details to send to support.',
} as const

/** What the expert is told when the app keeps running (it relaunched a short while ago, or cannot). */
export const KEPT_RUNNING_NOTICE = {
  kind: 'notice',
  noticeId: NOTICE_ID,
  title: 'Standby hit an unexpected error',
  body: 'It keeps running, but if invites or reminders stop arriving, quit Standby from the tray and open it again.',
} as const

/** A notice as the last resort tells it. */
export type LastResortNotice = typeof RELAUNCHED_NOTICE | typeof KEPT_RUNNING_NOTICE

/** Whether the app may relaunch now, given the last relaunch recorded (null: none, or unreadable). */
export function mayRelaunch(now: number, lastRelaunchAt: number | null): boolean {
  // One recorded a little ahead of the clock (set back a few minutes) counts as recent, so a clock
  // nudged back cannot open the way to a loop. One further ahead was written by a clock that ran
  // wrong and has been set right: counted recent, it would rule every relaunch out until the clock
  // caught up with it, years maybe. Counted stale, it allows one, whose record is then recent.
  if (lastRelaunchAt === null) return true
  return Math.abs(now - lastRelaunchAt) >= RELAUNCH_SPACING_MS
}

/** The record of a relaunch at `at`, as written to disk. */
export function relaunchRecord(at: number): string {
  return `${JSON.stringify({ relaunchedAt: at })}\n`
}

/** When the record says the app last relaunched; null for no record or one that is not a record. */
export function relaunchedAt(record: string | null): number | null {
  if (record === null) return null
  try {
    const parsed: unknown = JSON.parse(record)
    if (typeof parsed !== 'object' || parsed === null || !('relaunchedAt' in parsed)) return null
    const at = parsed.relaunchedAt
    return typeof at === 'number' && Number.isFinite(at) ? at : null
  } catch {
    return null
  }
}

/**
 * The command line of the relaunched run: this one's, flagged, without a `standby://` link, which
 * this run already opened (a second time would open it again over what the expert is doing), nor
 * the time that link was clicked.
 */
export function relaunchArgs(args: ReadonlyArray<string>): string[] {
  const kept = args.filter(
    (arg) =>
      arg !== RELAUNCHED_AFTER_ERROR_FLAG &&
      !/^standby:/i.test(arg) &&
      !arg.startsWith(`${LINK_CLICKED_AT_SWITCH}=`),
  )
  return [...kept, RELAUNCHED_AFTER_ERROR_FLAG]
}

/** What the last resort needs from the host. */
export interface LastResortDeps {
  readonly log: Logger
  readonly clock: Pick<Clock, 'now'>
  /**
   * Whether a quit is under way (the expert's, or a restart to install an update). A relaunch then
   * would bring back an app the expert quit, or start a second copy beside the installer's.
   */
  readonly quitting: () => boolean
  /** The record of the last relaunch, as written; null when there is none. May throw. */
  readonly readRecord: () => string | null
  /** Writes the record; throws when it cannot (then no relaunch: nothing would stop a loop). */
  readonly writeRecord: (record: string) => void
  /**
   * Quits, and starts the app again once the quit is certain, its command line flagged
   * (relaunchArgs): a quit that is cancelled starts nothing, then or at any later quit.
   */
  readonly relaunch: () => void
  /** Tells the expert in the app's own notification, when there is one to tell it through. */
  readonly tell: (notice: LastResortNotice) => void
}

/** The handlers of an uncaught exception and an unhandled rejection. */
export interface LastResort {
  uncaughtException(error: unknown): void
  unhandledRejection(reason: unknown): void
}

/** The last resort: log, then relaunch once per RELAUNCH_SPACING_MS or keep running and say so. */
export function createLastResort(deps: LastResortDeps): LastResort {
  const { log } = deps
  let relaunching = false
  // Told once a run: an error that repeats (a timer throwing each time) must not flash a notification each time.
  let told = false
  const attempt = (what: string, step: () => void): boolean => {
    try {
      step()
      return true
    } catch (error) {
      logSafely(log, 'warn', `The last resort could not ${what}`, error)
      return false
    }
  }
  // A record that cannot be read (not one that reads as no record) rules a relaunch out: it cannot
  // tell a loop from a first time.
  const mayRelaunchAt = (now: number): boolean => {
    try {
      return mayRelaunch(now, relaunchedAt(deps.readRecord()))
    } catch (error) {
      logSafely(log, 'warn', 'The last resort could not read when the app last relaunched', error)
      return false
    }
  }
  // One that cannot answer counts as no quit: the error is met as at any other time.
  const quitting = (): boolean => {
    try {
      return deps.quitting()
    } catch {
      return false
    }
  }
  return {
    uncaughtException(error) {
      logSafely(log, 'error', 'An unexpected error reached the top of the main process', error)
      // An error while the relaunch winds down (a quit step on the broken state) changes nothing.
      if (relaunching) return
      // An error in a quit already under way: the quit goes on, and the next start is a fresh one.
      if (quitting()) return logSafely(log, 'info', 'A quit is under way: Standby does not relaunch')
      const now = deps.clock.now()
      if (mayRelaunchAt(now) && attempt('record the relaunch', () => deps.writeRecord(relaunchRecord(now)))) {
        relaunching = true
        logSafely(log, 'info', 'Standby relaunches to get back to a known state')
        if (attempt('relaunch', deps.relaunch)) return
        relaunching = false
      } else
        logSafely(
          log,
          'warn',
          'Standby keeps running: it relaunched a short while ago, or cannot read or record a relaunch',
        )
      if (told) return
      told = true
      attempt('tell the expert', () => deps.tell(KEPT_RUNNING_NOTICE))
    },
    unhandledRejection(reason) {
      logSafely(log, 'error', 'A promise failed with no one to handle it; Standby goes on', reason)
    },
  }
}

/** Logs; a log that throws (a full disk the file log did not catch) is ignored here. */
function logSafely(log: Logger, level: 'info' | 'warn' | 'error', message: string, detail?: unknown): void {
  try {
    log[level](message, detail)
  } catch {
    // The last resort goes on: nothing better can be done with its words.
  }
}
