/**
 * The log the main process writes to, and the one line format every host uses (Electron's
 * console here, the browser shell's stream in adapters/stream-logger.ts).
 */
import type { Logger } from '../../shared/logger'

export type { Logger } from '../../shared/logger'

/** How bad it is. */
export type LogLevel = 'info' | 'warn' | 'error'

/**
 * One entry as one line: ISO time, level, message, and the error's own message. Line breaks in
 * the message become spaces, so text from elsewhere cannot forge a second entry.
 */
export function formatLogLine(at: Date, level: LogLevel, message: string, error?: unknown): string {
  const text = message.replace(/[\r\n]+/g, ' ')
  const cause = error === undefined ? '' : ` (${describeError(error).replace(/[\r\n]+/g, ' ')})`
  return `${at.toISOString()} ${level.toUpperCase().padEnd(5)} ${text}${cause}`
}

/** An error as a short phrase: "TypeError: x is undefined", or the value itself. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`
  return typeof error === 'string' ? error : (JSON.stringify(error) ?? String(error))
}

/** Writes to stdout/stderr, which is where Electron's own messages go too; errors keep their stack. */
export const consoleLogger: Logger = {
  info: (message, detail) => console.info(formatLogLine(new Date(), 'info', message, detail)),
  warn: (message, error) =>
    error === undefined
      ? console.warn(formatLogLine(new Date(), 'warn', message))
      : console.warn(formatLogLine(new Date(), 'warn', message), error),
  error: (message, error) =>
    error === undefined
      ? console.error(formatLogLine(new Date(), 'error', message))
      : console.error(formatLogLine(new Date(), 'error', message), error),
}
