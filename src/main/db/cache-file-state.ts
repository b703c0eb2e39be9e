/**
 * What is at the cache's path before it is opened: whether it can be the cache at all, and
 * whether it may not be whole (so that the open runs the full check).
 */
import {
  chmodSync,
  closeSync,
  constants,
  fchmodSync,
  fstatSync,
  lstatSync,
  openSync,
  readSync,
  statSync,
  type Stats,
} from 'node:fs'
import { companionBase, linkRefused } from './companion-base'
import { COMPANIONS } from './quarantine'
import { walLosesChanges } from './wal-lost-changes'
import { walPageOne } from './wal-page-one'
import { openRegularFileSync } from '../node/bounded-file'

/**
 * What is at the cache's path and at each of its companions' (-wal, -shm, -journal), looked at once
 * before the open, without following links: every check before the open reads it, rather than each
 * asking the disk again (and a missing companion, the usual case, costing a thrown error each time).
 */
export interface FoundAtPath {
  readonly file: Stats | undefined
  /** Where the companions are (companion-base.ts): the path, or the file a link there points to. */
  readonly base: string
  /** In COMPANIONS' order, at `base`; undefined where nothing is. */
  readonly companions: ReadonlyArray<Stats | undefined>
}

/** Look at `path` and its companions (see FoundAtPath). */
export function foundAt(path: string): FoundAtPath {
  const file = lstatOrNothing(path)
  const base = companionBase(path, file)
  return { file, base, companions: COMPANIONS.map((suffix) => lstatOrNothing(base + suffix)) }
}

