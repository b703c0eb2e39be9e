/**
 * How long what the platform's time alone decides waits for a measurement (platform-clock.ts):
 * after a start or a reset, for the first one borne out; after a wake over a step of the
 * computer's clock, for the answer that settles it.
 */

/**
 * How long after a start or a sign-in what the platform's time alone decides (a reminder due)
 * waits for its first measurement, borne out by a second answer: the welcome and the first page
 * of the catch-up come within moments of connecting, and until then the time is a guess (the
 * computer's clock, or the offset an earlier run kept) that a clock set wrong since makes hours
 * off, or one answer's word, which may be a wrong one. A platform slower than this is likely out
 * of reach, and the guess is then the best there is.
 */
export const FIRST_MEASURE_WAIT_MS = 15_000

/** When the wait for a measurement began: at the start or reset, and at a wake over a step. */
export class FirstMeasureWait {
  /** The monotonic reading at construction or the last reset: when the wait for a measurement began. */
  private unmeasuredSince: number
  /**
   * The monotonic reading at a wake over a step that no answer has settled since: what is due waits
   * for one. Kept apart from the estimate's doubt, which a later step of the clock (NTP setting it as
   * the network comes back) replaces, while the wake's reading may still be hours wrong.
   */
  private wakeUnsettledSince: number | null = null

  constructor(private readonly monotonic: () => number) {
    this.unmeasuredSince = monotonic()
  }

  /** Begin the wait again: signed out, or about to talk to another platform. */
  restart(): void {
    this.unmeasuredSince = this.monotonic()
    this.wakeUnsettledSince = null
  }

  /** A wake raised a doubt about a step, at the monotonic reading `sinceMono`. */
  wokeOverStep(sinceMono: number): void {
    this.wakeUnsettledSince = sinceMono
  }

  /** An answer came, leaving a doubt about a step or none: true when it settled a wake's. */
  answered(doubtLeft: boolean): boolean {
    const settledWake = this.wakeUnsettledSince !== null && !doubtLeft
    if (settledWake) this.wakeUnsettledSince = null
    return settledWake
  }

  /** Whether a wake over a step awaits the answer that says what the step was, however long ago. */
  wakeUnsettled(): boolean {
    return this.wakeUnsettledSince !== null
  }

  /** How much longer (ms) to wait, by whether the clock is measured and the measurement borne out. */
  remaining(measured: boolean, confirmed: boolean): number {
    // A wake reported just after a setting of the computer's clock reads as the sleep, which puts
    // the time ahead by the setting: what is due waits for the wake's probe to say which it was.
    if (this.wakeUnsettledSince !== null && measured)
      return Math.max(0, this.wakeUnsettledSince + FIRST_MEASURE_WAIT_MS - this.monotonic())
    if (measured && confirmed) return 0
    return Math.max(0, this.unmeasuredSince + FIRST_MEASURE_WAIT_MS - this.monotonic())
  }
}
