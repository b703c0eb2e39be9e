/**
 * The expert's private note on a session (src/shared/protocol/private-note.ts): kept here, so a
 * second device and a rebuilt cache see it. Sessions stored before notes existed have none.
 */
import type Database from 'better-sqlite3'
import type { Migration } from '../../../../src/shared/sqlite/migrate'

/** Adds `sessions.private_note`, empty for every session already stored. */
export const m0010SessionPrivateNotes: Migration<Database.Database> = {
  version: 10,
  name: '0010-session-private-notes',
  up(db) {
    db.exec(`ALTER TABLE sessions ADD COLUMN private_note TEXT NOT NULL DEFAULT '';`)
  },
}
