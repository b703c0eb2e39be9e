/**
 * SQLite's WAL format as its recovery reads it (https://sqlite.org/fileformat.html#the_write_ahead_log):
 * a header giving the page size, salts and a checksum, then frames, each a page number, the
 * database's size in pages on a commit, the header's salts, and a running checksum over all before.
 */
import { endianness } from 'node:os'

/** Whether this machine keeps a word's most significant byte first. */
const HOST_BIG_ENDIAN = endianness() === 'BE'

/** Bytes of the WAL's header. */
export const WAL_HEADER_BYTES = 32
/** Bytes of each frame's header, before its page. */
export const FRAME_HEADER_BYTES = 24
/** The WAL's magic number; its lowest bit says whether its checksums read words big-endian. */
const WAL_MAGIC = 0x377f0682
/**
 * The one version of the WAL's format SQLite knows: a WAL giving another, its checksums whole, has
 * the open fail as if the folder could not be written (at every start), never read.
 */
export const WAL_FORMAT_VERSION = 3_007_000

/** What a WAL header SQLite takes holds: its page size, salts, and the checksum its frames run on from. */
export interface WalHeader {
  readonly pageSize: number
  readonly version: number
  readonly salts: Buffer
  readonly sum: readonly [number, number]
  readonly bigEndian: boolean
}

/** The header in `header` (its first bytes), or null when SQLite would not take it. */
export function walHeader(header: Buffer): WalHeader | null {
  if (header.length < WAL_HEADER_BYTES) return null
  const magic = header.readUInt32BE(0)
  if ((magic & ~1) >>> 0 !== WAL_MAGIC) return null
  const bigEndian = (magic & 1) === 1
  const pageSize = header.readUInt32BE(8)
  if (!isPageSize(pageSize)) return null
  const sum = checksum(header.subarray(0, 24), [0, 0], bigEndian)
  if (sum[0] !== header.readUInt32BE(24) || sum[1] !== header.readUInt32BE(28)) return null
  return { pageSize, version: header.readUInt32BE(4), salts: header.subarray(16, 24), sum, bigEndian }
}

/** Whether `size` is a page size a database can have. */
export function isPageSize(size: number): boolean {
  return size >= 512 && size <= 65_536 && (size & (size - 1)) === 0
}

/** The running checksum after `frame` (its header and page), continued from `sum`. */
export function frameSum(
  frame: Buffer,
  sum: readonly [number, number],
  bigEndian: boolean,
): [number, number] {
  return checksum(
    frame.subarray(FRAME_HEADER_BYTES),
    checksum(frame.subarray(0, 8), sum, bigEndian),
    bigEndian,
  )
}

/** Whether the running checksum `frame` carries is `sum`. */
export function sumHolds(frame: Buffer, sum: readonly [number, number]): boolean {
  return sum[0] === frame.readUInt32BE(16) && sum[1] === frame.readUInt32BE(20)
}

/** The running checksum `frame` carries. */
export function carriedSum(frame: Buffer): [number, number] {
  return [frame.readUInt32BE(16), frame.readUInt32BE(20)]
}

/** SQLite's WAL checksum of `data` (a multiple of eight bytes) continued from `sum`. */
function checksum(
  data: Buffer,
  [first, second]: readonly [number, number],
  bigEndian: boolean,
): [number, number] {
  // A WAL can be as large as the cache, and this runs while the start waits: words read as they lie
  // in memory, summed as 32-bit integers, take a fraction of the time of a read of each through a view.
  if (bigEndian === HOST_BIG_ENDIAN && data.byteOffset % 4 === 0) {
    const words = new Int32Array(data.buffer, data.byteOffset, data.length >> 2)
    let s0 = first | 0
    let s1 = second | 0
    for (let at = 0; at < words.length; at += 2) {
      s0 = (s0 + words[at]! + s1) | 0
      s1 = (s1 + words[at + 1]! + s0) | 0
    }
    return [s0 >>> 0, s1 >>> 0]
  }
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
