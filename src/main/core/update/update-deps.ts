/** What the update policy needs from its host, and how often it acts. */
import type { BackoffRange } from '../../../shared/backoff'
import type { Clock } from '../../../shared/clock'
import type { Session } from '../../../shared/protocol/entities'
import type { UpdateChannel } from '../../../shared/update/update-state'
import type { Logger } from '../ports/logger'
import type { Notifier } from '../ports/notifier'
import type { Power } from '../ports/power'
import type { Updater } from '../ports/updater'

/** How often the policy checks, and how it backs off after a failure. */
export interface UpdateTimings {
  readonly checkEveryMs: number
  /** A check lands up to this much before or after its time, so every app does not ask at once. */
  readonly jitterMs: number
  readonly retry: BackoffRange
  /** A check still unanswered after this long has failed: a silent server must not stop all later checks. */
  readonly checkTimeoutMs: number
  /** A download bringing under downloadFloorBytes in this long has stalled: it fails and is tried again later. */
  readonly downloadStallMs: number
  /** The fewest bytes a download must bring in each downloadStallMs to count as progressing. */
  readonly downloadFloorBytes: number
  /** The longest one download may take before it is cancelled and tried again later. */
  readonly downloadDeadlineMs: number
  /** A check a page asks for this soon after the last one it asked for is answered by that one. */
  readonly askedGapMs: number
  /**
   * The first check waits for the connection, so it does not compete with the catch-up, but no
   * longer than this: a Standby that cannot connect (signed out, the platform down, or refused as
   * too old to speak its protocol) still finds the update that would let it.
   */
  readonly firstCheckUnconnectedMs: number
}

/**
 * Every four hours, give or take half an hour; retries from a minute up to the regular period; a
 * download may go quiet for a few minutes (a slow mirror) before it counts as stalled, must bring
 * a quarter of a mebibyte in that time (a hundredth of a poor mobile link; bytes trickling in are no
 * progress), and may take as long as a whole update at dial-up speed before it is tried again; the
 * first check waits a few minutes for a connection that is normally up in seconds.
 */
export const DEFAULT_UPDATE_TIMINGS: UpdateTimings = {
  checkEveryMs: 4 * 60 * 60_000,
  jitterMs: 30 * 60_000,
  retry: { startMs: 60_000, capMs: 4 * 60 * 60_000 },
  checkTimeoutMs: 2 * 60_000,
  downloadStallMs: 5 * 60_000,
  downloadFloorBytes: 256 * 1024,
  downloadDeadlineMs: 4 * 60 * 60_000,
  askedGapMs: 10_000,
  firstCheckUnconnectedMs: 5 * 60_000,
}

/** What the policy reads and drives. */
export interface UpdatePolicyDeps {
  readonly updater: Updater
  /** The computer's clock: timers and the time of the last check. */
  readonly clock: Clock
  /** The platform's time, which the sessions' times follow. */
  readonly platformNow: () => number
  /** The booked and live sessions, from the cache. */
  readonly sessions: () => ReadonlyArray<Session>
  readonly channel: () => UpdateChannel
  readonly power: Power
  readonly notifier: Notifier
  readonly log: Logger
  /** Where the app can be downloaded by hand. */
  readonly manualDownloadUrl: string
  readonly random?: () => number
  readonly formatTime?: (t: number) => string
  readonly timings?: Partial<UpdateTimings>
}

/** The answer to "Restart to update". */
export type RestartOutcome = { readonly ok: true } | { readonly ok: false; readonly message: string }
