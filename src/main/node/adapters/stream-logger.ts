/** The log in plain Node (browser shell, tests): one line per entry on a stream, with time and level. */
import { formatLogLine, type Logger, type LogLevel } from '../log'

/** A log writing to `out` (process.stderr, or a test's buffer). */
export function createStreamLogger(options: {
  readonly out: Pick<NodeJS.WritableStream, 'write'>
  /** The clock for the timestamps; defaults to the system time. */
  readonly now?: () => number
}): Logger {
  const { out } = options
  const now = options.now ?? Date.now
  const write = (level: LogLevel, message: string, error?: unknown): void => {
    out.write(`${formatLogLine(new Date(now()), level, message, error)}\n`)
    // The stack goes on the lines after, indented, so the entry's first line stays greppable.
    if (error instanceof Error && error.stack !== undefined) {
      const frames = error.stack.split('\n').filter((line) => line.trimStart().startsWith('at '))
      if (frames.length > 0) out.write(`${frames.map((frame) => `    ${frame.trim()}`).join('\n')}\n`)
    }
  }
  return {
    info: (message, detail) => write('info', message, detail),
    warn: (message, error) => write('warn', message, error),
    error: (message, error) => write('error', message, error),
  }
}
