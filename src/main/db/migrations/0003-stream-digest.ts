/**
 * The stream's identity as the app last saw it: the digest of the event at the cursor. The app
 * sends it back with the cursor, so a platform restored from a backup (or created anew) is caught
 * on the next replay instead of being followed from an id that means something else there.
 */
import type Database from 'better-sqlite3'
import type { Migration } from '../../../shared/sqlite/migrate'

/** Adds sync_state.cursor_digest; null means "not known", and the next sync starts from a snapshot. */
export const m0003StreamDigest: Migration<Database.Database> = {
  version: 3,
  name: '0003-stream-digest',
  up(db) {
    db.exec(`ALTER TABLE sync_state ADD COLUMN cursor_digest TEXT;`)
  },
}
