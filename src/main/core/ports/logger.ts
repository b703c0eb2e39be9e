/** The core's log. Lines say what happened and what the user can do; never a token. */

/** Where the core writes what happened. */
export interface Logger {
  info(message: string): void
  warn(message: string): void
  error(message: string, error?: unknown): void
}
