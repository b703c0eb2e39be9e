/**
 * Whether SQLite's read of a WAL left by an unclean exit passes over changes the WAL held: which
 * invites were shown, the cursor. SQLite takes frames only while they carry the header's salts and
 * their running checksum holds, up to the last commit among them (wal-format.ts), and says nothing
 * of what it passed over, so the invites shown since would be shown again.
 *
 * A power loss tears a WAL in two ways that lose nothing: SQLite writes a header over old frames
 * only once every one of them is in the file (a torn header then has nothing after it that the file
 * lacks), and it may cost the last transaction, which synchronous=NORMAL allows. What is judged lost
 * is a committed transaction of frames SQLite passes over whose pages are not what SQLite reads:
 * past a header it does not take, the frames it took under the header replaced (the first frame's
 * salts, while their running checksum holds from the frame before); past a frame it stops at,
 * a whole commit of the header's salts after it (a frame damaged in the middle). Each page such a
 * transaction left is compared with what SQLite reads, so frames already copied into the file by the
 * run that wrote them are no loss.
 */
import { closeSync, fstatSync, readSync } from 'node:fs'
import { openRegularFileSync } from '../node/bounded-file'
import {
  carriedSum,
  FRAME_HEADER_BYTES,
  frameSum,
  isPageSize,
  sumHolds,
  WAL_FORMAT_VERSION,
  WAL_HEADER_BYTES,
  walHeader,
  type WalHeader,
} from './wal-format'

/**
 * Whether the WAL at `wal` holds committed changes SQLite passes over, that the file at `file` (the
 * cache, read through a link as SQLite reads it) does not hold either. False when there is no WAL,
 * it is no regular file (moved aside as such), gives a version SQLite refuses (told as the open
 * fails), or either cannot be read (as the open then says). Never throws.
 */
export function walLosesChanges(wal: string, file: string): boolean {
  try {
    const walFd = openRegularFileSync(wal, 'refuse')
    try {
      const fileFd = openRegularFileSync(file, 'follow')
      try {
        return losesChanges(walFd.fd, walFd.stats.size, fileFd.fd)
      } finally {
        closeSync(fileFd.fd)
      }
    } finally {
      closeSync(walFd.fd)
    }
  } catch {
    return false
  }
}

function losesChanges(wal: number, walSize: number, file: number): boolean {
  if (walSize <= WAL_HEADER_BYTES) return false
  const bytes = Buffer.alloc(WAL_HEADER_BYTES)
  const header = walHeader(bytes.subarray(0, readSync(wal, bytes, 0, WAL_HEADER_BYTES, 0)))
  if (header !== null && header.version !== WAL_FORMAT_VERSION) return false
  const pageSize = header?.pageSize ?? filePageSize(file)
  // Frames past no header SQLite takes, and no file to compare them with: nothing says they are old.
  if (pageSize === null) return true
  const reading = new WalReading(wal, walSize, file, pageSize)
  return header === null ? reading.lostPastHeader() : reading.lostPastStop(header)
}

