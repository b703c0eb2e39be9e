/**
 * The cache file deleted while the app runs (by hand, a cleaner, a sync tool), bytes that are no
 * database written over it, or the file itself cut short or written over in place (a truncate, a
 * shell's `>`). SQLite goes on reading and writing the file it has open, which nothing can find
 * once the app quits, or copies its newest pages into what is left, around the pages cut away: the
 * next start would begin from an empty or damaged cache and show again every invite and reminder
 * already shown. So at close, such a cache is written back at its path, whole, when what the
 * connection holds of it reads whole; bytes found there instead are kept beside it, as a damaged
 * cache's are. Another database put there (a copy restored from a backup) is the expert's choice,
 * and is left alone.
 */
import Database from 'better-sqlite3'
import { closeSync, existsSync, lstatSync, readSync, rmSync, statSync } from 'node:fs'
import { basename, dirname } from 'node:path'
import { writeFileAtomicallySync } from '../node/atomic-file'
import { COMPANIONS, moveAside, pruneQuarantined } from './quarantine'
import { errorMessage } from '../../shared/error-message'
import { openRegularFileSync } from '../node/bounded-file'
import { shorterThanHeaderSays } from './cache-file-state'

/**
 * The file the cache opened at its path (through a link, the file it points to), and the most of it
 * seen there. Only the cache's own VACUUM after it is emptied (scrub-freed.ts) makes the file
 * shorter, and the file's header then counts no more pages than it holds; a file shorter than its
 * header says was cut away by another program.
 */
export interface OpenedFile {
  readonly dev: number
  readonly ino: number
  readonly size: number
}

/** What the cache's close found at its path, for `putBack`. */
export type FoundAtClose = 'deleted' | 'overwritten' | 'cut'

/** The file at `path` now; null when it cannot be told. */
export function openedFile(path: string): OpenedFile | null {
  try {
    const { dev, ino, size } = statSync(path)
    return { dev, ino, size }
  } catch {
    return null
  }
}

/** `file` as its path holds it now, when that is still the same file and more of it is there (a checkpoint wrote it). */
export function seenAgain(path: string, file: OpenedFile | null): OpenedFile | null {
  const now = openedFile(path)
  if (file === null || now === null || !sameFile(now, file)) return file
  return now.size > file.size ? now : file
}

/**
 * What is at `path` at close: the file opened there, as it was; nothing, its folder still there
 * ('deleted': a folder deleted with it was meant to go); the open file shorter than it was seen and
 * than its own header says ('cut', emptied included); a file of bytes that are no database, put
 * there or written over the open file in place ('overwritten'); or anything else, left alone (a
 * database whole by its header, copied over it in place or moved there).
 */
export function foundAtClose(path: string, opened: OpenedFile | null): 'same' | FoundAtClose | 'other' {
  try {
    lstatSync(path)
  } catch {
    return existsSync(dirname(path)) ? 'deleted' : 'other'
  }
  const now = openedFile(path)
  if (opened === null || now === null) return 'same'
  if (sameFile(now, opened)) {
    if (now.size < opened.size) return wholeByItsHeader(path, now.size) ? 'other' : 'cut'
    return isDatabase(path) ? 'same' : 'overwritten'
  }
  return lstatSync(path).isFile() && !isDatabase(path) ? 'overwritten' : 'other'
}

function sameFile(a: OpenedFile, b: OpenedFile): boolean {
  return a.dev === b.dev && a.ino === b.ino
}

/**
 * Whether the file at `path`, `size` long, is a database holding every page its own header counts:
 * the cache's own emptying (a sign-out's VACUUM) or a backup copied over it in place (`cp`), not
 * a file cut away under the run.
 */
function wholeByItsHeader(path: string, size: number): boolean {
  try {
    return isDatabase(path) && !shorterThanHeaderSays(path, size)
  } catch {
    // Unreadable: not ours to replace.
    return true
  }
}

/**
 * What the close of `db` finds at `path`, and the content to write back there (null: nothing to
 * write back, or what the connection holds does not read whole). Read before the connection closes.
 */
export function judgedAtClose(
  path: string,
  opened: OpenedFile | null,
  db: Database.Database,
): { readonly found: 'same' | FoundAtClose | 'other'; readonly content: Buffer | null } {
  const found = foundAtClose(path, opened)
  if (found === 'same' || found === 'other') return { found, content: null }
  return { found, content: contentOf(db) }
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
 * The database's whole content, read before it is closed; null when it cannot be, or does not read
 * whole: pages of a file cut short or written over in place that the connection no longer held
 * come from what is there now, and SQLite reads a page cut away as zeros without a word. The
 * write-back is then skipped, and the next start checks the file and rebuilds it.
 */
export function contentOf(db: Database.Database): Buffer | null {
  try {
    const content = db.serialize()
    // The copy is checked as a file of the rollback journal's format: SQLite opens no WAL file's
    // image from memory.
    const image = Buffer.from(content)
    image.fill(1, 18, 20)
    const copy = new Database(image)
    try {
      return copy.pragma('quick_check', { simple: true }) === 'ok' ? content : null
    } finally {
      copy.close()
    }
  } catch {
    return null
  }
}

/**
 * Put `content` back at `path` after what `found` says happened to it, at `at`; never throws, as it
 * runs at quit. Returns a sentence for the log.
 */
export function putBack(path: string, content: Buffer, found: FoundAtClose, at: number): string {
  let what = found === 'cut' ? 'was cut short while Standby ran' : 'was deleted while Standby ran'
  try {
    if (found === 'overwritten') {
      const aside = moveAside(path, at)
      pruneQuarantined(path, aside)
      what = `was replaced while Standby ran by bytes that are no database, kept as ${basename(aside)}`
    } else {
      // SQLite leaves the deleted file's -wal and -shm by their names (and a cut file's, when its
      // close could not copy them in); what they held is in `content`, and SQLite would read them
      // into the file written back.
      for (const suffix of COMPANIONS) removeQuietly(path + suffix)
    }
    // Readable by this user only, through a file beside it: whole or absent.
    writeFileAtomicallySync(path, content)
    return `The offline cache ${path} ${what}; wrote it back at quit`
  } catch (error) {
    return `The offline cache ${path} ${what} and could not be written back (${errorMessage(error)})`
  }
}

/** What the close says of a cache `found` so whose content did not read whole to write it back. */
export function notPutBack(path: string, found: FoundAtClose): string {
  if (found === 'deleted')
    return `The offline cache ${path} was deleted while Standby ran and could not be read whole to write it back`
  const what =
    found === 'cut'
      ? 'was cut short while Standby ran'
      : 'was written over while Standby ran by bytes that are no database'
  return (
    `The offline cache ${path} ${what}, and what Standby held of it did not read whole; ` +
    'the next start checks it and rebuilds it from the platform'
  )
}

/** Remove a file if it is there; anything else there (a folder) is left, as the open moves it aside. */
function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true })
  } catch {
    // Not a file.
  }
}
