/**
 * What the cache keeps of the platform's clock for the next start (src/main/core/platform-clock/
 * kept-offset.ts and kept-pace.ts judge whether to take it back).
 */

/** The platform clock's offset as last measured, kept for the next start. */
export interface KeptClockOffset {
  /** Platform time minus this computer's clock. */
  readonly offsetMs: number
  /** The platform's time at the measurement, to judge how far the offset is still worth trusting. */
  readonly measuredAt: number
  /** The pace the platform's clock was then read at, when out of step with this computer's (clock-rate.ts). */
  readonly pace?: KeptClockPace | null
}

/** The pace of a platform clock out of step with this computer's, kept beside its offset. */
export interface KeptClockPace {
  /** Offset gained per millisecond: -1 is a clock standing still. */
  readonly perMs: number
  /** The answer gap it was measured over: it is trusted for two of them. */
  readonly gapMs: number
}
