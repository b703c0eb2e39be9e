/**
 * Snooze pressed while the platform's time is still a guess waits for the time before it is saved
 * (a snooze saved by a guess days off comes back days late or at once). A press that waited was
 * lost when Standby quit first: it is kept here meanwhile, with the booked start and the request
 * the reminder named, and the next run snoozes it once the time is known, if the session is still
 * booked as the reminder said.
 */
import type Database from 'better-sqlite3'
import type { Migration } from '../../../shared/sqlite/migrate'

/** Adds `snoozes_awaiting_time`: one Snooze press per session waiting for the platform's time. */
export const m0023SnoozesAwaitingTime: Migration<Database.Database> = {
  version: 23,
  name: '0023-snoozes-awaiting-time',
  up(db) {
    db.exec(`
      CREATE TABLE snoozes_awaiting_time (
        session_id TEXT PRIMARY KEY,
        booked_start INTEGER NOT NULL,
        request_id TEXT NOT NULL,
        at INTEGER NOT NULL
      ) WITHOUT ROWID`)
  },
}
