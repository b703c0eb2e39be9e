/**
 * The log file: every entry goes to the console as before and to `standby.log` in the host's log
 * folder (Electron's `app.getPath('logs')`, the browser shell's data directory), redacted like every
 * line (log.ts). The file is capped: past its size it becomes `standby.1.log`, replacing the one
 * before, so the two together never hold more than twice the cap.
 */
import {
  chmodSync,
  closeSync,
  constants,
  fstatSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  renameSync,
  statSync,
  lstatSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs'
import { dirname, join } from 'node:path'
import { errorMessage } from '../../shared/error-message'
import { storageRemedy } from '../core/storage-remedy'
import { errorCode } from './atomic-file'
import { formatLogEntry, type Logger, type LogLevel } from './log'
import { cutBack } from './log-cut-back'

/** The log folder's name inside a Node host's data directory (Electron has its own folder). */
export const LOG_FOLDER_NAME = 'logs'
/** The file's name in its folder; the previous one is `standby.1.log`. */
export const LOG_FILE_NAME = 'standby.log'
/** The older file's name, kept while the current one fills. */
export const PREVIOUS_LOG_FILE_NAME = 'standby.1.log'
/** The size at which the file starts again (a few weeks of a quiet app's lines). */
export const DEFAULT_LOG_FILE_BYTES = 1024 * 1024

/** The line that opens the file again after a time it could not be written. */
const RESUMED = 'The log file can be written again; entries since it could not went to the console only'

/** While the file cannot be written, how long before it is tried again. */
export const LOG_RETRY_MS = 60_000

/** A log that also writes a file; says where, for errors and Settings to show. */
export interface FileLogger extends Logger {
  /** The current file. */
  readonly path: string
  /** The folder that holds it and the previous one. */
  readonly dir: string
  /** Why the file could not be written at its last try, and what to do, for Settings; null while it is written. */
  problem(): string | null
}

/** Where and how big. */
export interface FileLoggerOptions {
  readonly dir: string
  /** Where every entry is echoed: the console in Electron, stderr in the browser shell. */
  readonly echo: Logger
  /** The size at which the file is rotated; defaults to DEFAULT_LOG_FILE_BYTES. */
  readonly maxBytes?: number
  readonly now?: () => number
}

/**
 * A logger writing to `echo` and to `<dir>/standby.log`. A file that cannot be written is said once
 * on `echo` and the log goes on without it (no log line may stop the app), trying the file again
 * now and then, so it picks up once the disk has room again.
 */
export function createFileLogger(options: FileLoggerOptions): FileLogger {
  const { dir } = options
  const echo = guarded(options.echo)
  const maxBytes = options.maxBytes ?? DEFAULT_LOG_FILE_BYTES
  const now = options.now ?? Date.now
  const path = join(dir, LOG_FILE_NAME)
  let size: number | null = null
  const append = (chunk: string): void => {
    // One huge entry must not push out everything else: it is cut to a quarter of the file.
    const text = chunk.length > maxBytes / 4 ? `${chunk.slice(0, Math.floor(maxBytes / 4))}…\n` : chunk
    const bytes = Buffer.byteLength(text)
    if (size === null) {
      mkdirSync(dir, { recursive: true, mode: 0o700 })
      narrowFolder(dir)
      size = sizeOf(path)
    }
    if (size > 0 && size + bytes > maxBytes) size = rotate(path, now())
    const file = openOwnFile(path)
    let whole = file.size
    try {
      if (file.replaced) {
        const note = formatLogEntry(new Date(now()), 'warn', LINK_REPLACED).join('')
        echo.warn(`${LINK_REPLACED}: ${path}`)
        writeFileSync(file.fd, note)
        size = whole = Buffer.byteLength(note)
      }
      writeFileSync(file.fd, text)
    } catch (error) {
      // A write the disk stopped part-way (full, or the file at the largest size allowed) left
      // half an entry, which the next one, once the file can be written, would run on from.
      cutBack(file.fd, whole, text)
      throw error
    } finally {
      closeSync(file.fd)
    }
    size += bytes
  }
  /** While the file cannot be written: when to try it again, and why it could not. */
  let retryAt: number | null = null
  let failure: { readonly error: unknown } | null = null
  const write = (level: LogLevel, message: string, detail?: unknown): void => {
    echo[level](message, detail)
    const at = now()
    if (retryAt !== null && at < retryAt) return
    try {
      if (retryAt !== null) for (const chunk of formatLogEntry(new Date(at), 'info', RESUMED)) append(chunk)
      for (const chunk of formatLogEntry(new Date(at), level, message, detail)) append(chunk)
      retryAt = null
      failure = null
    } catch (error) {
      failure = { error }
      // Tried again later rather than never: a disk that filled up is often freed while the app runs.
      if (retryAt === null)
        echo.warn(`The log file ${path} cannot be written; logging to the console only until it can`, error)
      retryAt = at + LOG_RETRY_MS
      // What is on disk is no longer known: read its size again at the next try.
      size = null
    }
  }
  return {
    path,
    dir,
    info: (message, detail) => write('info', message, detail),
    warn: (message, detail) => write('warn', message, detail),
    error: (message, detail) => write('error', message, detail),
    problem: () =>
      failure === null
        ? null
        : `Standby cannot write its log file ${path} (${errorMessage(failure.error)}), so its entries go to the console only; it tries the file again every minute. ${remedy(path, failure.error)}.`,
  }
}

/** What to do about a log file that cannot be written, as the start of a sentence. */
function remedy(path: string, error: unknown): string {
  return error instanceof NotAFile
    ? `Move or rename what stands at ${path}, where Standby keeps its log file`
    : storageRemedy(error)
}

/** Something other than a file (a folder, a named pipe, a device) stands at the log's path. */
class NotAFile extends Error {
  constructor(path: string) {
    super(`${path} is not a regular file`)
  }
}

/**
 * `log` with every call made safe: a console whose stream is closed (stderr of a shell that quit, a
 * pipe with no reader) can throw, and that must neither stop the file's entry nor reach the caller,
 * which may be an error handler or the quit.
 */
function guarded(log: Logger): Logger {
  const call =
    (level: LogLevel) =>
    (message: string, detail?: unknown): void => {
      try {
        log[level](message, detail)
      } catch {
        // The file still gets the entry; there is nowhere else to say the console failed.
      }
    }
  return { info: call('info'), warn: call('warn'), error: call('error') }
}

/**
 * Makes room in the file at `path`: it becomes the previous file, and the new one's size (0) is
 * returned. When it cannot (a folder by the previous file's name, or a file another program
 * holds), the file starts afresh instead, with a line saying why, and the size of that line is
 * returned: left as it was, every entry from then on would fail the same way, in every run.
 */
function rotate(path: string, at: number): number {
  try {
    renameSync(path, join(dirname(path), PREVIOUS_LOG_FILE_NAME))
    return 0
  } catch (error) {
    const why = `The log could not be kept as ${PREVIOUS_LOG_FILE_NAME} (${errorCode(error) ?? 'unknown error'}); this file starts afresh`
    const note = formatLogEntry(new Date(at), 'warn', why).join('')
    const { fd } = openOwnFile(path)
    try {
      ftruncateSync(fd, 0)
      writeFileSync(fd, note)
    } finally {
      closeSync(fd)
    }
    return Buffer.byteLength(note)
  }
}

/** What the log says when it found a link at its path. */
const LINK_REPLACED =
  'The log file was a link to another file; removed the link and started a file of its own'

/** The flag that makes an open refuse a symbolic link; Windows has none. */
const NO_FOLLOW = constants.O_NOFOLLOW as number | undefined

/**
 * Appending, never following a symbolic link (where the system has the flag), and never waiting
 * on a named pipe with no reader (it fails at once instead).
 */
const APPEND_FLAGS =
  constants.O_RDWR | constants.O_APPEND | constants.O_CREAT | (NO_FOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0)

/**
 * Opens the log at `path` to append to it, as a file of its own: a link put there (a symbolic link,
 * or another name of a file, even while Standby runs) would carry every entry into that other
 * file, so it is removed, which leaves that file as it was, and a new file is started (`replaced`).
 */
function openOwnFile(path: string): {
  readonly fd: number
  readonly replaced: boolean
  readonly size: number
} {
  try {
    // Without the flag (Windows), the open would follow a symbolic link: it is looked for first.
    if (NO_FOLLOW === undefined && lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink() === true)
      throw Object.assign(new Error(`${path} is a symbolic link`), { code: 'ELOOP' })
    const fd = openSync(path, APPEND_FLAGS, 0o600)
    const stats = fstatSync(fd)
    if (stats.isFile() && stats.nlink <= 1) return { fd, replaced: false, size: stats.size }
    closeSync(fd)
    if (!stats.isFile()) throw new NotAFile(path)
  } catch (error) {
    // ELOOP: a symbolic link the flag would not follow (EMLINK on some BSDs).
    if (errorCode(error) !== 'ELOOP' && errorCode(error) !== 'EMLINK') throw error
  }
  unlinkSync(path)
  return { fd: openSync(path, APPEND_FLAGS | constants.O_EXCL, 0o600), replaced: true, size: 0 }
}

/** The size of the file at `path` (0 when there is none); throws when something else is there. */
function sizeOf(path: string): number {
  let stats
  try {
    stats = lstatSync(path)
  } catch {
    return 0
  }
  // A link is replaced at the first write (openOwnFile); narrowed, the other file would change.
  if (stats.isSymbolicLink() || (stats.isFile() && stats.nlink > 1)) return 0
  // A named pipe there would hold the first write, and the app with it, until something reads it.
  if (!stats.isFile()) throw new NotAFile(path)
  // The mode given to append applies only to a file it creates: one an older version left readable
  // by others (it names the expert, clients and sessions) is narrowed once per run.
  narrowToOwner(path, stats.mode)
  return stats.size
}

/**
 * The mode given to mkdir applies only to a folder it creates: one made earlier open to others (who
 * could then list, replace or delete the files in it) is narrowed once per run, like the files.
 */
function narrowFolder(dir: string): void {
  let stats
  try {
    stats = statSync(dir)
  } catch {
    return
  }
  if (stats.isDirectory()) narrowToOwner(dir, stats.mode)
}

/** Takes away what group and others may do with `path`, where the system has modes. Best effort. */
function narrowToOwner(path: string, mode: number): void {
  if (process.platform === 'win32' || (mode & 0o077) === 0) return
  try {
    chmodSync(path, mode & 0o700)
  } catch {
    // Not ours to change; the entries are redacted either way.
  }
}
