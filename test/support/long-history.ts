/** A History of long rows: past sessions whose requests carry the longest description a request may. */
import { aRequest, aSession, endedSession, FIXTURE_NOW, sessionUpdated } from './fixtures'
import type { PlatformEvent, Session } from '../../src/shared/protocol'

const MINUTE = 60_000

/** Past session `n` (an hour apart, most recent first by `n`) with a description of `length` characters. */
export function longPast(n: number, length = 20_000): Session {
  const bookedStart = FIXTURE_NOW - (n + 1) * 60 * MINUTE
  const booked = aSession({
    id: `ses_${String(n).padStart(5, '0')}`,
    request: aRequest({ id: `req_${n}`, description: `${n} `.padEnd(length, 'é') }),
    bookedStart,
  })
  return endedSession(booked, bookedStart + 30 * MINUTE)
}

/** The events that put `count` long past sessions in a cache. */
export function longHistory(count: number, length?: number): PlatformEvent[] {
  return Array.from({ length: count }, (_, n) => sessionUpdated(n + 1, longPast(n, length)))
}
