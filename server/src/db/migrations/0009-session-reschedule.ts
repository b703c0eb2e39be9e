/**
 * An expert may propose another time for a booked session; the proposal and the client's answer
 * are kept with the session. Sessions stored before have had none.
 */
import type Database from 'better-sqlite3'
import type { Migration } from '../../../../src/shared/sqlite/migrate'

/** Adds `sessions.reschedule` (the latest proposal as JSON), null for every session already stored. */
export const m0009SessionReschedule: Migration<Database.Database> = {
  version: 9,
  name: '0009-session-reschedule',
  up(db) {
    db.exec(`
      ALTER TABLE sessions ADD COLUMN reschedule TEXT CHECK (reschedule IS NULL OR json_valid(reschedule));
      CREATE INDEX sessions_pending_reschedule ON sessions (id)
        WHERE json_extract(reschedule, '$.state') = 'pending';
    `)
  },
}
