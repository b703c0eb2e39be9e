/**
 * The cache writes every time as a whole number of milliseconds; a damaged or edited file can hold
 * anything in those columns (text, a fraction, the epoch). Read as a time, such a value shows a
 * reminder at once (text or a fraction compares as no time) or makes a session look moved: a row
 * whose time is none the cache could have written is left unread, as if it were not kept.
 */
import { EARLIEST_TIMESTAMP, LATEST_TIMESTAMP } from '../../../shared/protocol/time'

/** SQL that holds when `column` is a time the protocol carries (a session's booked start), as the cache writes one. */
export function storedTime(column: string): string {
  return `(typeof(${column}) = 'integer' AND ${column} BETWEEN ${EARLIEST_TIMESTAMP} AND ${LATEST_TIMESTAMP})`
}

/**
 * SQL that holds when `column` is a reading of the computer's clock as the cache writes one: whole
 * milliseconds, in any year (a clock with a dead battery reads 1970, and a snooze then comes back by it).
 */
export function storedClockReading(column: string): string {
  return `(typeof(${column}) = 'integer' AND ${column} BETWEEN ${Number.MIN_SAFE_INTEGER} AND ${Number.MAX_SAFE_INTEGER})`
}
