/**
 * The pages this run copied from its WAL into the cache file, each with a digest of what it wrote
 * there: an earlier copy of the file put back in place differs from them where a file only touched
 * (its times set, its mode changed) does not. Only the pages a checkpoint wrote are read, so the
 * cost follows what changed, not how large the cache is.
 */
import { createHash } from 'node:crypto'
import { closeSync, constants, openSync, readSync } from 'node:fs'
import { FRAME_HEADER_BYTES, WAL_HEADER_BYTES, walHeader } from './wal-format'

/**
 * How the cache's files are opened to be read while it runs: a named pipe put at a path in its place
 * would otherwise hold the open, and the app's main thread with it, until something wrote into it.
 */
export const READ_NOW = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)

/** Page number to the digest of its bytes as this run last wrote them into the file. */
export class WrittenPages {
  private readonly pages = new Map<number, string>()
  private pageSize = 0

  /** After a checkpoint: the pages the WAL at `wal` holds, as the file at `path` has them now. */
  note(path: string, wal: string): void {
    const { pageSize, numbers } = walPages(wal)
    if (numbers.size === 0) return
    if (pageSize !== this.pageSize) this.pages.clear()
    this.pageSize = pageSize
    let fd: number | undefined
    try {
      fd = openSync(path, READ_NOW)
      const page = Buffer.alloc(pageSize)
      for (const number of numbers) {
        const read = readSync(fd, page, 0, pageSize, (number - 1) * pageSize)
        this.pages.set(number, digest(page.subarray(0, read)))
      }
    } catch {
      // Unreadable now: the next look at the file judges it.
    } finally {
      if (fd !== undefined) closeSync(fd)
    }
  }

  /** Whether any page was noted: a checkpoint of this run wrote into the file. */
  get wrote(): boolean {
    return this.pages.size > 0
  }

  /** Forget every page: the file was rewritten whole by this run (its VACUUM after an emptying). */
  forget(): void {
    this.pages.clear()
  }

  /** Whether `image`, the file's bytes, holds every page as this run last wrote it. */
  heldIn(image: Buffer): boolean {
    const size = this.pageSize
    for (const [number, written] of this.pages) {
      if (digest(image.subarray((number - 1) * size, number * size)) !== written) return false
    }
    return true
  }
}

/** Frames read at once: few reads for a WAL a burst filled, little read past the current frames. */
const FRAMES_PER_READ = 64

/**
 * The page size and page numbers of the WAL's current frames (those with its header's salts). Read
 * from the start until the first frame of before: the file keeps its size after a restart, and the
 * frames past the current ones are never read.
 */
function walPages(wal: string): { readonly pageSize: number; readonly numbers: Set<number> } {
  const numbers = new Set<number>()
  let fd: number | undefined
  try {
    fd = openSync(wal, READ_NOW)
    const first = Buffer.alloc(WAL_HEADER_BYTES)
    if (readSync(fd, first, 0, WAL_HEADER_BYTES, 0) < WAL_HEADER_BYTES) return { pageSize: 0, numbers }
    const header = walHeader(first)
    if (header === null) return { pageSize: 0, numbers }
    const { pageSize, salts } = header
    const step = FRAME_HEADER_BYTES + pageSize
    const block = Buffer.alloc(step * FRAMES_PER_READ)
    for (let at = WAL_HEADER_BYTES; ; at += block.length) {
      // A frame cut short by a crash, its page not whole, is no frame.
      const frames = Math.floor(readSync(fd, block, 0, block.length, at) / step)
      for (let n = 0; n < frames; n++) {
        const frame = block.subarray(n * step, n * step + FRAME_HEADER_BYTES)
        // A frame left from before the WAL was last restarted carries the salts of then.
        if (!frame.subarray(8, 16).equals(salts)) return { pageSize, numbers }
        numbers.add(frame.readUInt32BE(0))
      }
      if (frames < FRAMES_PER_READ) return { pageSize, numbers }
    }
  } catch {
    return { pageSize: 0, numbers }
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

function digest(bytes: Buffer): string {
  return createHash('sha1').update(bytes).digest('base64')
}
