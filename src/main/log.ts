/** The log the main process writes to. A port, so services and tests can supply their own. */
export interface Logger {
  /** Something worth knowing happened. */
  info(message: string): void
  /** Something was refused or went wrong, and the app carried on. */
  warn(message: string, error?: unknown): void
  /** Something went wrong that the user will notice. */
  error(message: string, error?: unknown): void
}

/** Writes to stdout/stderr, which is where Electron's own messages go too. */
export const consoleLogger: Logger = {
  info: (message) => console.info(`[standby] ${message}`),
  warn: (message, error) =>
    error === undefined ? console.warn(`[standby] ${message}`) : console.warn(`[standby] ${message}`, error),
  error: (message, error) =>
    error === undefined
      ? console.error(`[standby] ${message}`)
      : console.error(`[standby] ${message}`, error),
}
