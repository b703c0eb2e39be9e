/**
 * The database header as SQLite reads it when a WAL is beside the file: from the last committed copy
 * of page 1 in the WAL, when there is one, not from the file. After an unclean exit the file's own
 * header can be older than the WAL's (or damaged) while SQLite reads and writes the cache well; a
 * check of the file's bytes alone would move aside a cache that is whole. Frames are taken as
 * SQLite's recovery takes them (https://sqlite.org/fileformat.html#the_write_ahead_log): those whose
 * salts match the WAL's header and whose running checksum holds, up to the last commit among them.
 */
import { closeSync, readSync } from 'node:fs'
import { openRegularFileSync } from '../node/bounded-file'

const WAL_HEADER_BYTES = 32
const FRAME_HEADER_BYTES = 24
const DATABASE_HEADER_BYTES = 100
/** The WAL's magic number; its lowest bit says whether its checksums read words big-endian. */
const WAL_MAGIC = 0x377f0682
/**
 * The one version of the WAL's format SQLite knows: a WAL giving another, its checksums whole, has
 * the open fail as if the folder could not be written (at every start), never read.
 */
const WAL_FORMAT_VERSION = 3_007_000

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

/**
 * Whether the WAL at `wal` holds frames after bytes that are no WAL header SQLite would take (too
 * short, another magic number, a page size no database has, a checksum that does not hold). SQLite
 * makes the header last before any frame, so such frames are damage (a disk error, another program):
 * SQLite would pass over the WAL in silence, and with it the changes
 * not yet copied into the file (which invites were shown), to show them again. A WAL giving another
 * format version, its checksum whole, is not damage but SQLite refusing it, told as the open fails.
 * False when there is no WAL, it holds no frame, is no regular file (moved aside as such), or cannot be read.
 */
export function walHeaderDamaged(wal: string): boolean {
  try {
    const { fd, stats } = openRegularFileSync(wal, 'refuse')
    try {
      // Written only when every change is in the file, and made to last before any frame: a crash
      // can cut or tear it, with nothing after it to lose.
      if (stats.size <= WAL_HEADER_BYTES) return false
      const header = Buffer.alloc(WAL_HEADER_BYTES)
      return readSync(fd, header, 0, WAL_HEADER_BYTES, 0) < WAL_HEADER_BYTES || headerSum(header) === null
    } finally {
      closeSync(fd)
    }
  } catch {
    return false
  }
}

/** The running checksum a valid WAL header ends with, and its byte order; null for no valid header. */
function headerSum(header: Buffer): { sum: [number, number]; bigEndian: boolean } | null {
  const magic = header.readUInt32BE(0)
  if ((magic & ~1) >>> 0 !== WAL_MAGIC) return null
  const bigEndian = (magic & 1) === 1
  const pageSize = header.readUInt32BE(8)
  if (pageSize < 512 || pageSize > 65_536 || (pageSize & (pageSize - 1)) !== 0) return null
  const sum = checksum(header.subarray(0, 24), [0, 0], bigEndian)
  if (sum[0] !== header.readUInt32BE(24) || sum[1] !== header.readUInt32BE(28)) return null
  return { sum, bigEndian }
}

function committedPageOne(fd: number): Buffer | null {
  const header = Buffer.alloc(WAL_HEADER_BYTES)
  if (readSync(fd, header, 0, WAL_HEADER_BYTES, 0) < WAL_HEADER_BYTES) return null
  const valid = headerSum(header)
  if (valid === null) return null
  const { bigEndian } = valid
  const pageSize = header.readUInt32BE(8)
  let { sum } = valid
  if (header.readUInt32BE(4) !== WAL_FORMAT_VERSION) return null
  const salts = header.subarray(16, 24)
  const frame = Buffer.alloc(FRAME_HEADER_BYTES + pageSize)
  let uncommitted: Buffer | null = null
  let committed: Buffer | null = null
  for (let at = WAL_HEADER_BYTES; ; at += frame.length) {
    if (readSync(fd, frame, 0, frame.length, at) < frame.length) return committed
    if (frame.readUInt32BE(0) === 0 || !frame.subarray(8, 16).equals(salts)) return committed
    sum = checksum(
      frame.subarray(FRAME_HEADER_BYTES),
      checksum(frame.subarray(0, 8), sum, bigEndian),
      bigEndian,
    )
    if (sum[0] !== frame.readUInt32BE(16) || sum[1] !== frame.readUInt32BE(20)) return committed
    if (frame.readUInt32BE(0) === 1)
      uncommitted = Buffer.from(
        frame.subarray(FRAME_HEADER_BYTES, FRAME_HEADER_BYTES + DATABASE_HEADER_BYTES),
      )
    // A frame giving the database's size in pages ends a transaction: what it wrote is committed.
    if (frame.readUInt32BE(4) !== 0) committed = uncommitted
  }
}

/** SQLite's WAL checksum of `data` (a multiple of eight bytes) continued from `sum`. */
function checksum(
  data: Buffer,
  [first, second]: readonly [number, number],
  bigEndian: boolean,
): [number, number] {
  // A DataView reads a word without the bounds and type checks each Buffer read makes: a WAL can
  // be as large as the cache, and this runs while the start waits.
  const view = new DataView(data.buffer, data.byteOffset, data.length)
  const littleEndian = !bigEndian
  let s0 = first
  let s1 = second
  for (let at = 0; at < data.length; at += 8) {
    s0 = (s0 + view.getUint32(at, littleEndian) + s1) >>> 0
    s1 = (s1 + view.getUint32(at + 4, littleEndian) + s0) >>> 0
  }
  return [s0, s1]
}
