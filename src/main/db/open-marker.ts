/**
 * The marker of an open cache (`cache.db-open`): made before the run first writes (first-write.ts)
 * and removed by a clean close, so one found at the next open means a run that wrote never closed
 * the cache and the file is checked. A run
 * whose reads or writes found the file damaged writes so into it, and the next open then runs the
 * full check, which also finds what the quick one does not (an index that no longer matches its rows).
 */
import { closeSync, constants, openSync, readSync, rmSync, type Stats } from 'node:fs'
import { writeFileAtomicallySync } from '../node/atomic-file'
import { lstatOrNothing } from './cache-file-state'

/** What a marker holds when the run found the file damaged. */
const DAMAGED = 'damaged\n'

/**
 * Mark the cache open; false when something else is at the marker's path (a folder, a named pipe,
 * a link) or it cannot be made. A marker already there is kept as found, never emptied: another run
 * may have recorded in it since this open looked that the file is damaged (two started at once),
 * and emptying it would have the next open skip the full check. Only `handled`, the damaged marker
 * this open looked at and acted on (the full check ran), is replaced, and only while it is still
 * that same file. Nothing is opened blocking nor through a link: a pipe would hold the start for
 * ever, a link would truncate its target. Whatever else is there is left alone, and as it stays,
 * every open runs the check, which is the safe side of a marker that cannot be trusted.
 */
export function markOpen(marker: string, handled?: Stats): boolean {
  if (handled !== undefined && sameFile(lstatOrNothing(marker), handled)) return writeMarker(marker, '')
  try {
    // O_EXCL fails on whatever is there, a link included, rather than open it.
    closeSync(openSync(marker, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600))
    return true
  } catch {
    return lstatOrNothing(marker)?.isFile() === true
  }
}

/**
 * Record in the marker that the run found the file damaged; false when it could not. Written beside
 * and renamed over, so an open reading the marker meanwhile finds the old one or this, never an
 * empty file that would read as a mere unclean exit.
 */
export function markDamaged(marker: string): boolean {
  return writeMarker(marker, DAMAGED)
}

function writeMarker(marker: string, content: string): boolean {
  try {
    writeFileAtomicallySync(marker, content)
    return true
  } catch {
    return false
  }
}

/** Whether `now` is still the file `then` was (a rename over it makes another). */
function sameFile(now: Stats | undefined, then: Stats): boolean {
  return (
    now !== undefined &&
    now.isFile() &&
    now.ino === then.ino &&
    now.dev === then.dev &&
    now.size === then.size &&
    now.mtimeMs === then.mtimeMs
  )
}

/**
 * Whether the marker, whose lstat is `entry` (undefined: nothing there), says the last run found
 * the file damaged (a file of Standby's only).
 */
export function markedDamaged(marker: string, entry: Stats | undefined): boolean {
  if (entry === undefined || !entry.isFile() || entry.size !== DAMAGED.length) return false
  try {
    const fd = openSync(
      marker,
      constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0),
    )
    try {
      const bytes = Buffer.alloc(DAMAGED.length)
      return readSync(fd, bytes, 0, bytes.length, 0) === bytes.length && bytes.toString() === DAMAGED
    } finally {
      closeSync(fd)
    }
  } catch {
    return false
  }
}

/**
 * Remove the marker at a clean close, unless it says the file is damaged: another run may have
 * found so since, and only the open that checks the file clears that. One left behind only costs
 * the next start the check.
 */
export function unmarkOpen(marker: string): void {
  if (markedDamaged(marker, lstatOrNothing(marker))) return
  try {
    rmSync(marker, { force: true })
  } catch {
    // Nothing to do at quit: the next open checks the file, which is what a marker asks for.
  }
}
