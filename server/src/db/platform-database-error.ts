/** Why the platform database could not be opened, in one line that says what to do. */
import { errorMessage } from '../../../src/shared/error-message'
import { isNativeAddonFailure } from '../../../src/shared/sqlite/native-addon-failure'

/** The platform database could not be opened: the message names the file, what is wrong and what to do. */
export class PlatformDatabaseError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'PlatformDatabaseError'
  }
}

/**
 * The error for a SQLite driver that does not load in this Node.js (its addon built for another
 * one, typically before Node.js was upgraded), undefined for any other error. No file is at fault
 * then: advice about the file would send the operator to move a good database aside.
 */
export function driverNotLoaded(error: unknown): PlatformDatabaseError | undefined {
  const code = (error as { code?: unknown } | null)?.code
  const message = errorMessage(error)
  if (!isNativeAddonFailure({ code: typeof code === 'string' ? code : '', message })) return undefined
  // dlopen's message runs over several lines; the platform's answer is one.
  const detail = message.replace(/\s+/g, ' ').trim().replace(/\.$/, '')
  return new PlatformDatabaseError(
    `The SQLite driver (better-sqlite3) does not load in this Node.js ${process.version} (${detail}): ` +
      'run npm rebuild better-sqlite3 in the Standby checkout, then start the platform again.',
    { cause: error },
  )
}
