/** The log in plain Node (browser shell, tests): one line per entry on a stream, with time and level. */
import { formatLogEntry, type Logger, type LogLevel } from '../log'

/** A log writing to `out` (process.stderr, or a test's buffer). */
export function createStreamLogger(options: {
  readonly out: Pick<NodeJS.WritableStream, 'write'>
  /** The clock for the timestamps; defaults to the system time. */
  readonly now?: () => number
}): Logger {
  const { out } = options
  const now = options.now ?? Date.now
  const write = (level: LogLevel, message: string, error?: unknown): void => {
    for (const chunk of formatLogEntry(new Date(now()), level, message, error)) out.write(chunk)
  }
  return {
    info: (message, detail) => write('info', message, detail),
    warn: (message, error) => write('warn', message, error),
    error: (message, error) => write('error', message, error),
  }
}
