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

/** What the WAL index at `shm` says now. */
export function checkpointMark(shm: string): CheckpointMark {
  const bytes = Buffer.alloc(INDEX_HEADER_BYTES)
  let fd: number | undefined
  try {
    fd = openSync(shm, 'r')
    if (readSync(fd, bytes, 0, INDEX_HEADER_BYTES, 0) < INDEX_HEADER_BYTES) return null
  } catch {
    return null
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
  // The index is a memory map in the machine's own byte order; the salts are copied as the WAL has them.
  const word = endianness() === 'BE' ? bytes.readUInt32BE.bind(bytes) : bytes.readUInt32LE.bind(bytes)
  return { restarts: bytes.readUInt32BE(32), frames: word(16), copied: word(96) }
}

/**
 * Whether a checkpoint ran between `before` and `now`. A restart of the WAL needs every frame
 * copied first: one that found frames `before` left uncopied, or a second restart, means a
 * checkpoint between. Unknown (an index not read) counts as none, so the file is judged as before.
 */
export function checkpointedBetween(before: CheckpointMark, now: CheckpointMark): boolean {
  if (before === null || now === null) return false
  const restarts = (now.restarts - before.restarts) >>> 0
  if (restarts === 0) return now.copied > before.copied
  if (restarts === 1) return now.copied > 0 || before.copied < before.frames
  return true
}
