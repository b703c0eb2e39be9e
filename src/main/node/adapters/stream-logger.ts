/** The log in plain Node (browser shell, tests): one line per entry on a stream, with time and level. */
import { formatLogEntry, type Logger, type LogLevel } from '../log'

/** A log writing to `out` (process.stderr, or a test's buffer). */
export function createStreamLogger(options: {
  readonly out: Pick<NodeJS.WritableStream, 'write'> & Partial<Pick<NodeJS.WritableStream, 'on'>>
  /** The clock for the timestamps; defaults to the system time. */
  readonly now?: () => number
}): Logger {
  const { out } = options
  const now = options.now ?? Date.now
  // A stream whose reader went away (stderr piped to a pager that quit) fails with an 'error'
  // event; unheard, it would end the process. The log is then the file's alone.
  let closed = false
  out.on?.('error', () => {
    closed = true
  })
  const write = (level: LogLevel, message: string, error?: unknown): void => {
    if (closed) return
    try {
      for (const chunk of formatLogEntry(new Date(now()), level, message, error)) out.write(chunk)
    } catch {
      // A destroyed stream can also throw at once; no log line may stop its caller.
      closed = true
    }
  }
  return {
    info: (message, detail) => write('info', message, detail),
    warn: (message, error) => write('warn', message, error),
    error: (message, error) => write('error', message, error),
  }
}
