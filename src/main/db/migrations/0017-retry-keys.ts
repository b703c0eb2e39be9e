/**
 * The idempotency keys of commands whose outcome was left open (no answer in time, a connection
 * that dropped), kept across a restart: a message to the client sent again after Standby restarted
 * goes under its first key, so a platform that did send it answers with that send instead of
 * sending it twice (src/main/core/connection/retry-keys.ts).
 */
import type Database from 'better-sqlite3'
import type { Migration } from '../../../shared/sqlite/migrate'

/** Adds `retry_keys`: per sign-in scope (platform and expert) and command, the key and when it was kept. */
export const m0017RetryKeys: Migration<Database.Database> = {
  version: 17,
  name: '0017-retry-keys',
  up(db) {
    db.exec(`
      CREATE TABLE retry_keys (
        scope TEXT NOT NULL,
        command TEXT NOT NULL,
        key TEXT NOT NULL,
        kept_at INTEGER NOT NULL,
        PRIMARY KEY (scope, command)
      ) WITHOUT ROWID;
    `)
  },
}
