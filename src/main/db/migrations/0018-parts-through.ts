/**
 * How far the rows of the last snapshot sent in parts run past its cursor, kept across a restart:
 * an event the replay after it brings that is older than such a row is no fault of the platform,
 * and a Standby stopped before that replay must not tell the expert it is once it starts again
 * (src/main/core/sync/event-batch.ts).
 */
import type Database from 'better-sqlite3'
import type { Migration } from '../../../shared/sqlite/migrate'

/** Adds sync_state.parts_through: the newest event a part of the last snapshot held; null when none is ahead. */
export const m0018PartsThrough: Migration<Database.Database> = {
  version: 18,
  name: '0018-parts-through',
  up(db) {
    db.exec('ALTER TABLE sync_state ADD COLUMN parts_through INTEGER;')
  },
}
