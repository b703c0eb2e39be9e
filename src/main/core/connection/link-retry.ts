/**
 * When the platform link tries again: the count of attempts that failed in a row, and the timer
 * that waits out the backoff (backoff.ts) before the next one. A wake or a network change cuts the
 * wait short, though never to less than the first backoff step after the last attempt a wake set
 * off: a network that flaps many times a second would otherwise set off an attempt at every change.
 * An attempt a wake set off that fails is followed by one more a first step later, not the streak's
 * backoff: opened after a while offline, a computer whose network was up a moment after its wake
 * (no further change to tell of it) would otherwise wait the backoff's cap.
 */
import { steadyNow, type Clock, type TimerHandle } from '../../../shared/clock'
import { BACKOFF_START_MS, backoffDelay } from './backoff'

/** The waiting state a scheduled retry puts the link in. */
export interface RetryWait {
  readonly attempt: number
  readonly nextAttemptAt: number
}

/** The link's attempts in a row and its timer for the next one. */
export class LinkRetry {
  /** Attempts that failed in a row since the last welcome. */
  attempt = 0
  private timer: TimerHandle | undefined
  /** When the waiting retry is due (steady clock). */
  private dueAt = Number.POSITIVE_INFINITY
  /** When the last attempt a wake set off began (steady clock). */
  private lastWakeAt = Number.NEGATIVE_INFINITY
  /** The attempt under way was set off by a wake: should it fail, the next goes after a first step. */
  private afterWake = false
  /** No attempt before this (steady clock), a wake's included: the wait a busy platform asked. */
  private notBefore = Number.NEGATIVE_INFINITY

  constructor(
    private readonly clock: Clock,
    /** In [0, 1): the backoff's jitter. */
    private readonly random: () => number,
    /** The time in which the next attempt's moment is told. */
    private readonly platformTime: Pick<Clock, 'now'>,
  ) {}

  /**
   * Count one more failed attempt and run `connect` once its backoff has passed, and no sooner than
   * `askedMs` (a busy platform's Retry-After) plus up to a quarter more: a platform refusing many
   * apps at once asks them all for the same wait, and they must not all come back together.
   */
  later(connect: () => void, askedMs?: number): RetryWait {
    this.attempt++
    const asked = askedMs === undefined ? 0 : Math.round(askedMs * (1 + 0.25 * this.random()))
    this.notBefore = steadyNow(this.clock) + asked
    if (!this.afterWake)
      return this.schedule(Math.max(asked, backoffDelay(this.attempt, this.random())), connect)
    this.afterWake = false
    // Once, and counted as a wake's for the flap floor: the streak goes on should it fail too.
    const floor = Math.max(asked, this.lastWakeAt + BACKOFF_START_MS - steadyNow(this.clock))
    return this.schedule(Math.max(backoffDelay(1, this.random()), floor), () => {
      this.lastWakeAt = steadyNow(this.clock)
      connect()
    })
  }

  /** The platform let the link in: the streak, and what a wake set off, are over. */
  ended(): void {
    this.attempt = 0
    this.afterWake = false
    this.notBefore = Number.NEGATIVE_INFINITY
  }

  /**
   * After a wake or a network change, while waiting: 'now' when the next attempt may go at once;
   * otherwise the retry is brought forward to the first backoff step after the last attempt a wake
   * set off (unless it is due sooner), and the new wait is returned (undefined when unchanged).
   */
  woke(connect: () => void): RetryWait | 'now' | undefined {
    const now = steadyNow(this.clock)
    // A network change does not make a busy platform less busy: its wait is kept.
    if (now < this.notBefore) return undefined
    const soonest = this.lastWakeAt + BACKOFF_START_MS
    if (now >= soonest) {
      this.lastWakeAt = now
      this.afterWake = true
      return 'now'
    }
    if (soonest >= this.dueAt) return undefined
    return this.schedule(soonest - now, () => {
      this.lastWakeAt = steadyNow(this.clock)
      this.afterWake = true
      connect()
    })
  }

  /** Cancel the retry waiting, if any. */
  cancel(): void {
    this.timer?.cancel()
    this.timer = undefined
    this.dueAt = Number.POSITIVE_INFINITY
  }

  private schedule(delay: number, connect: () => void): RetryWait {
    this.timer?.cancel()
    this.timer = this.clock.setTimeout(connect, delay)
    this.dueAt = steadyNow(this.clock) + delay
    return { attempt: this.attempt, nextAttemptAt: this.platformTime.now() + delay }
  }
}
