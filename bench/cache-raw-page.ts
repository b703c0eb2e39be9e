/**
 * The baseline of the cache's cold-open bench: the first upcoming page as a hand-written
 * better-sqlite3 app reads it from the same file. The page shows each session's request (its
 * title, and a live session's description), so the app must join `requests` and parse both JSON
 * texts; it needs no checks, migrations or pragmas, and none are done.
 */
import type Database from 'better-sqlite3'

/** A session of the page with its request, as parsed from the two stored JSON texts. */
export interface RawPageSession {
  readonly id: string
  readonly request: unknown
}

/**
 * Live sessions, and booked ones starting at or after `from`, soonest first: the app's rule and
 * order, so both sides of the bench show the same rows.
 */
export function rawUpcomingPage(
  db: Database.Database,
  from: number,
  limit: number,
): ReadonlyArray<RawPageSession> {
  const rows = db
    .prepare<[number, number], { session: string; request: string }>(
      `SELECT sessions.json AS session, requests.json AS request FROM sessions
       JOIN requests ON requests.id = sessions.request_id
       WHERE state IN ('booked', 'live') AND (state = 'live' OR booked_start >= ?)
       ORDER BY booked_start, sessions.id LIMIT ?`,
    )
    .all(from, limit)
  return rows.map((row) => ({
    ...(JSON.parse(row.session) as { id: string }),
    request: JSON.parse(row.request) as unknown,
  }))
}
