/**
 * The pace of a platform clock out of step with this computer's, kept beside its offset, so a
 * restart does not read it at this computer's pace again until answers show the pace anew
 * (src/main/core/platform-clock/kept-pace.ts decides whether to take it back).
 */
import type Database from 'better-sqlite3'
import type { Migration } from '../../../shared/sqlite/migrate'

/** Adds sync_state.clock_pace_per_ms and clock_pace_gap_ms; null means no pace kept. */
export const m0025ClockPace: Migration<Database.Database> = {
  version: 25,
  name: '0025-clock-pace',
  up(db) {
    db.exec(`
      ALTER TABLE sync_state ADD COLUMN clock_pace_per_ms REAL;
      ALTER TABLE sync_state ADD COLUMN clock_pace_gap_ms INTEGER;
    `)
  },
}
