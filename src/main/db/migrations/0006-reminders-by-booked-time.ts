/**
 * Reminder state keyed by session, booked time and alert: a session rebooked for another time
 * reminds again for its new time, and the alerts that are not reminders (the client has not
 * joined, cancelled, the client joined) are remembered the same way, so a restart repeats none.
 */
import type Database from 'better-sqlite3'
import type { Migration } from '../../../shared/sqlite/migrate'

/** Rebuilds `reminders` with booked_start and a named alert (rows of cached sessions carry over); adds reminder_snoozes. */
export const m0006RemindersByBookedTime: Migration<Database.Database> = {
  version: 6,
  name: '0006-reminders-by-booked-time',
  up(db) {
    db.exec(`
      CREATE TABLE reminders_by_time (
        session_id TEXT NOT NULL,
        booked_start INTEGER NOT NULL,
        alert TEXT NOT NULL CHECK (length(alert) BETWEEN 1 AND 32),
        outcome TEXT NOT NULL CHECK (outcome IN ('fired', 'skipped')),
        at INTEGER NOT NULL,
        PRIMARY KEY (session_id, booked_start, alert)
      ) WITHOUT ROWID;
      -- The old rows were for the time the session is booked at now; "0 minutes before" was the
      -- one "starting now". Rows of sessions no longer cached had no use and stay behind.
      INSERT INTO reminders_by_time (session_id, booked_start, alert, outcome, at)
        SELECT r.session_id, s.booked_start,
               CASE r.minutes_before WHEN 0 THEN 'starting_now' ELSE CAST(r.minutes_before AS TEXT) END,
               r.outcome, r.at
        FROM reminders r JOIN sessions s ON s.id = r.session_id;
      DROP TABLE reminders;
      ALTER TABLE reminders_by_time RENAME TO reminders;

      -- One snoozed reminder per session, shown again at \`at\` if the session is still booked then.
      CREATE TABLE reminder_snoozes (
        session_id TEXT PRIMARY KEY,
        booked_start INTEGER NOT NULL,
        at INTEGER NOT NULL
      ) WITHOUT ROWID;
    `)
  },
}
