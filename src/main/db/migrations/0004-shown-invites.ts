/**
 * Which invites were shown, kept apart from the invites themselves: a snapshot removes the invites
 * it does not hold, and an invite the platform then sends again (a snapshot taken behind the
 * app's cursor, a replay over it) must not be shown a second time.
 */
import type Database from 'better-sqlite3'
import type { Migration } from '../../../shared/sqlite/migrate'

/** Adds shown_invites, filled from invites.notified_at. */
export const m0004ShownInvites: Migration<Database.Database> = {
  version: 4,
  name: '0004-shown-invites',
  up(db) {
    db.exec(`
      CREATE TABLE shown_invites (id TEXT PRIMARY KEY, at INTEGER NOT NULL) WITHOUT ROWID;
      INSERT INTO shown_invites (id, at) SELECT id, notified_at FROM invites WHERE notified_at IS NOT NULL;
    `)
  },
}
