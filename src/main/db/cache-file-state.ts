/**
 * What is at the cache's path before it is opened: whether it can be the cache at all, and
 * whether it may not be whole (so that the open runs the full check).
 */
import { chmodSync, closeSync, existsSync, lstatSync, openSync, readSync, statSync } from 'node:fs'
import { COMPANIONS, isThere } from './quarantine'

/**
 * What is at the cache's path when it cannot be the cache. A folder is refused and left where it
 * is, since it may hold anything. Anything else (a link to nothing or to a device, a device, a
 * pipe) is moved aside like a damaged file: renaming it moves no data, and without that every start
 * would fail with advice about permissions and disk space that does not fit.
 */
export interface NotACacheFile {
  readonly kind: 'folder' | 'other'
  readonly reason: string
}

/**
 * Why what is at `path` cannot be the cache, or null when it can (nothing yet, or a regular file,
 * through links or not). Its -wal, -shm and -journal are looked at too: SQLite opens a folder there
 * with an error that reads like a full disk, and a named pipe there as a WAL that writes block on;
 * a journal that outlived its file would be discarded. Those are moved aside with the file, like a
 * damaged one, since they belong to it.
 */
export function notACacheFile(path: string): NotACacheFile | null {
  const found = notAFile(path)
  if (found !== null)
    return found.startsWith('a folder')
      ? { kind: 'folder', reason: `${path} is a folder` }
      : { kind: 'other', reason: `${path} is ${found}` }
  for (const companion of COMPANIONS.map((suffix) => path + suffix)) {
    const wrong = notAFile(companion)
    if (wrong !== null) return { kind: 'other', reason: `${companion} is ${wrong}` }
  }
  const orphan = orphanedJournal(path)
  if (orphan !== null)
    return { kind: 'other', reason: `${orphan} is there without the database it belongs to` }
  return null
}

/**
 * A -wal or -journal holding writes while the file they belong to is missing or empty (deleted, or
 * emptied, by a hand or a tool). SQLite would open past it as a new database and then discard it at
 * the first write, with whatever it held; it is moved aside instead, kept as found. A -shm holds
 * only an index SQLite rebuilds, and an empty journal holds nothing.
 */
function orphanedJournal(path: string): string | null {
  if (existsSync(path) && statSync(path).size > 0) return null
  for (const suffix of ['-wal', '-journal'] as const) {
    try {
      if (statSync(path + suffix).size > 0) return path + suffix
    } catch {
      // Not there.
    }
  }
  return null
}

/** What is at `path` when it is neither nothing nor a regular file (through links or not), or null. */
function notAFile(path: string): string | null {
  let entry
  try {
    entry = lstatSync(path)
  } catch {
    return null
  }
  if (entry.isDirectory()) return 'a folder'
  if (!existsSync(path)) return 'a link to nothing'
  const target = statSync(path)
  if (target.isFile()) return null
  return target.isDirectory() ? 'a link to a folder' : 'not a regular file'
}

/**
 * True when an existing cache may not be whole: the marker of a run that never closed it, a WAL
 * left behind (a clean close checkpoints and deletes it), or a file shorter than its header says.
 */
export function leftUnclean(path: string, marker: string): boolean {
  if (!existsSync(path)) return false
  // Whatever is there, a link to nothing included (existsSync follows links): one the open cannot
  // replace with its own marker is never removed at close either, so it cannot tell a clean exit.
  if (isThere(marker)) return true
  if (existsSync(`${path}-wal`) && statSync(`${path}-wal`).size > 0) return true
  return shorterThanHeaderSays(path)
}

/** The database header's page size and page count (https://sqlite.org/fileformat.html) against the file's size. */
function shorterThanHeaderSays(path: string): boolean {
  const header = Buffer.alloc(100)
  const fd = openSync(path, 'r')
  try {
    if (readSync(fd, header, 0, 100, 0) < 100) return true
  } finally {
    closeSync(fd)
  }
  const rawPageSize = header.readUInt16BE(16)
  const pageSize = rawPageSize === 1 ? 65_536 : rawPageSize
  const pages = header.readUInt32BE(28)
  // The page count is valid only when the change counter matches "version valid for".
  const valid = pages > 0 && header.readUInt32BE(24) === header.readUInt32BE(92)
  return valid && statSync(path).size < pages * pageSize
}

/**
 * Make the cache readable by this user only: it holds clients' names, messages and private notes.
 * A missing file is created empty with that mode (SQLite gives its -wal and -shm the file's mode);
 * an existing one and its companions lose what others could read. Not through a link: what it
 * points to may be any file of the user's, and is narrowed only once it opened as the cache
 * (keepLinkedPrivate). Best effort: a file of another owner cannot be changed, and the open
 * reports what matters about it. Windows has no such modes.
 */
export function keepPrivate(path: string): void {
  if (process.platform === 'win32') return
  try {
    closeSync(openSync(path, 'wx', 0o600))
    return
  } catch {
    // It exists (or cannot be made, which the open says): narrow what is there.
  }
  for (const file of [path, ...COMPANIONS.map((suffix) => path + suffix)]) {
    try {
      const entry = lstatSync(file)
      if (entry.isFile()) narrow(file, entry.mode)
    } catch {
      // Not there.
    }
  }
}

/**
 * Narrow what a link at `path` points to, once it opened as the cache: SQLite keeps the -wal and
 * -shm beside that file, with its mode.
 */
export function keepLinkedPrivate(path: string): void {
  if (process.platform === 'win32') return
  try {
    if (lstatSync(path).isSymbolicLink()) narrow(path, statSync(path).mode)
  } catch {
    // Gone since the open, which the next open finds.
  }
}

/** Take from `file` (through a link) what others could read or write. */
function narrow(file: string, mode: number): void {
  try {
    if ((mode & 0o077) !== 0) chmodSync(file, mode & 0o700)
  } catch {
    // Not ours to change.
  }
}
