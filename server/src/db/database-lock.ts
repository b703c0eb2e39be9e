/**
 * One platform per database file. Two servers on one file would each keep their own view of what
 * they hold in memory (live rooms, sign-ins, the timed rules' sweep) while writing the same
 * tables: event ids handed out twice, an invite expired by one while the other offers it.
 *
 * The lock is SQLite's own, on a small file beside the database (`<db>.lock`) held in an exclusive
 * transaction for as long as the server runs: the operating system lets it go when the process
 * ends, however it ends (kill -9 included), so there is never a stale lock to clean up, and a
 * second connection in the same process is refused as one in another process is. The file is
 * left in place on close: deleting it could let a server that opened it just before take a lock
 * on a file nobody else can see any more. Only a start refused before it wrote anything takes
 * away the lock file it made, leaving the folder as it found it.
 */
import Database from 'better-sqlite3'
import { existsSync, rmSync } from 'node:fs'
import { errorMessage } from '../../../src/shared/error-message'
import { driverNotLoaded, PlatformDatabaseError } from './platform-database-error'

/** A held lock on a platform database file. */
export interface DatabaseLock {
  /** Let go of the lock; harmless when already let go. */
  release(): void
  /**
   * Let go of the lock and remove the lock file if this lock made it: for a start refused before
   * it wrote anything, so the folder is left as it was found.
   */
  abandon(): void
}

/** The lock file that belongs to the platform database at `path`. */
export function lockFileOf(path: string): string {
  return `${path}.lock`
}

/**
 * Take the lock on the platform database at `path` (whose folder exists), or throw a
 * PlatformDatabaseError that says another server holds it and what to do.
 */
export function lockPlatformDatabase(path: string): DatabaseLock {
  const lockPath = lockFileOf(path)
  const made = !existsSync(lockPath)
  let lock: Database.Database
  try {
    lock = new Database(lockPath)
  } catch (error) {
    throw (
      driverNotLoaded(error) ??
      new PlatformDatabaseError(
        `Cannot create the lock file ${lockPath} beside the platform database (${errorMessage(error)}): check that its folder can be written, or point --db at another file.`,
        { cause: error },
      )
    )
  }
  try {
    // Never waits: a server already running keeps the lock for as long as it runs.
    lock.pragma('busy_timeout = 0')
    lock.pragma('locking_mode = EXCLUSIVE')
    lock.exec('BEGIN EXCLUSIVE')
  } catch (error) {
    lock.close()
    const busy = error instanceof Database.SqliteError && error.code.startsWith('SQLITE_BUSY')
    throw new PlatformDatabaseError(
      busy
        ? `Another platform server is using ${path} (it holds ${lockPath}): stop that server first, or point --db at another file.`
        : `Cannot lock the platform database ${path} through ${lockPath} (${errorMessage(error)}): move the lock file aside if no server is running, or point --db at another file.`,
      { cause: error },
    )
  }
  const release = (): void => {
    if (lock.open) lock.close()
  }
  return {
    release,
    abandon() {
      release()
      if (made) rmSync(lockPath, { force: true })
    },
  }
}
