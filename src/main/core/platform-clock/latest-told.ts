/** The latest platform time told, which the deadlines' clock (platform-clock.ts) never goes before. */

/**
 * How far back the deadlines' clock holds: a new estimate this much behind the latest time told is
 * taken for the estimate's noise (a slow answer), one further behind for the platform's own clock
 * set back, which the platform's rules follow too, so the deadlines follow it instead of taking
 * every new invite for an expired one until the platform's time catches up.
 */
const DEADLINE_HOLD_MS = 30_000

/** The latest measured platform time told since the last reset. */
export class LatestTold {
  private latest = Number.NEGATIVE_INFINITY

  /** A measured platform time was told. */
  told(now: number): void {
    this.latest = now < this.latest - DEADLINE_HOLD_MS ? now : Math.max(this.latest, now)
  }

  /** `now`, or the latest time told when that is later. */
  atLeast(now: number): number {
    return Math.max(now, this.latest)
  }

  /** Forget the times told: signed out, or another platform. */
  reset(): void {
    this.latest = Number.NEGATIVE_INFINITY
  }
}
