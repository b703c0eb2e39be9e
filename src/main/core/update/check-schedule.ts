/**
 * When the next update check runs: every few hours with jitter, so every app does not ask at once,
 * and after a failure sooner, backing off with each failure in a row.
 */
import { jitteredBackoff } from '../../../shared/backoff'
import type { Clock, TimerHandle } from '../../../shared/clock'
import type { UpdateTimings } from './update-deps'

/** The one timer of the next check, and the failures in a row its backoff counts. */
export class CheckSchedule {
  private failures = 0
  private checkTimer: TimerHandle | undefined

  constructor(
    private readonly deps: {
      readonly clock: Clock
      readonly timings: UpdateTimings
      readonly random?: () => number
    },
    private readonly due: () => void,
  ) {}

  /** A check was answered: the failures so far no longer count toward the backoff. */
  answered(): void {
    this.failures = 0
  }

  /** The first check, should the connection that starts checks not come first. */
  first(): void {
    this.schedule(this.deps.timings.firstCheckUnconnectedMs)
  }

  /** The next check at the regular time; returns when it runs. */
  regular(): number {
    return this.schedule(this.regularDelay())
  }

  /** One more failure: the next check after the backoff; returns which attempt failed and when. */
  retry(): { readonly attempt: number; readonly at: number } {
    this.failures += 1
    const delay = jitteredBackoff(this.deps.timings.retry, this.failures, this.random())
    return { attempt: this.failures, at: this.schedule(delay) }
  }

  /** No check is planned: one runs now, or the policy stops. */
  cancel(): void {
    this.checkTimer?.cancel()
  }

  private schedule(delayMs: number): number {
    this.checkTimer?.cancel()
    this.checkTimer = this.deps.clock.setTimeout(() => this.due(), delayMs)
    return this.deps.clock.now() + delayMs
  }

  private regularDelay(): number {
    const { checkEveryMs, jitterMs } = this.deps.timings
    return Math.round(checkEveryMs + (this.random() * 2 - 1) * jitterMs)
  }

  private random(): number {
    return (this.deps.random ?? Math.random)()
  }
}
