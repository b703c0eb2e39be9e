/**
 * The run's checkpoints: the WAL copied back into the cache file every few seconds. A file made
 * read-only meanwhile (an immutable flag, a disk remounted read-only) fails each one while what is
 * saved still goes into the WAL: told once, with the files and what undoes it, and told again as
 * over at the first checkpoint that works.
 */
import type Database from 'better-sqlite3'
import type { CacheNotWritable } from '../core/cache-not-writable'
import type { CacheOwner } from './cache-owner'
import { isDamage } from './damage-watch'
import { refusedWrite } from './write-refused'

/** How often the WAL is copied back into the file; the copy does nothing when nothing was written. */
export const CHECKPOINT_EVERY_MS = 5_000

/** What the checkpoints of one open cache need. */
export interface Checkpoints {
  /** The cache file, whose refusals are told by it. */
  readonly path: string
  /** Whether the file at the path is still this run's to write; told of every checkpoint. */
  readonly owner: CacheOwner
  /** A checkpoint found the file damaged. */
  readonly onDamage: () => void
  /** Housekeeping that must not hold up the open, at every tick first. */
  readonly beforeEach: () => void
  /** After each checkpoint that worked. */
  readonly afterEach: () => void
  /** A checkpoint found the file may no longer be written; null when one works again after that. */
  readonly refused?: ((refusal: CacheNotWritable | null) => void) | undefined
}

/**
 * Copy the WAL back into the database file every CHECKPOINT_EVERY_MS, in a task of its own rather
 * than inside a commit; returns what stops it. A passive checkpoint never waits for a reader or
 * writer. One that fails on an open connection (a full disk, an I/O error, a file made read-only)
 * is tried again at the next tick: SQLite's own checkpoint is off, so stopping would let the WAL
 * grow for the rest of the run once the disk had room again. Only a connection closed elsewhere
 * stops the timer, since every tick would fail.
 */
export function checkpointEvery(db: Database.Database, at: Checkpoints): () => void {
  let told = false
  const timer = setInterval(() => {
    at.beforeEach()
    // Another's file, or an earlier copy, at the path: this run's WAL stays out of it.
    if (!at.owner.mayWrite()) return
    try {
      db.pragma('wal_checkpoint(PASSIVE)')
      at.afterEach()
      if (told) at.refused?.(null)
      told = false
    } catch (error) {
      if (isDamage(error)) at.onDamage()
      if (!db.open) return clearInterval(timer)
      const refusal = told ? null : refusedWrite(at.path, error)
      if (refusal === null) return
      told = true
      at.refused?.(refusal)
    } finally {
      // Told of every checkpoint, those failed part-way included: what they wrote is this run's.
      at.owner.written()
    }
  }, CHECKPOINT_EVERY_MS)
  // The app quits when it is done, whatever the timer.
  timer.unref()
  return () => clearInterval(timer)
}
