/**
 * After the cache is emptied (a sign-out, another expert signing in), what it held must not stay
 * readable on disk. `secure_delete` (open-checked.ts) overwrites the deleted rows' pages, but the
 * search index keeps the words of deleted sessions in its segments until they are merged, and the
 * WAL keeps every page as it was written until it is checkpointed and cut back. The damaged copies
 * kept aside for support (quarantine.ts) hold the same words and go too, as does a whole copy that
 * a write-back interrupted at an earlier quit left beside the file (write-back.ts).
 */
import type Database from 'better-sqlite3'
import { removeInterruptedWrites } from '../node/atomic-file'
import { removeQuarantined } from './quarantine'

/**
 * Rewrite the (now empty) search index, rewrite the file from what is left (free pages and all
 * they held are dropped; the cache is nearly empty, so this is quick), and copy the WAL into the
 * file, cutting it to nothing. Best effort: the rows are gone either way, and a reader holding
 * the WAL (none in this app) only delays the cut to the next checkpoint.
 */
export function scrubFreedText(db: Database.Database): void {
  try {
    db.exec("INSERT INTO session_search(session_search) VALUES ('rebuild')")
    db.exec('VACUUM')
    db.pragma('wal_checkpoint(TRUNCATE)')
  } catch {
    // The emptying itself succeeded; what is left is only in pages SQLite will reuse.
  }
  if (db.memory) return
  removeQuarantined(db.name)
  removeInterruptedWrites(db.name)
}
