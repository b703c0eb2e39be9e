/** How long the link waits for what; tests and benches override some of them. */

/** Timings, overridable by tests and benches. */
export interface LinkTimings {
  /** How long a connection attempt may go without a byte of its handshake or welcome arriving. */
  readonly connectTimeoutMs: number
  /** How long a command waits for its acknowledgement; after this long a replay page counts as slow. */
  readonly ackTimeoutMs: number
  /** How long a replay may go unanswered before the platform counts as stuck and gets a new connection. */
  readonly replayGiveUpMs: number
  /**
   * How long a replay page should take to cross at the rate the last one came: well under the
   * platform's heartbeat timeout, since its ping waits behind the page on the wire.
   */
  readonly pageCrossingMs: number
  /** After this long without a word from the platform (it pings more often), the link is probed. */
  readonly silenceLimitMs: number
  /** How long a probe may go unanswered before the connection counts as dead and is replaced. */
  readonly probeTimeoutMs: number
  /**
   * How long a welcomed connection must stay up (unless it catches up sooner) before it counts as
   * a success that resets the backoff, should the platform break it for a protocol violation.
   */
  readonly steadyAfterMs: number
}

/**
 * How long a link may carry nothing at all, a message part way across it or not, before it counts
 * as dead: the silence and the probe's time, the span a link gone quiet gets.
 */
export function stallLimitMs(timings: Pick<LinkTimings, 'silenceLimitMs' | 'probeTimeoutMs'>): number {
  return timings.silenceLimitMs + timings.probeTimeoutMs
}

// Silence and probe together stay under the fifteen seconds in which a dead link must be noticed.
/** The timings of a link nobody overrides. */
export const defaultLinkTimings: LinkTimings = {
  connectTimeoutMs: 5_000,
  ackTimeoutMs: 10_000,
  replayGiveUpMs: 60_000,
  pageCrossingMs: 2_000,
  silenceLimitMs: 8_000,
  probeTimeoutMs: 5_000,
  steadyAfterMs: 30_000,
}
