/** The platform database could not be opened: the message names the file, what is wrong and what to do. */
export class PlatformDatabaseError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'PlatformDatabaseError'
  }
}
