/**
 * What the app itself did, as opposed to what the platform sent: which invites were already shown
 * as a notification and which reminders fired or were skipped, so a restart repeats neither.
 */
import type Database from 'better-sqlite3'
import type { Migration } from '../../../shared/sqlite/migrate'

/** Adds invites.notified_at and the reminders table. */
export const m0002ReminderAndNotificationState: Migration<Database.Database> = {
  version: 2,
  name: '0002-reminder-and-notification-state',
  up(db) {
    db.exec(`
      ALTER TABLE invites ADD COLUMN notified_at INTEGER;

      -- No foreign key to sessions: a reminder may be recorded while a sync removes its session,
      -- and that must not fail. Snapshots prune the rows of sessions that no longer exist.
      CREATE TABLE reminders (
        session_id TEXT NOT NULL,
        minutes_before INTEGER NOT NULL CHECK (minutes_before >= 0),
        outcome TEXT NOT NULL CHECK (outcome IN ('fired', 'skipped')),
        at INTEGER NOT NULL,
        PRIMARY KEY (session_id, minutes_before)
      ) WITHOUT ROWID;
    `)
  },
}
