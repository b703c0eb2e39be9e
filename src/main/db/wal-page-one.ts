/**
 * The database header as SQLite reads it when a WAL is beside the file: from the last committed copy
 * of page 1 in the WAL, when there is one, not from the file. After an unclean exit the file's own
 * header can be older than the WAL's (or damaged) while SQLite reads and writes the cache well; a
 * check of the file's bytes alone would move aside a cache that is whole. Frames are taken as
 * SQLite's recovery takes them (wal-format.ts): those whose salts match the WAL's header and whose
 * running checksum holds, up to the last commit among them.
 */
import { closeSync, readSync } from 'node:fs'
import { openRegularFileSync } from '../node/bounded-file'
import {
  FRAME_HEADER_BYTES,
  frameSum,
  sumHolds,
  WAL_FORMAT_VERSION,
  WAL_HEADER_BYTES,
  walHeader,
} from './wal-format'

const DATABASE_HEADER_BYTES = 100

/**
 * The first bytes of the last committed page 1 in the WAL at `wal`, or null when it holds none (no
 * WAL, not a regular file, no valid header, a version SQLite refuses, no committed frame of page 1).
 * Never throws.
 */
export function walPageOne(wal: string): Buffer | null {
  try {
    // Judged as opened: a pipe put at the WAL's name after a look would block the open.
    const { fd } = openRegularFileSync(wal, 'refuse')
    try {
      return committedPageOne(fd)
    } finally {
      closeSync(fd)
    }
  } catch {
    return null
  }
}

function committedPageOne(fd: number): Buffer | null {
  const bytes = Buffer.alloc(WAL_HEADER_BYTES)
  const header = walHeader(bytes.subarray(0, readSync(fd, bytes, 0, WAL_HEADER_BYTES, 0)))
  if (header === null || header.version !== WAL_FORMAT_VERSION) return null
  const { bigEndian, salts } = header
  let sum = header.sum
  const frame = Buffer.alloc(FRAME_HEADER_BYTES + header.pageSize)
  let uncommitted: Buffer | null = null
  let committed: Buffer | null = null
  for (let at = WAL_HEADER_BYTES; ; at += frame.length) {
    if (readSync(fd, frame, 0, frame.length, at) < frame.length) return committed
    if (frame.readUInt32BE(0) === 0 || !frame.subarray(8, 16).equals(salts)) return committed
    sum = frameSum(frame, sum, bigEndian)
    if (!sumHolds(frame, sum)) return committed
    if (frame.readUInt32BE(0) === 1)
      uncommitted = Buffer.from(
        frame.subarray(FRAME_HEADER_BYTES, FRAME_HEADER_BYTES + DATABASE_HEADER_BYTES),
      )
    // A frame giving the database's size in pages ends a transaction: what it wrote is committed.
    if (frame.readUInt32BE(4) !== 0) committed = uncommitted
  }
}
