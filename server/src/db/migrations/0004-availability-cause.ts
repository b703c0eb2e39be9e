/**
 * Who set an expert's availability, and what to return to when a rule that set it for them ends
 * (a live session, the computer idle or locked): kept here so a restart of either side restores it.
 */
import type Database from 'better-sqlite3'
import type { Migration } from '../../../../src/shared/sqlite/migrate'

/** Adds experts.availability_cause, idle_minutes and the resume_* columns. */
export const m0004AvailabilityCause: Migration<Database.Database> = {
  version: 4,
  name: '0004-availability-cause',
  up(db) {
    db.exec(`
      -- Rows from before keep 'chosen': whatever they hold, the expert set it.
      ALTER TABLE experts ADD COLUMN availability_cause TEXT NOT NULL DEFAULT 'chosen'
        CHECK (availability_cause IN ('chosen','session','idle','screen_locked','online_until'));
      ALTER TABLE experts ADD COLUMN idle_minutes INTEGER;
      -- What a rule's end returns to; NULL while the expert's own choice stands.
      ALTER TABLE experts ADD COLUMN resume_availability TEXT
        CHECK (resume_availability IN ('online','away','busy','offline'));
      ALTER TABLE experts ADD COLUMN resume_online_until INTEGER;
      ALTER TABLE experts ADD COLUMN resume_cause TEXT;
    `)
  },
}
