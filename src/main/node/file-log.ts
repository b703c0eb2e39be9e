/**
 * The log file: every entry goes to the console as before and to `standby.log` in the host's log
 * folder (Electron's `app.getPath('logs')`, the browser shell's data directory), redacted like every
 * line (log.ts). The file is capped: past its size it becomes `standby.1.log`, replacing the one
 * before, so the two together never hold more than twice the cap.
 */
import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { formatLogEntry, type Logger, type LogLevel } from './log'

/** The log folder's name inside a Node host's data directory (Electron has its own folder). */
export const LOG_FOLDER_NAME = 'logs'
/** The file's name in its folder; the previous one is `standby.1.log`. */
export const LOG_FILE_NAME = 'standby.log'
/** The older file's name, kept while the current one fills. */
export const PREVIOUS_LOG_FILE_NAME = 'standby.1.log'
/** The size at which the file starts again (a few weeks of a quiet app's lines). */
export const DEFAULT_LOG_FILE_BYTES = 1024 * 1024

/** A log that also writes a file; says where, for errors and Settings to show. */
export interface FileLogger extends Logger {
  /** The current file. */
  readonly path: string
  /** The folder that holds it and the previous one. */
  readonly dir: string
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
 * on `echo` and the log goes on without it: no log line may stop the app.
 */
export function createFileLogger(options: FileLoggerOptions): FileLogger {
  const { dir, echo } = options
  const maxBytes = options.maxBytes ?? DEFAULT_LOG_FILE_BYTES
  const now = options.now ?? Date.now
  const path = join(dir, LOG_FILE_NAME)
  let size: number | null = null
  let broken = false
  const append = (chunk: string): void => {
    // One huge entry must not push out everything else: it is cut to a quarter of the file.
    const text = chunk.length > maxBytes / 4 ? `${chunk.slice(0, Math.floor(maxBytes / 4))}…\n` : chunk
    const bytes = Buffer.byteLength(text)
    if (size === null) {
      mkdirSync(dir, { recursive: true, mode: 0o700 })
      size = sizeOf(path)
    }
    if (size > 0 && size + bytes > maxBytes) {
      renameSync(path, join(dir, PREVIOUS_LOG_FILE_NAME))
      size = 0
    }
    appendFileSync(path, text, { mode: 0o600 })
    size += bytes
  }
  const write = (level: LogLevel, message: string, detail?: unknown): void => {
    echo[level](message, detail)
    if (broken) return
    try {
      for (const chunk of formatLogEntry(new Date(now()), level, message, detail)) append(chunk)
    } catch (error) {
      broken = true
      echo.warn(`The log file ${path} cannot be written; logging to the console only`, error)
    }
  }
  return {
    path,
    dir,
    info: (message, detail) => write('info', message, detail),
    warn: (message, detail) => write('warn', message, detail),
    error: (message, detail) => write('error', message, detail),
  }
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size
  } catch {
    return 0
  }
}
