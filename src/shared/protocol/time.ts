/**
 * Times as they cross the wire: milliseconds since the Unix epoch (UTC), whole, and inside a range
 * that no marketplace rule leaves. The range keeps every sum a rule makes (a start window, an
 * expiry, a countdown) a valid date, so nothing that formats a stored time can throw on it.
 */
import { z } from 'zod'

/** The earliest time the protocol carries: 2000-01-01T00:00:00Z. */
export const EARLIEST_TIMESTAMP = Date.UTC(2000, 0, 1)
/** The latest time the protocol carries: 2200-01-01T00:00:00Z. */
export const LATEST_TIMESTAMP = Date.UTC(2200, 0, 1)

/**
 * The span a working platform's clock reads, narrower than the times the protocol carries: before
 * this protocol existed, or past the end of the century, a clock is broken, not merely off. An app
 * takes no time from a platform's clock outside it (followed decades ahead, every booked session
 * looks long over and each reminder is skipped) and refuses to sign in to such a platform; the
 * platform does not start on such a clock, nor lets a manual clock be advanced out of it.
 */
export const EARLIEST_PLATFORM_CLOCK = Date.UTC(2020, 0, 1)
/** The end of the span a working platform's clock reads (see EARLIEST_PLATFORM_CLOCK); not in it. */
export const LATEST_PLATFORM_CLOCK = Date.UTC(2100, 0, 1)

/** Whether `t` is a time a working platform's clock can read. */
export function isPlausiblePlatformTime(t: number): boolean {
  return Number.isSafeInteger(t) && t >= EARLIEST_PLATFORM_CLOCK && t < LATEST_PLATFORM_CLOCK
}

/** Milliseconds since the Unix epoch, UTC, between EARLIEST_TIMESTAMP and LATEST_TIMESTAMP. */
export const Timestamp = z.number().int().min(EARLIEST_TIMESTAMP).max(LATEST_TIMESTAMP)
/** Milliseconds since the Unix epoch, UTC. */
export type Timestamp = z.infer<typeof Timestamp>

/**
 * The platform's clock as it reads it: a Timestamp, taken to the nearest millisecond when read
 * finer (a clock read from a high-resolution timer), since only the fraction is off the protocol.
 */
export const PlatformTime = z
  .number()
  .transform((t) => Math.round(t))
  .pipe(Timestamp)

/** A length of time in milliseconds: whole, never negative, never longer than the span of Timestamp. */
export const DurationMs = z
  .number()
  .int()
  .min(0)
  .max(LATEST_TIMESTAMP - EARLIEST_TIMESTAMP)

/** Whether `t` is a time the protocol can carry. */
export function isTimestamp(t: number): boolean {
  return Timestamp.safeParse(t).success
}

/** `t` as an ISO 8601 instant; a value no Date can hold is described instead of throwing. */
export function describeInstant(t: number): string {
  const date = new Date(t)
  return Number.isNaN(date.getTime()) ? `an impossible time (${String(t)} ms)` : date.toISOString()
}

/**
 * A stored time made to fit the protocol: a database written before times were bounded may hold
 * any number, and one such row must not make apps refuse the snapshot that holds it. Out-of-range
 * times move to the nearer end of the range; a time that is not a number at all, to the latest.
 */
export function fitTimestamp(t: number): Timestamp {
  if (Number.isNaN(t)) return LATEST_TIMESTAMP
  return Math.min(LATEST_TIMESTAMP, Math.max(EARLIEST_TIMESTAMP, Math.round(t)))
}
