/** What the link tells the platform clock, and hears from it, of the platform's time. */
import type { LocalReading, TimeExchange } from '../../../shared/clock-offset'
import type { Listeners } from '../../../shared/listeners'

/** Where the link reports each exchange that carried the platform's time. */
export interface TimeSampleSink {
  /** This computer's clocks now. */
  reading(): LocalReading
  /** An answer came with the platform's time. */
  record(exchange: TimeExchange): void
  /** An answer came with a `serverTime` that is no time at all (the protocol's reading dropped it), as it came. */
  unreadable(said: unknown): void
  /** A live event came stamped `at` by the platform's clock: one far from the estimate asks for an answer. */
  liveEventAt?(at: number): void
  /** An answer would settle a doubt: the link probes now, rather than wait for its next quiet check. */
  readonly measureWanted?: Pick<Listeners<string>, 'add'>
}
