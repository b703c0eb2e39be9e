/**
 * A log write the disk stopped part-way (full, or the file at the largest size allowed) leaves half
 * an entry, which the next one, once the file can be written, would run on from: it is cut away.
 */
import { ftruncateSync, fstatSync, readSync } from 'node:fs'

/**
 * Cut away the start of `text` that a write stopped part-way left at the end of the file open at
 * `fd`, which held `whole` bytes before; shortening needs no room on the disk. Entries another
 * writer added meanwhile (a second copy of Standby, while a restart to update runs both) are kept,
 * and the half entry with them when theirs came after it.
 */
export function cutBack(fd: number, whole: number, text: string): void {
  try {
    const expected = Buffer.from(text)
    const end = fstatSync(fd).size
    const first = Math.max(whole, end - expected.length + 1)
    // One byte before the first place it may start, to see that an entry ends there.
    const from = Math.max(0, first - 1)
    const tail = Buffer.alloc(end - from)
    if (readSync(fd, tail, 0, tail.length, from) !== tail.length) return
    for (let at = first; at < end; at++) {
      const startsEntry = at === whole || tail[at - from - 1] === NEWLINE
      if (startsEntry && tail.subarray(at - from).equals(expected.subarray(0, end - at))) {
        ftruncateSync(fd, at)
        return
      }
    }
  } catch {
    // The entry that failed is told as the file's failure; a half entry is the lesser loss.
  }
}

const NEWLINE = 0x0a
