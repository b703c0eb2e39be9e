/**
 * When the platform link tries again: the count of attempts that failed in a row, and the timer
 * that waits out the backoff (backoff.ts) before the next one.
 */
import type { Clock, TimerHandle } from '../../../shared/clock'
import { backoffDelay } from './backoff'

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

  constructor(
    private readonly clock: Clock,
    /** In [0, 1): the backoff's jitter. */
    private readonly random: () => number,
    /** The time in which the next attempt's moment is told. */
    private readonly platformTime: Pick<Clock, 'now'>,
  ) {}

  /** Count one more failed attempt and run `connect` once its backoff has passed. */
  later(connect: () => void): RetryWait {
    this.attempt++
    const delay = backoffDelay(this.attempt, this.random())
    this.timer?.cancel()
    this.timer = this.clock.setTimeout(connect, delay)
    return { attempt: this.attempt, nextAttemptAt: this.platformTime.now() + delay }
  }

  /** Cancel the retry waiting, if any. */
  cancel(): void {
    this.timer?.cancel()
    this.timer = undefined
  }
}