/** The page size the file's header gives, or null for a file without one. */
function filePageSize(file: number): number | null {
  const header = Buffer.alloc(18)
  if (readSync(file, header, 0, 18, 0) < 18) return null
  if (!header.subarray(0, 16).equals(SQLITE_MAGIC)) return null
  const stored = header.readUInt16BE(16)
  const size = stored === 1 ? 65_536 : stored
  return isPageSize(size) ? size : null
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1')

/** Each page's newest frame, by page number. */
type Pages = Map<number, number>

/** One WAL's frames read at one page size, and the file's pages they are compared with. */
class WalReading {
  private readonly frameBytes: number
  private readonly frames: number
  /** Frames read in one call, in order: a call for each frame had the start wait on each. */
  private readonly window: Buffer
  private windowFirst = 0
  private windowFrames = 0
  /** The frame last read, within `window`. */
  private frame: Buffer
  /** A frame read alone (out of order), and the page it is compared with. */
  private readonly one: Buffer
  private readonly other: Buffer

  constructor(
    private readonly wal: number,
    walSize: number,
    private readonly file: number,
    private readonly pageSize: number,
  ) {
    this.frameBytes = FRAME_HEADER_BYTES + pageSize
    this.frames = Math.floor((walSize - WAL_HEADER_BYTES) / this.frameBytes)
    this.window = Buffer.alloc(Math.max(1, Math.floor(WINDOW_BYTES / this.frameBytes)) * this.frameBytes)
    this.frame = this.window.subarray(0, this.frameBytes)
    this.one = Buffer.alloc(this.frameBytes)
    this.other = Buffer.alloc(this.frameBytes)
  }

  /**
   * Past a header SQLite does not take: the frames SQLite took under the header it replaced, those
   * of the first frame's salts whose running checksum holds from the frame before, up to their last
   * commit. Frames past where that checksum fails are what a run cut (a commit frame whose page a
   * kill left unwritten), which SQLite passed over then: never changes that were kept.
   */
  lostPastHeader(): boolean {
    let first = 0
    while (first < this.frames && this.read(first).readUInt32BE(0) === 0) first++
    if (first === this.frames) return false
    const salts = Buffer.from(this.frame.subarray(8, 16))
    // The header that gave the byte order is what is damaged: the order is the one the frames hold.
    const bigEndian = [false, true].find((order) => this.chainsAt(first + 1, salts, order)) ?? false
    const committed: Pages = new Map()
    const pending: Pages = new Map()
    for (let i = first; i < this.frames && (i === first || this.chainsAt(i, salts, bigEndian)); i++) {
      const frame = this.read(i)
      pending.set(frame.readUInt32BE(0), i)
      if (frame.readUInt32BE(4) === 0) continue
      for (const [page, at] of pending) committed.set(page, at)
      pending.clear()
    }
    // A WAL SQLite wrote a header over ends its old frames with a commit: one without is no such WAL.
    return committed.size === 0 || this.differs(committed, new Map())
  }

  /** Whether frame `index` carries `salts` and a running checksum that holds from the frame before. */
  private chainsAt(index: number, salts: Buffer, bigEndian: boolean): boolean {
    if (index < 1 || index >= this.frames) return false
    const before = carriedSum(this.read(index - 1))
    const frame = this.read(index)
    return this.carries(salts) && sumHolds(frame, frameSum(frame, before, bigEndian))
  }

  /** Past the frame SQLite stops at, under a header it takes: a whole commit of its salts after it. */
  lostPastStop(header: WalHeader): boolean {
    const taken: Pages = new Map()
    const pending: Pages = new Map()
    let sum = header.sum
    let afterCommit = 0
    let stop = 0
    for (; stop < this.frames; stop++) {
      const frame = this.read(stop)
      if (!this.carries(header.salts)) break
      sum = frameSum(frame, sum, header.bigEndian)
      if (!sumHolds(frame, sum)) break
      pending.set(frame.readUInt32BE(0), stop)
      if (frame.readUInt32BE(4) === 0) continue
      for (const [page, at] of pending) taken.set(page, at)
      pending.clear()
      afterCommit = stop + 1
    }
    // A frame after the stop is whole when its checksum holds from the one before it, as written.
    let lastWhole = -1
    let before: [number, number] | null = null
    for (let i = stop; i < this.frames; i++) {
      const frame = this.read(i)
      const ours = this.carries(header.salts)
      if (
        ours &&
        before !== null &&
        frame.readUInt32BE(4) !== 0 &&
        sumHolds(frame, frameSum(frame, before, header.bigEndian))
      )
        lastWhole = i
      before = ours ? carriedSum(frame) : null
    }
    if (lastWhole < 0) return false
    return this.differs(this.committedPages(afterCommit, lastWhole + 1, header.salts), taken)
  }

  /** The newest frame of each page, among frames `from` to `to` of `salts`, up to the last commit. */
  private committedPages(from: number, to: number, salts: Buffer): Pages {
    const committed: Pages = new Map()
    const pending: Pages = new Map()
    for (let i = from; i < to; i++) {
      const frame = this.read(i)
      if (!this.carries(salts)) continue
      pending.set(frame.readUInt32BE(0), i)
      if (frame.readUInt32BE(4) === 0) continue
      for (const [page, at] of pending) committed.set(page, at)
      pending.clear()
    }
    return committed
  }

  /** Whether a page of `pages` is not as SQLite reads it: from `taken`'s frame, else from the file. */
  private differs(pages: Pages, taken: Pages): boolean {
    const size = fstatSync(this.file).size
    for (const [page, at] of pages) {
      const ours = this.readInto(this.one, at).subarray(FRAME_HEADER_BYTES)
      const takenAt = taken.get(page)
      let read: Buffer
      if (takenAt !== undefined) read = this.readInto(this.other, takenAt).subarray(FRAME_HEADER_BYTES)
      else {
        const offset = (page - 1) * this.pageSize
        if (offset + this.pageSize > size) return true
        read = this.other.subarray(0, this.pageSize)
        filled(read, readSync(this.file, read, 0, this.pageSize, offset))
      }
      if (!ours.equals(read)) return true
    }
    return false
  }

  /** Whether the frame last read gives a page and carries `salts`. */
  private carries(salts: Buffer): boolean {
    return this.frame.readUInt32BE(0) !== 0 && this.frame.subarray(8, 16).equals(salts)
  }

  /** Frame `index`, read with those after it when it is not among the frames last read. */
  private read(index: number): Buffer {
    if (index < this.windowFirst || index >= this.windowFirst + this.windowFrames) {
      const at = WAL_HEADER_BYTES + index * this.frameBytes
      filled(this.window, readSync(this.wal, this.window, 0, this.window.length, at))
      this.windowFirst = index
      this.windowFrames = this.window.length / this.frameBytes
    }
    const at = (index - this.windowFirst) * this.frameBytes
    this.frame = this.window.subarray(at, at + this.frameBytes)
    return this.frame
  }

  private readInto(buffer: Buffer, index: number): Buffer {
    return filled(
      buffer,
      readSync(this.wal, buffer, 0, buffer.length, WAL_HEADER_BYTES + index * this.frameBytes),
    )
  }
}

/** How much of a WAL is read in one call. */
const WINDOW_BYTES = 1024 * 1024

/**
 * `buffer` with what a read left short (a file cut since its size was taken) zeroed: a frame of no
 * page, never the bytes of one read before.
 */
function filled(buffer: Buffer, read: number): Buffer {
  return buffer.fill(0, read)
}
