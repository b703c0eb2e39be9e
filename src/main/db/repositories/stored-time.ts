/**
 * The cache writes every time as a whole number of milliseconds the protocol carries; a damaged or
 * edited file can hold anything in those columns (text, a fraction, the epoch). Read as a time,
 * such a value shows a reminder at once (text compares as no time, the epoch as long past) or
 * makes a session look moved: a row whose time is none is left unread, as if it were not kept.
 */
import { EARLIEST_TIMESTAMP, LATEST_TIMESTAMP } from '../../../shared/protocol/time'

/** SQL that holds when `column` is a time as the cache writes one. */
export function storedTime(column: string): string {
  return `(typeof(${column}) = 'integer' AND ${column} BETWEEN ${EARLIEST_TIMESTAMP} AND ${LATEST_TIMESTAMP})`
}
