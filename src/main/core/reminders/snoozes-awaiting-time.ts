/**
 * Snooze presses waiting for the platform's time (time-to-judge.ts), kept in the cache meanwhile:
 * the expert was told the reminder is snoozed once the time is known, so a quit before then must
 * not lose the press. What an earlier run left is answered by this run's first known time, as the
 * press would have been: snoozed five minutes from then if the session still waits for the expert
 * at the booked start and for the request the reminder named; otherwise dropped, logged, since the
 * session's own alert (cancelled, moved) tells the expert what became of it. A press whose session
 * the cache does not hold (rebuilt after damage, it carried the press but not the session) waits for
 * the platform to send it, and is dropped when the platform's snapshot comes without it.
 */
import type { Clock } from '../../../shared/clock'
import type { CacheStore, SnoozeAwaitingTime } from '../ports/cache-store'
import type { Logger } from '../ports/logger'
import type { CacheUpdate } from '../sync/cache-push'

/** What keeping presses needs from the scheduler's ports. */
export interface SnoozesAwaitingTimeDeps {
  readonly cache: Pick<
    CacheStore,
    'snoozesAwaitingTime' | 'keepSnoozeAwaitingTime' | 'dropSnoozeAwaitingTime' | 'session'
  >
  readonly clock: Pick<Clock, 'now'>
  readonly log: Logger
}

/** Snooze presses waiting for the platform's time, this run's and those an earlier run left. */
export class SnoozesAwaitingTime {
  /** What an earlier run left waiting, read at this run's start; answered once, by a known time. */
  private earlier: ReadonlyArray<SnoozeAwaitingTime> = []

  constructor(private readonly deps: SnoozesAwaitingTimeDeps) {}

  /** At a start: take what an earlier run left waiting, before any press of this run is kept beside it. */
  carryFromEarlierRun(): void {
    try {
      this.earlier = this.deps.cache.snoozesAwaitingTime()
    } catch (error) {
      // Unread, a press an earlier run kept is not snoozed: the session's next reminder still comes.
      this.deps.log.error('Could not read the snoozes an earlier run kept for the platform’s time', error)
      this.earlier = []
    }
  }

  /** A Snooze press on the reminder shown for `bookedStart` and `requestId` waits for the time; throws when not kept. */
  keep(sessionId: string, bookedStart: number, requestId: string): void {
    this.deps.cache.keepSnoozeAwaitingTime({ sessionId, bookedStart, requestId, at: this.deps.clock.now() })
  }

  /** The session's press was answered (snoozed or refused): nothing is left for a later run. */
  answered(sessionId: string): void {
    this.deps.cache.dropSnoozeAwaitingTime(sessionId)
  }

  /**
   * By a known time: answer each press an earlier run left with `snooze` (false when refused: the
   * session cancelled, started, rebooked at another time or its id another request's), once. A
   * press whose session the cache does not hold waits: a cache rebuilt after damage
   * holds the presses it carried before the platform sends their sessions again.
   */
  answerEarlier(snooze: (press: SnoozeAwaitingTime) => boolean): void {
    const { found, missing } = this.bySession()
    this.earlier = missing
    for (const press of found) this.settle(press, snooze(press))
  }

  /**
   * The platform replaced the cache's sessions (a snapshot): a press still waiting for its session
   * has nothing left to snooze, and is dropped as one refused. Emptied (another expert), nothing an
   * earlier run left is theirs.
   */
  cacheChanged(update: CacheUpdate): void {
    if (update.kind !== 'replaced') return
    if (update.emptied === true) {
      this.earlier = []
      return
    }
    try {
      const { found, missing } = this.bySession()
      this.earlier = found
      for (const press of missing) this.settle(press, false)
    } catch (error) {
      // Kept: the next plan or snapshot tries again.
      this.deps.log.error('Could not drop the snoozes of sessions the platform no longer sends', error)
    }
  }

  /** The presses an earlier run left whose session the cache holds, and those whose session it does not. */
  private bySession(): { found: SnoozeAwaitingTime[]; missing: SnoozeAwaitingTime[] } {
    const found: SnoozeAwaitingTime[] = []
    const missing: SnoozeAwaitingTime[] = []
    for (const press of this.earlier)
      (this.deps.cache.session(press.sessionId) === null ? missing : found).push(press)
    return { found, missing }
  }

  private settle(press: SnoozeAwaitingTime, snoozed: boolean): void {
    this.deps.log.info(
      snoozed
        ? `Snoozed the reminder of session ${press.sessionId} pressed before Standby last quit`
        : `The snooze of session ${press.sessionId} pressed before Standby last quit is dropped: the session changed since`,
    )
    this.answered(press.sessionId)
  }
}
