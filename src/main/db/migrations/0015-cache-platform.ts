/**
 * The platform the cache was filled from, kept past a restart: after a refused token the stored
 * sign-in is forgotten but the cache is kept for reading offline, and a sign-in to another
 * platform as the same expert id must still empty it (src/main/core/cache-source.ts).
 */
import type Database from 'better-sqlite3'
import type { Migration } from '../../../shared/sqlite/migrate'

/** Adds sync_state.platform_url; null means not known (a cache filled before this migration). */
export const m0015CachePlatform: Migration<Database.Database> = {
  version: 15,
  name: '0015-cache-platform',
  up(db) {
    db.exec('ALTER TABLE sync_state ADD COLUMN platform_url TEXT;')
  },
}
