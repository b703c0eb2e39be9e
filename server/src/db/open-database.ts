/** Opens (creating if needed) and migrates the platform's SQLite file. */
import Database from 'better-sqlite3'
import { mkdirSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import { errorMessage } from '../../../src/shared/error-message'
import { isMachineFaultCode } from '../../../src/shared/sqlite/machine-fault'
import { DatabaseTooNewError, migrate, refuseWhatCannotMigrate } from '../../../src/shared/sqlite/migrate'
import { platformMigrations } from './migrations'
import { driverNotLoaded, PlatformDatabaseError } from './platform-database-error'

export { PlatformDatabaseError }

const ANOTHER_FILE = 'point --db at another file (a new one is created empty)'

/** Open the platform database at `path` (":memory:" for a throwaway one) and migrate it. */
export function openPlatformDatabase(path: string): Database.Database {
  if (path !== ':memory:') prepareFolder(path)
  let db: Database.Database
  try {
    db = new Database(path)
  } catch (error) {
    throw refused(path, error)
  }
  const what = { what: 'platform database', remedy: 'Run a newer server, or point --db at another file.' }
  try {
    db.pragma('busy_timeout = 5000')
    // Before the journal mode is written into its header: a file refused is left as it was found.
    refuseWhatCannotMigrate(db, platformMigrations.length, what)
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    db.pragma('foreign_keys = ON')
    migrate(db, platformMigrations, what)
    return db
  } catch (error) {
    db.close()
    throw refused(path, error)
  }
}

/** Make the file's folder; refuse at once what is at the path when it is not a file. */
export function prepareFolder(path: string): void {
  let found
  try {
    found = statSync(path, { throwIfNoEntry: false })
    if (found === undefined) mkdirSync(dirname(path), { recursive: true })
  } catch (error) {
    throw new PlatformDatabaseError(
      `Cannot create the folder of the platform database ${path} (${errorMessage(error)}): ${ANOTHER_FILE}.`,
      { cause: error },
    )
  }
  if (found === undefined || found.isFile()) return
  const what = found.isDirectory() ? 'a folder' : 'not a regular file'
  throw new PlatformDatabaseError(`The platform database ${path} is ${what}: ${ANOTHER_FILE}.`)
}

/** `error` as one line that names the file and says what to do. */
function refused(path: string, error: unknown): PlatformDatabaseError {
  const driver = driverNotLoaded(error)
  if (driver !== undefined) return driver
  if (error instanceof DatabaseTooNewError)
    return new PlatformDatabaseError(`${path}: ${error.message}`, { cause: error })
  const code = error instanceof Database.SqliteError ? error.code : ''
  const detail = errorMessage(error).replace(/\.$/, '')
  const remedy = isMachineFaultCode(code)
    ? `check that the file and its folder can be written, the disk is not full and no other server uses it, or ${ANOTHER_FILE}`
    : `it is damaged or not a Standby platform database: move it aside, or ${ANOTHER_FILE}`
  return new PlatformDatabaseError(`Cannot open the platform database ${path} (${detail}): ${remedy}.`, {
    cause: error,
  })
}
