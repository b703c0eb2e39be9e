/**
 * Whether the last snapshot left entities out as too large for any message (the platform names
 * them: src/main/core/sync/left-out-entities.ts), kept across a restart: every catch-up starts from
 * a snapshot until one leaves nothing out, so an entity the platform mends arrives. Known to one
 * run only, a restart went on from the cursor, past the entity, and it was missing for good.
 */
import type Database from 'better-sqlite3'
import type { Migration } from '../../../shared/sqlite/migrate'

/** Adds sync_state.left_out: 1 when the last snapshot left any entity out; null when it left none. */
export const m0024SnapshotLeftOut: Migration<Database.Database> = {
  version: 24,
  name: '0024-snapshot-left-out',
  up(db) {
    db.exec('ALTER TABLE sync_state ADD COLUMN left_out INTEGER;')
  },
}
