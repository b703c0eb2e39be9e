/**
 * An expert may leave the client a closing note on ending a session. Sessions ended before there
 * were notes keep none.
 */
import type Database from 'better-sqlite3'
import type { Migration } from '../../../../src/shared/sqlite/migrate'

/** Adds `sessions.closing_note`, null for every session already stored. */
export const m0011ClosingNote: Migration<Database.Database> = {
  version: 11,
  name: '0011-closing-note',
  up(db) {
    db.exec(`ALTER TABLE sessions ADD COLUMN closing_note TEXT;`)
  },
}
