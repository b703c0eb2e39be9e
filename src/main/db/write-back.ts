/**
 * The cache file deleted while the app runs (by hand, a cleaner, a sync tool), or bytes that are no
 * database written over it. SQLite goes on reading and writing the file it has open, which nothing
 * can find once the app quits: the next start would begin from an empty cache and show again every
 * invite and reminder already shown. So at close, such a cache is written back at its path, whole;
 * bytes found there instead are kept beside it, as a damaged cache's are. Another database put
 * there (a copy restored from a backup) is the expert's choice, and is left alone.
 */
import type Database from 'better-sqlite3'
import { closeSync, existsSync, lstatSync, readSync, rmSync, statSync } from 'node:fs'
import { basename, dirname } from 'node:path'
import { writeFileAtomicallySync } from '../node/atomic-file'
import { COMPANIONS, moveAside, pruneQuarantined } from './quarantine'
import { errorMessage } from '../../shared/error-message'
import { openRegularFileSync } from '../node/bounded-file'

/** The file the cache opened at its path (through a link, the file it points to). */
export interface OpenedFile {
  readonly dev: number
  readonly ino: number
}

/** The file at `path` now; null when it cannot be told. */
export function openedFile(path: string): OpenedFile | null {
  try {
    const { dev, ino } = statSync(path)
    return { dev, ino }
  } catch {
    return null
  }
}

/**
 * What is at `path` at close: the file opened there; nothing, its folder still there ('deleted': a
 * folder deleted with it was meant to go); a file of bytes that are no database ('overwritten');
 * or anything else, left alone.
 */
export function foundAtClose(
  path: string,
  opened: OpenedFile | null,
): 'same' | 'deleted' | 'overwritten' | 'other' {
  try {
    lstatSync(path)
  } catch {
    return existsSync(dirname(path)) ? 'deleted' : 'other'
  }
  const now = openedFile(path)
  if (opened === null || now === null || (now.dev === opened.dev && now.ino === opened.ino)) return 'same'
  return lstatSync(path).isFile() && !isDatabase(path) ? 'overwritten' : 'other'
}

/** The header every SQLite database begins with (https://sqlite.org/fileformat.html). */
const HEADER = Buffer.from('SQLite format 3\0', 'latin1')

function isDatabase(path: string): boolean {
  try {
    // Judged as opened: what the look before found may have been replaced by a pipe since.
    const { fd } = openRegularFileSync(path, 'refuse')
    try {
      const start = Buffer.alloc(HEADER.length)
      return readSync(fd, start, 0, start.length, 0) === start.length && start.equals(HEADER)
    } finally {
      closeSync(fd)
    }
  } catch {
    // Unreadable: not ours to replace.
    return true
  }
}

/**
 * The database's whole content, read before it is closed; null when it cannot be (the write-back
 * is then skipped, and the next start begins empty, as before).
 */
export function contentOf(db: Database.Database): Buffer | null {
  try {
    return db.serialize()
  } catch {
    return null
  }
}

/**
 * Put `content` back at `path` after what `found` says happened to it, at `at`; never throws, as it
 * runs at quit. Returns a sentence for the log.
 */
export function putBack(path: string, content: Buffer, found: 'deleted' | 'overwritten', at: number): string {
  let what = 'was deleted while Standby ran'
  try {
    if (found === 'overwritten') {
      const aside = moveAside(path, at)
      pruneQuarantined(path, aside)
      what = `was replaced while Standby ran by bytes that are no database, kept as ${basename(aside)}`
    } else {
      // SQLite leaves the deleted file's -wal and -shm by their names; what they held is in
      // `content`, and SQLite would read them into the file written back.
      for (const suffix of COMPANIONS) removeQuietly(path + suffix)
    }
    // Readable by this user only, through a file beside it: whole or absent.
    writeFileAtomicallySync(path, content)
    return `The offline cache ${path} ${what}; wrote it back at quit`
  } catch (error) {
    return `The offline cache ${path} ${what} and could not be written back (${errorMessage(error)})`
  }
}

/** Remove a file if it is there; anything else there (a folder) is left, as the open moves it aside. */
function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true })
  } catch {
    // Not a file.
  }
}
