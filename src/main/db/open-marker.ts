/**
 * The marker of an open cache (`cache.db-open`): written at open and removed by a clean close, so
 * one found at the next open means that run never closed the cache and the file is checked. A run
 * whose reads or writes found the file damaged writes so into it, and the next open then runs the
 * full check, which also finds what the quick one does not (an index that no longer matches its rows).
 */
import { closeSync, constants, openSync, readSync, rmSync, writeSync, type Stats } from 'node:fs'

/** What a marker holds when the run found the file damaged. */
const DAMAGED = 'damaged\n'

/**
 * Create the marker, holding `content`; false when something else is at its path (a folder, a
 * named pipe, a link) or it cannot be made. Not opened blocking nor through a link: a pipe would
 * hold the start for ever, a link would truncate its target. Whatever is there is left alone, and
 * as it stays, every open runs the check, which is the safe side of a marker that cannot be trusted.
 */
export function markOpen(marker: string, content = ''): boolean {
  // Windows has neither flag, nor named pipes or links at a plain path.
  const flags =
    constants.O_WRONLY |
    constants.O_CREAT |
    constants.O_TRUNC |
    (constants.O_NONBLOCK ?? 0) |
    (constants.O_NOFOLLOW ?? 0)
  try {
    const fd = openSync(marker, flags, 0o600)
    try {
      if (content !== '') writeSync(fd, content)
    } finally {
      closeSync(fd)
    }
    return true
  } catch {
    return false
  }
}

/** Record in the marker that the run found the file damaged; false when it could not. */
export function markDamaged(marker: string): boolean {
  return markOpen(marker, DAMAGED)
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

/** Remove the marker at a clean close; one left behind only costs the next start the check. */
export function unmarkOpen(marker: string): void {
  try {
    rmSync(marker, { force: true })
  } catch {
    // Nothing to do at quit: the next open checks the file, which is what a marker asks for.
  }
}
