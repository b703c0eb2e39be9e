/**
 * What a failed catch-up leads to. A stream that cannot be followed stops; anything else is tried
 * again after a wait that grows to a bound, since a full disk or a platform refusing replays is not
 * fixed in a second, jittered, so the apps of a platform that refused them all do not come back at
 * the same moment. Saving to the cache failing (a full disk, a read-only profile) is told to the
 * expert once, with what to do; the connection line says the same meanwhile, and the notice is
 * withdrawn once saving works again, since nothing is left to do about it. Any other failure is
 * shown only once it happened twice in a row: a single one on a flaky network is retried within a
 * second and mostly succeeds, and showing it would flash "offline" for nothing. A catch-up that
 * keeps failing on a connection the platform holds open is told once as a notice too: the platform
 * counts the expert as there and sends them invites that never reach the screen, and an expert
 * watching only the tray icon would not know to tell its support. It is withdrawn once caught up.
 */
import { jitteredBackoff, type BackoffRange } from '../../../shared/backoff'
import type { Logger } from '../ports/logger'
import type { Notifier } from '../ports/notifier'
import { storageRemedy as remedy } from '../storage-remedy'
import { StreamNotFollowable } from './snapshot-assembly'
import type { SyncState } from './sync-state'
import { errorMessage } from '../../../shared/error-message'
import { steadyNow, type Clock } from '../../../shared/clock'
import { FailureStreakLog } from '../connection/failure-streak-log'
import { ReplayRefused } from '../connection/replay-request'

/** A write to the cache failed; `cause` is the driver's error. */
export class CacheWriteFailed extends Error {
  constructor(cause: unknown) {
    super(errorMessage(cause), { cause })
    this.name = 'CacheWriteFailed'
  }
}

/** Run a write to the cache, naming a failure as the cache's rather than the platform's. */
export function cacheWrite<T>(work: () => T): T {
  try {
    return work()
  } catch (error) {
    throw error instanceof CacheWriteFailed ? error : new CacheWriteFailed(error)
  }
}

/** The wait before the next try after failed catch-ups in a row. */
const RETRY_WAIT: BackoffRange = { startMs: 1_000, capMs: 60_000 }

/**
 * Failures in a row before the connection line shows one that is not about saving: the first is
 * retried after the shortest wait, so the expert hears of a catch-up that stays failing only.
 */
const SHOWN_FROM_FAILURE = 2

/** Which notice this is, so saving that works again can withdraw it. */
const NOTICE_ID = 'cache-write-failed'

/**
 * How long catching up fails (steady clock) before the expert is told by a notice: longer than a
 * platform's hiccup or a restart takes, short against the invites a broken stream keeps from them.
 */
export const STILL_FAILING_NOTICE_AFTER_MS = 2 * 60_000

/** Which notice tells a catch-up that keeps failing, so catching up can withdraw it. */
const STILL_FAILING_ID = 'catch-up-failing'

/** What to do after a failed catch-up. */
export type AfterFailure =
  /** Stop: asking again would get the same answer. */
  | { readonly kind: 'stuck'; readonly message: string }
  /**
   * Try again in `wait`. `state`: what syncing shows meanwhile, `failing` with why and what to do,
   * or still `catching_up` for a first failure that is not worth showing yet.
   * `smallerPages`: the link failed, perhaps behind a page too large for it.
   */
  | {
      readonly kind: 'retry'
      readonly wait: number
      readonly state: SyncState
      readonly smallerPages: boolean
    }

/** The failed catch-ups of one sync engine, and the notice about saving that fails. */
export class CatchUpFailures {
  private inARow = 0
  private cannotSave = false
  /** When (steady clock) the failures in a row began; null while caught up. */
  private failingSince: number | null = null
  /** The expert was told by a notice that catching up keeps failing. */
  private toldStillFailing = false
  /** A catch-up failing the same way for hours is a line an hour in the log, not one a try. */
  private readonly logged: FailureStreakLog

  constructor(
    private readonly deps: {
      /** What the log's hourly reminder of a streak of failures is timed by. */
      readonly clock: Clock
      readonly notifier: Notifier
      readonly log: Logger
      /** In [0, 1), for the jitter; injectable so tests get predictable waits. */
      readonly random?: () => number
    },
  ) {
    this.logged = new FailureStreakLog(deps.clock, deps.log)
  }