/** What lstat finds at `path`, or undefined when it finds nothing or cannot look (a folder not ours). */
export function lstatOrNothing(path: string): Stats | undefined {
  try {
    return lstatSync(path, { throwIfNoEntry: false })
  } catch {
    return undefined
  }
}

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
export function notACacheFile(path: string, found: FoundAtPath = foundAt(path)): NotACacheFile | null {
  const wrongFile = notAFile(path, found.file)
  if (wrongFile !== null)
    return wrongFile.startsWith('a folder')
      ? { kind: 'folder', reason: `${path} is a folder` }
      : { kind: 'other', reason: `${path} is ${wrongFile}` }
  for (const [i, suffix] of COMPANIONS.entries()) {
    const wrong =
      notAFile(found.base + suffix, found.companions[i]) ?? linkRefused(suffix, found.companions[i])
    if (wrong !== null) return { kind: 'other', reason: `${found.base + suffix} is ${wrong}` }
  }
  const orphan = orphanedJournal(path, found)
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
function orphanedJournal(path: string, found: FoundAtPath): string | null {
  if ((sizeOf(path, found.file) ?? 0) > 0) return null
  for (const suffix of ['-wal', '-journal'] as const) {
    const companion = found.base + suffix
    if ((sizeOf(companion, found.companions[COMPANIONS.indexOf(suffix)]) ?? 0) > 0) return companion
  }
  return null
}

/**
 * The size of the file at `path` (through a link), whose lstat is `entry`; undefined when nothing
 * is there or a link leads nowhere.
 */
function sizeOf(path: string, entry: Stats | undefined): number | undefined {
  if (entry === undefined || entry.isFile()) return entry?.size
  try {
    return statSync(path).size
  } catch {
    return undefined
  }
}

/**
 * What is at `path` (whose lstat is `entry`) when it is neither nothing nor a regular file
 * (through links or not), or null.
 */
function notAFile(path: string, entry: Stats | undefined): string | null {
  if (entry === undefined || entry.isFile()) return null
  if (entry.isDirectory()) return 'a folder'
  let target
  try {
    target = statSync(path)
  } catch {
    return 'a link to nothing'
  }
  if (target.isFile()) return null
  return target.isDirectory() ? 'a link to a folder' : 'not a regular file'
}

/**
 * True when an existing cache may not be whole: the marker of a run that never closed it, a WAL
 * left behind (a clean close checkpoints and deletes it), or a file shorter than its header says.
 */
export function leftUnclean(path: string, found: FoundAtPath, marker: Stats | undefined): boolean {
  const size = sizeOf(path, found.file)
  if (size === undefined) return false
  // Whatever is there, a link to nothing included (lstat does not follow links): one the open
  // cannot replace with its own marker is never removed at close either, so it cannot tell a clean exit.
  if (marker !== undefined) return true
  if ((sizeOf(`${found.base}-wal`, found.companions[COMPANIONS.indexOf('-wal')]) ?? 0) > 0) return true
  return shorterThanHeaderSays(path, size)
}

/** The database header's page size and page count (https://sqlite.org/fileformat.html) against the file's `size`. */
export function shorterThanHeaderSays(path: string, size: number): boolean {
  const header = headerOf(path)
  if (header.length < 100) return true
  const rawPageSize = header.readUInt16BE(16)
  const pageSize = rawPageSize === 1 ? 65_536 : rawPageSize
  const pages = header.readUInt32BE(28)
  // The page count is valid only when the change counter matches "version valid for".
  const valid = pages > 0 && header.readUInt32BE(24) === header.readUInt32BE(92)
  return valid && size < pages * pageSize
}

/** The 100 bytes of the database header at `path`; fewer for a file shorter than a header. */
function headerOf(path: string): Buffer {
  const header = Buffer.alloc(100)
  // Through a link, as SQLite opens it; judged as opened, so a pipe put there cannot block the start.
  const { fd } = openRegularFileSync(path, 'follow')
  try {
    return header.subarray(0, readSync(fd, header, 0, 100, 0))
  } finally {
    closeSync(fd)
  }
}

/** How every SQLite database file begins. */
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1')
/**
 * The newest file format version SQLite knows (2: WAL): a file whose write version is newer it only
 * reads, one whose read version is newer it does not read at all ("file is not a database").
 */
export const NEWEST_FILE_FORMAT = 2
/** The newest schema format SQLite reads (4); a file marked newer it refuses with "unsupported file format". */
export const NEWEST_SCHEMA_FORMAT = 4

/**
 * Why SQLite would refuse the file at `path` for a number in its header (read where SQLite reads it:
 * from the WAL beside it, when that holds page 1), or null. Past any SQLite's
 * (a damaged header), its format write version has every write fail as if the disk were read-only,
 * and its schema format the open fail as a fault of the machine: at every start, never rebuilt.
 */
export function headerRefused(path: string): string | null {
  let header: Buffer
  try {
    header = headerOf(path)
  } catch {
    // Unreadable here, as the open then says.
    return null
  }
  // Bytes that are no database at all SQLite names as such.
  const start = header.subarray(0, SQLITE_MAGIC.length)
  if (!SQLITE_MAGIC.subarray(0, start.length).equals(start)) return null
  if (header.length === 0) return null
  // SQLite writes its first page whole, yet takes a header cut short (one byte) for a new database.
  const refused = header.length < 100 ? 'it is cut short in its header' : formatRefused(header)
  if (refused === null) return null
  // SQLite reads page 1 from the WAL when one holds it: the file's own is then older, or a checkpoint's cut short.
  const fromWal = walPageOne(`${companionBase(path, lstatOrNothing(path))}-wal`)
  return fromWal === null ? refused : formatRefused(fromWal)
}

/** Why the WAL beside the file at `path` holds changes SQLite would pass over in silence (wal-lost-changes.ts), or null. */
export function walRefused(path: string): string | null {
  return walLosesChanges(`${companionBase(path, lstatOrNothing(path))}-wal`, path)
    ? 'the file of its latest changes (its -wal) is damaged'
    : null
}

/** Why SQLite would refuse a database whose header is `header`, for a format number in it, or null. */
function formatRefused(header: Buffer): string | null {
  const read = header.readUInt8(19)
  if (read > NEWEST_FILE_FORMAT)
    return `its header gives a file format (read version ${read}) SQLite cannot read`
  const write = header.readUInt8(18)
  if (write > NEWEST_FILE_FORMAT)
    return `its header gives a file format (write version ${write}) SQLite only reads, never writes`
  // SQLite reads the last byte of the schema format's four alone.
  const schema = header.readUInt8(47)
  if (schema > NEWEST_SCHEMA_FORMAT) return `its header gives a schema format (${schema}) SQLite cannot read`
  return null
}

/**
 * Make the cache readable by this user only: it holds clients' names, messages and private notes.
 * A missing file is created empty with that mode (SQLite gives its -wal and -shm the file's mode);
 * an existing one and its companions lose what others could read. Not through a link: what it
 * points to may be any file of the user's, and is narrowed only once it opened as the cache
 * (keepLinkedPrivate). Best effort: a file of another owner cannot be changed, and the open
 * reports what matters about it. Windows has no such modes.
 */
export function keepPrivate(path: string, found: FoundAtPath = foundAt(path)): void {
  if (process.platform === 'win32') return
  let there = found
  if (there.file === undefined) {
    try {
      closeSync(openSync(path, 'wx', 0o600))
      return
    } catch {
      // Made since it was looked at (or cannot be made, which the open says): narrow what is there.
      there = foundAt(path)
    }
  }
  // Through a link, the companions are the target's, narrowed with it (keepLinkedPrivate).
  const entries = there.base === path ? [there.file, ...there.companions] : [there.file]
  for (const [i, entry] of entries.entries()) {
    if (entry?.isFile() === true && (entry.mode & 0o077) !== 0)
      narrowFile(i === 0 ? path : path + COMPANIONS[i - 1])
  }
}

/**
 * Narrow what a link at `path` points to, once it opened as the cache, and the -wal and -shm SQLite
 * keeps beside that file (made with its mode, but one left from before may be wider).
 */
export function keepLinkedPrivate(path: string): void {
  if (process.platform === 'win32') return
  try {
    if (!lstatSync(path).isSymbolicLink()) return
    narrow(path, statSync(path).mode)
    const base = companionBase(path, lstatSync(path))
    for (const suffix of COMPANIONS) narrowFile(base + suffix)
  } catch {
    // Gone since the open, which the next open finds.
  }
}

/**
 * Take from the regular file at `file` what others could read or write, never through a link: one
 * put there since the path was looked at may point to any file of the user's.
 */
function narrowFile(file: string): void {
  let fd: number
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0))
  } catch {
    return // Gone, a link, or not ours to open: nothing of the cache's to narrow.
  }
  try {
    const entry = fstatSync(fd)
    if (entry.isFile()) fchmodSync(fd, entry.mode & 0o700)
  } catch {
    // Not ours to change.
  } finally {
    closeSync(fd)
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
