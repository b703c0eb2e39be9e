/**
 * The pages this run copied from its WAL into the cache file, each with a digest of what it wrote
 * there: an earlier copy of the file put back in place differs from them where a file only touched
 * (its times set, its mode changed) does not. Only the pages a checkpoint wrote are read, so the
 * cost follows what changed, not how large the cache is.
 */
import { createHash } from 'node:crypto'
import { closeSync, openSync, readFileSync, readSync } from 'node:fs'

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
      fd = openSync(path, 'r')
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

const FRAME_HEADER = 24
const WAL_HEADER = 32

/** The page size and page numbers of the WAL's current frames (those with its header's salts). */
function walPages(wal: string): { readonly pageSize: number; readonly numbers: Set<number> } {
  const numbers = new Set<number>()
  let bytes: Buffer
  try {
    bytes = readFileSync(wal)
  } catch {
    return { pageSize: 0, numbers }
  }
  if (bytes.length < WAL_HEADER || (bytes.readUInt32BE(0) & ~1) !== 0x377f0682)
    return { pageSize: 0, numbers }
  const pageSize = bytes.readUInt32BE(8)
  const salts = bytes.subarray(16, 24)
  for (let at = WAL_HEADER; at + FRAME_HEADER + pageSize <= bytes.length; at += FRAME_HEADER + pageSize) {
    // A frame left from before the WAL was last restarted carries the salts of then.
    if (!bytes.subarray(at + 8, at + 16).equals(salts)) break
    numbers.add(bytes.readUInt32BE(at))
  }
  return { pageSize, numbers }
}

function digest(bytes: Buffer): string {
  return createHash('sha1').update(bytes).digest('base64')
}