  /**
   * A catch-up (or a live event) failed with `error` at `now`: say so, and what to do next.
   * `connected`: the platform still holds the connection open, so it counts the expert as there.
   */
  failed(error: unknown, now: number, connected = true): AfterFailure {
    const message = errorMessage(error)
    if (error instanceof StreamNotFollowable) {
      this.deps.log.error(`Cannot follow the platform's events: ${message}`)
      return { kind: 'stuck', message }
    }
    const backoff = jitteredBackoff(RETRY_WAIT, ++this.inARow, (this.deps.random ?? Math.random)())
    // A platform that said how long it is too busy is asked again no sooner (the schema bounds the wait).
    const asked = error instanceof ReplayRefused ? (error.retryAfterMs ?? 0) : 0
    const wait = Math.max(backoff, asked)
    // With no connection, the next try is the next connection's catch-up, whenever the link makes one.
    const again = connected ? `in ${Math.ceil(wait / 1000)} s` : 'once connected again'
    this.failingSince ??= steadyNow(this.deps.clock)
    if (!(error instanceof CacheWriteFailed)) {
      if (connected) this.tellIfStillFailing(message)
      this.logged.failed({
        level: 'warn',
        text: `Catching up with the platform stopped: ${message}`,
        detail: `; trying again ${again}`,
      })
      const line = `Standby could not catch up with the platform (${message}), so new invites wait. If this goes on, the platform may be having trouble: check the address you signed in with, or tell the platform's support.`
      const shown = this.inARow >= SHOWN_FROM_FAILURE
      return {
        kind: 'retry',
        wait,
        state: shown ? failing(line, now + wait) : { kind: 'catching_up' },
        smallerPages: true,
      }
    }
    this.logged.failed({
      level: 'error',
      text: `Could not save what the platform sent to the offline cache (${message}), so new invites wait. ${remedy(error)}`,
      detail: `; trying again ${again}.`,
    })
    if (!this.cannotSave) {
      this.cannotSave = true
      this.deps.notifier.show({
        kind: 'notice',
        noticeId: NOTICE_ID,
        title: 'Standby cannot save new invites',
        body: `Saving to this computer failed (${message}), so new invites and changes are not arriving. ${remedy(error)}; Standby keeps trying and catches up by itself.`,
      })
    }
    return {
      kind: 'retry',
      wait,
      state: failing(
        `Standby cannot save to this computer (${message}), so new invites wait. ${remedy(error)}.`,
        now + wait,
      ),
      smallerPages: false,
    }
  }

  /** Tell the expert, once a streak, that catching up has failed for long on an open connection. */
  private tellIfStillFailing(message: string): void {
    const since = this.failingSince ?? steadyNow(this.deps.clock)
    if (this.toldStillFailing || steadyNow(this.deps.clock) - since < STILL_FAILING_NOTICE_AFTER_MS) return
    this.toldStillFailing = true
    this.deps.log.error(`Catching up with the platform keeps failing (${message}); told the expert`)
    this.deps.notifier.show({
      kind: 'notice',
      noticeId: STILL_FAILING_ID,
      title: 'Standby cannot catch up with the platform',
      body: `Catching up keeps failing (${message}), so new invites and changes are not reaching you, though the platform may count you as available. Standby keeps trying and catches up by itself; if this lasts, tell the platform’s support, and check its dashboard meanwhile.`,
    })
  }

  /** Caught up: the next failure waits the shortest time, and the notices about failing are withdrawn. */
  caughtUp(): void {
    this.inARow = 0
    this.failingSince = null
    this.logged.ended()
    if (this.toldStillFailing) {
      this.toldStillFailing = false
      this.deps.notifier.show({
        kind: 'notice_withdrawn',
        noticeId: STILL_FAILING_ID,
        title: 'Standby caught up with the platform',
        body: 'New invites and changes arrive again.',
      })
    }
    if (!this.cannotSave) return
    this.cannotSave = false
    this.deps.log.info('Saving to the offline cache works again; caught up with the platform')
    this.deps.notifier.show({
      kind: 'notice_withdrawn',
      noticeId: NOTICE_ID,
      title: 'Standby saves new invites again',
      body: 'It caught up with the platform.',
    })
  }
}

/** Catching up fails: `message` says why and what to do; the next try is at `nextAttemptAt`. */
function failing(message: string, nextAttemptAt: number): SyncState {
  return { kind: 'failing', message, nextAttemptAt }
}
