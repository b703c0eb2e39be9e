/**
 * The platform clock's offset as last measured, so a start without the platform (offline, or the
 * platform down) judges start windows, expiries and reminders by the platform's time at once
 * instead of the computer's clock (src/main/core/platform-clock/kept-offset.ts decides whether to
 * trust it).
 */
import type Database from 'better-sqlite3'
import type { Migration } from '../../../shared/sqlite/migrate'

/** Adds sync_state.clock_offset_ms and clock_measured_at; null means none kept. */
export const m0014ClockOffset: Migration<Database.Database> = {
  version: 14,
  name: '0014-clock-offset',
  up(db) {
    db.exec(`
      ALTER TABLE sync_state ADD COLUMN clock_offset_ms INTEGER;
      ALTER TABLE sync_state ADD COLUMN clock_measured_at INTEGER;
    `)
  },
}
