/**
 * The platform's own downtime: when it was last seen running, and each span it was down, so that
 * the auto-cancel rule finds nobody absent, and charges nobody a fee, for a time no one could join.
 */
import type Database from 'better-sqlite3'
import type { Migration } from '../../../../src/shared/sqlite/migrate'

/** Adds `platform_meta.alive_at` (unknown for a database written before) and `platform_outages`. */
export const m0014PlatformOutages: Migration<Database.Database> = {
  version: 14,
  name: '0014-platform-outages',
  up(db) {
    db.exec(`
      ALTER TABLE platform_meta ADD COLUMN alive_at INTEGER;
      CREATE TABLE platform_outages (
        down_from INTEGER NOT NULL,
        down_until INTEGER NOT NULL,
        CHECK (down_until > down_from)
      );
      CREATE INDEX platform_outages_by_end ON platform_outages (down_until);
    `)
  },
}
