/**
 * A sign-in ends after a long time unused, so the platform keeps when each token was last used.
 * Tokens stored before count as used when they were issued.
 */
import type Database from 'better-sqlite3'
import type { Migration } from '../../../../src/shared/sqlite/migrate'

/** Adds `tokens.last_used_at`, the issue time of every token already stored. */
export const m0013TokenLastUse: Migration<Database.Database> = {
  version: 13,
  name: '0013-token-last-use',
  up(db) {
    db.exec(`ALTER TABLE tokens ADD COLUMN last_used_at INTEGER NOT NULL DEFAULT 0;
             UPDATE tokens SET last_used_at = created_at;`)
  },
}
