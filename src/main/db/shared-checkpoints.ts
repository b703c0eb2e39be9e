/**
 * Whether any connection sharing this cache's WAL (a second copy of Standby, which a restart to
 * update on Linux runs beside the old one for a moment) checkpointed since a given moment: such a
 * checkpoint writes into the file the pages both copies wrote, so the file changing under this run
 * is then no sign of a copy put back. Read from the WAL index (`-shm`), which every connection on
 * the WAL keeps up to date (https://sqlite.org/walformat.html#the_wal_index_file_format): its
 * header's salts, renewed (the first one counted up) at each restart of the WAL, and how many
 * frames a checkpoint has copied into the file since that restart.
 */
import { closeSync, openSync, readSync } from 'node:fs'
import { endianness } from 'node:os'
import { READ_NOW } from './written-pages'

/** What the WAL index said at one moment; null when it could not be read. */
export type CheckpointMark = {
  readonly restarts: number
  readonly frames: number
  readonly copied: number
} | null

/**
 * The WAL index's header and the count of frames copied after it, short of the bytes SQLite locks
 * (on Windows a read across a byte another process holds fails).
 */
const INDEX_HEADER_BYTES = 100

/** The WAL index of the open cache, read through one descriptor kept for the whole run. */
export interface WalIndex {
  /** What it says now. */
  mark(): CheckpointMark
  /** Let go of the descriptor, once the cache's connection is closed. */
  release(): void
}

/**
 * The WAL index at `shm`. Closing any descriptor of a file drops every POSIX lock this process
 * holds on it, SQLite's own included (https://sqlite.org/howtocorrupt.html#_posix_advisory_locks_canceled_by_a_separate_thread_doing_close_):
 * without the lock that says the index is in use, the next connection to open it (a second copy
 * of Standby) would take it for unused and start it over. So the descriptor is opened once, as
 * late as the index exists, and closed only after the connection.
 */
export function walIndex(shm: string): WalIndex {
  let fd: number | undefined
  const bytes = Buffer.alloc(INDEX_HEADER_BYTES)
  return {
    mark() {
      try {
        fd ??= openSync(shm, READ_NOW)
        if (readSync(fd, bytes, 0, INDEX_HEADER_BYTES, 0) < INDEX_HEADER_BYTES) return null
      } catch {
        return null
      }
      // The index is a memory map in the machine's own byte order; the salts are copied as the WAL has them.
      const word = endianness() === 'BE' ? bytes.readUInt32BE.bind(bytes) : bytes.readUInt32LE.bind(bytes)
      return { restarts: bytes.readUInt32BE(32), frames: word(16), copied: word(96) }
    },
    release() {
      if (fd === undefined) return
      try {
        closeSync(fd)
      } catch {
        // Already gone with the process's other descriptors: nothing held.
      }
      fd = undefined
    },
  }
}

/**
 * Whether a checkpoint ran between `before` and `now`. A restart of the WAL needs every frame
 * copied first: one that found frames `before` left uncopied, or a second restart, means a
 * checkpoint between. Unknown (an index not read) counts as none, so the file is judged as before.
 */
export function checkpointedBetween(before: CheckpointMark, now: CheckpointMark): boolean {
  if (before === null || now === null) return false
  // An index no WAL was written under yet (its salts still unset): the first write gives them their
  // first values, no restart after a checkpoint; only frames copied since tell of one.
  if (before.restarts === 0 && before.frames === 0) return now.copied > 0
  const restarts = (now.restarts - before.restarts) >>> 0
  if (restarts === 0) return now.copied > before.copied
  if (restarts === 1) return now.copied > 0 || before.copied < before.frames
  return true
}
