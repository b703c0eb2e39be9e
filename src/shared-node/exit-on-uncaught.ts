/**
 * The last resort of a plain-Node host (the reference platform, `npm start` with the browser
 * shell): an error nothing caught is logged through the host's redacting logger, then one line
 * says what happened and what to do, and the process exits with a failure. Node's own default
 * also ends the process, but prints the raw stack, which may hold a client's words or a token.
 * These hosts are run by an engineer or a test watching a terminal: going on in a state no one
 * can vouch for would hide the defect from whoever caused it (two experts could win one invite),
 * while a restart loses nothing, as the platform's events are in SQLite and the app catches up.
 */
import type { Logger } from '../shared/logger'

/** What the last resort needs from the host. */
export interface ExitOnUncaughtOptions {
  readonly log: Logger
  /** The one line for the terminal: what stopped and how to start it again. */
  readonly line: string
  /** Writes the line (stderr). */
  readonly write: (line: string) => void
  /** Ends the process with this code. */
  readonly exit: (code: number) => void
}

/** The exit code after an error nothing caught, Node's own for it. */
export const UNCAUGHT_EXIT_CODE = 1

/**
 * Listens for uncaught exceptions and unhandled rejections on `target`: log, one line, exit. The
 * exit happens whatever the log or the write throw (a throw here would end the process with Node's
 * raw stack after all).
 */
export function exitOnUncaught(
  target: Pick<NodeJS.EventEmitter, 'on'>,
  options: ExitOnUncaughtOptions,
): void {
  const fail = (message: string, error: unknown): void => {
    try {
      try {
        options.log.error(message, error)
      } finally {
        options.write(options.line)
      }
    } catch {
      // Exiting is what is left to do.
    } finally {
      options.exit(UNCAUGHT_EXIT_CODE)
    }
  }
  target.on('uncaughtException', (error: unknown) =>
    fail('An unexpected error reached the top of the process', error),
  )
  target.on('unhandledRejection', (reason: unknown) =>
    fail('A promise failed with no one to handle it', reason),
  )
}
