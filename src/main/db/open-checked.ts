/**
 * One open of the cache file as it is: checked (read-only, so a damaged file and its WAL stay as
 * found), opened, configured and migrated, and the schema compared with the newest one. Its
 * failures say what they are: the file's content (CacheDamage, moved aside by open-cache.ts), a
 * file of a newer Standby (left untouched), or the machine or the driver (CacheUnavailableError).
 */
import Database from 'better-sqlite3'
import { existsSync } from 'node:fs'
import { errorMessage } from '../../shared/error-message'
import { isMachineFaultCode } from '../../shared/sqlite/machine-fault'
import { DatabaseTooNewError, migrate, refuseWhatCannotMigrate } from '../../shared/sqlite/migrate'
import {
  keepLinkedPrivate,
  keepPrivate,
  headerRefused,
  walRefused,
  type FoundAtPath,
} from './cache-file-state'
import {
  isNewestAsStored,
  missingBaseTables,
  TABLES_OF_EVERY_VERSION,
  restoreSyncRow,
  schemaDifference,
  storedStatements,
  type StoredStatements,
} from './cache-schema'
import { closeRefused } from './close-refused'
import { isDamage } from './damage-watch'
import { distrustSchema } from './distrust-schema'
import { isLockHeld, unavailableMessage } from './unavailable-message'
import { cacheMigrations } from './migrations'

/** The cache cannot be opened for a reason that is not the file's content; nothing was moved. */
export class CacheUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'CacheUnavailableError'
  }
}

/** Thrown inside the open when the file's content is damaged. */
export class CacheDamage extends Error {}

const WHAT = 'Standby cache'
const WAL_SIZE_LIMIT_BYTES = 4 * 1024 * 1024
/** How long the open waits for a lock another program holds: its migrations must not fail on a moment's lock. */
const OPEN_LOCK_WAIT_MS = 5_000
/**
 * How long a read or write waits for such a lock once the cache is open. They run on the app's main
 * thread, and this process is the cache's only writer, so only another program (a backup tool, the
 * sqlite3 shell) holds one: each write waiting the open's time held the window, the tray and every
 * notification that long, at each try. One that fails is told and tried again (catch-up-failures.ts).
 */
export const RUN_LOCK_WAIT_MS = 200
const TOO_NEW_REMEDY =
  'It was written by a newer Standby: install that version again. The file was left untouched.'

/** Which check the open runs (see OpenCacheOptions.integrityCheck). */
export type CheckLevel = 'none' | 'quick' | 'full'

/** A connection the open checked, configured and migrated. */
export interface CheckedOpen {
  readonly db: Database.Database
  /**
   * Whether the open wrote into the file: migrated it (a new file included) or put back its sync
   * row. The usual start's open only reads it.
   */
  readonly wrote: boolean
}

/**
 * Check, open, configure and migrate; throws CacheDamage when the content is the problem. `found`
 * is what was at the path as the open began, when it is still what is there.
 */
export function openChecked(
  path: string,
  nativeBinding: string | undefined,
  check: CheckLevel,
  found?: FoundAtPath,
  note?: (line: string) => void,
): CheckedOpen {
  keepPrivate(path, found)
  const refused = headerRefused(path) ?? walRefused(path)
  if (refused !== null) throw new CacheDamage(refused)
  if (check !== 'none' && existsSync(path)) checkReadOnly(path, nativeBinding, check)
  const db = openConnection(path, nativeBinding, {})
  try {
    // Before the journal mode below is written into its header: a file refused (another program's,
    // a newer Standby's) is moved aside or left exactly as it was found.
    const { newest, schemaKnown } = versionAndTables(db)
    // One exec for all of them: none returns anything the open needs, and each db.pragma() call
    // would compile a statement of its own.
    db.exec(
      [
        'journal_mode = WAL',
        'synchronous = NORMAL',
        'foreign_keys = ON',
        // A snapshot writes the whole cache through the WAL; without a limit the -wal file keeps
        // that size on disk until the app quits. With one it shrinks back once checkpointed.
        `journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`,
        // SQLite copies the WAL back into the file inline, on the commit that crosses its
        // threshold: that commit is the one that applied an invite or marked it shown, and the
        // notification waited for the copy (`npm run bench -- core`, the p99 of invite ->
        // notifier). The copy runs on a timer instead, between events (see checkpointEvery).
        'wal_autocheckpoint = 0',
      ]
        .map((pragma) => `PRAGMA ${pragma};`)
        .join(' '),
    )
    if (!newest) migrateCache(db, path, note)
    const wrong = schemaKnown ? null : schemaDifference(db)
    if (wrong !== null) throw new CacheDamage(`its tables are not those Standby makes (${wrong})`)
    const restored = restoreSyncRow(db)
    keepLinkedPrivate(path)
    db.exec(`PRAGMA busy_timeout = ${RUN_LOCK_WAIT_MS};`)
    return { db, wrote: !newest || restored }
  } catch (error) {
    closeRefused(db, path, nativeBinding)
    throw classify(path, error)
  }
}

/**
 * Refuse a file that cannot migrate (a newer Standby's, another program's) or lacks the tables
 * every version has; tells whether it is at the newest version, and whether its schema is already
 * known to be the newest's. The usual start's file (the newest version, holding exactly the newest
 * statements) is told by one read, and passes every check here.
 */
function versionAndTables(db: Database.Database): { newest: boolean; schemaKnown: boolean } {
  if (isNewestAsStored(db, cacheMigrations.length)) return { newest: true, schemaKnown: true }
  let version = 0
  asMigrationFault(() => {
    try {
      version = refuseWhatCannotMigrate(db, cacheMigrations.length, { what: WHAT, remedy: TOO_NEW_REMEDY })
    } catch (error) {
      // Told as a newer Standby's, the file would stop every start with advice no install can follow.
      throw error instanceof DatabaseTooNewError ? notNewerCache(db, error) : error
    }
  })
  // At the newest version nothing migrates: the statements read now are those the check compares.
  const newest = version === cacheMigrations.length
  const stored = newest ? statementsOrNull(db) : null
  const missing = version > 0 ? missingBaseTables(db, stored?.tables) : []
  if (missing.length > 0) {
    throw new CacheDamage(
      `it is at schema version ${version} without the tables every version of it has ` +
        `(${missing.join(', ')} missing): another program's file, or one edited`,
    )
  }
  return { newest, schemaKnown: stored?.newest === true }
}

/**
 * `tooNew` as it is for a file that may be a newer Standby's; CacheDamage for one holding none of
 * the tables every version of the cache has had: another program's, which numbers its own schema
 * past the cache's. A newer Standby may drop one of them, never all; a schema this SQLite cannot
 * read (a newer SQLite's) leaves the file a newer Standby's, untouched.
 */
function notNewerCache(db: Database.Database, tooNew: DatabaseTooNewError): Error {
  let missing: string[]
  try {
    missing = missingBaseTables(db)
  } catch {
    return tooNew
  }
  if (missing.length < TABLES_OF_EVERY_VERSION.length) return tooNew
  return new CacheDamage(
    `it is at schema version ${tooNew.found}, past this version's, without any of the tables every ` +
      "version of it has: another program's file",
  )
}

/**
 * quick_check on a read-only connection of its own. Closing a read-write connection checkpoints
 * the WAL into the file and deletes it; a read-only one cannot, so a damaged file and its WAL are
 * moved aside exactly as they were found.
 */
function checkReadOnly(path: string, nativeBinding: string | undefined, check: 'quick' | 'full'): void {
  const db = openConnection(path, nativeBinding, { readonly: true, fileMustExist: true })
  try {
    // A file past this version's is not checked: a newer Standby's schema may use what a newer
    // SQLite reads and this one cannot, which the check reports as damage. The open then refuses it
    // untouched, or moves it aside as another program's, by its version and tables.
    if (Number(db.pragma('user_version', { simple: true })) > cacheMigrations.length) return
    integrityCheck(db, check)
  } catch (error) {
    throw classify(path, error)
  } finally {
    closeQuietly(db)
  }
}

/** CacheDamage and DatabaseTooNewError as they are; other SQLite damage as CacheDamage; the rest unavailable. */
function classify(path: string, error: unknown): Error {
  if (error instanceof CacheDamage || error instanceof DatabaseTooNewError) return error
  if (isDamage(error)) return new CacheDamage(String((error as Error).message))
  if (error instanceof CacheUnavailableError) return error
  return unavailable(path, error)
}

/**
 * Throws CacheDamage with SQLite's findings unless its check says "ok": quick_check, or for 'full'
 * integrity_check, which also compares each index with its rows.
 */
function integrityCheck(db: Database.Database, check: 'quick' | 'full'): void {
  // The check reads every page once; a small page cache keeps the process from holding on to
  // those pages' memory afterwards (better-sqlite3's default cache is 16 MB).
  db.pragma('cache_size = -1024')
  const pragma = check === 'full' ? 'integrity_check' : 'quick_check'
  const findings = (db.pragma(`${pragma}(20)`) as Array<Record<string, string>>).map((row) => row[pragma])
  if (findings.length !== 1 || findings[0] !== 'ok') {
    throw new CacheDamage(`${pragma}: ${findings.join('; ')}`)
  }
}

/**
 * `db`'s stored statements, or null when they cannot be read: each check then reads the schema as
 * it did alone, so a file whose schema fails to read fails where and as it always did.
 */
function statementsOrNull(db: Database.Database): StoredStatements | null {
  try {
    return storedStatements(db)
  } catch {
    return null
  }
}

/** Migrate; a failing step on an intact file means the content is not what we wrote. */
function migrateCache(db: Database.Database, path: string, note?: (line: string) => void): void {
  const options = { what: WHAT, remedy: TOO_NEW_REMEDY, ...(note === undefined ? {} : { note }) }
  asMigrationFault(() => migrate(db, cacheMigrations, options), path)
}

/**
 * Run `step`; a failure of the file's content (not a newer file, not the machine) is damage. The
 * machine's, while migrating at `path`, says the file stayed at its version (every step rolled back).
 */
function asMigrationFault(step: () => unknown, path?: string): void {
  try {
    step()
  } catch (error) {
    if (error instanceof DatabaseTooNewError) throw error
    if (isEnvironmentFault(error)) throw path === undefined ? error : unavailable(path, error, 'updating')
    throw new CacheDamage(`migration failed: ${errorMessage(error)}`)
  }
}

function openConnection(
  path: string,
  nativeBinding: string | undefined,
  options: Database.Options,
): Database.Database {
  try {
    // The lock wait is set as the connection is made: a pragma for it would compile a statement.
    const made = { ...options, timeout: OPEN_LOCK_WAIT_MS }
    return distrustSchema(new Database(path, nativeBinding === undefined ? made : { ...made, nativeBinding }))
  } catch (error) {
    if (isDamage(error)) throw new CacheDamage(String((error as Error).message))
    if (!(error instanceof Database.SqliteError)) throw driverUnavailable(nativeBinding, error)
    throw unavailable(path, error)
  }
}

/** Close after a failure; a damaged file may fail to close too, and the first error is the story. */
function closeQuietly(db: Database.Database): void {
  try {
    db.close()
  } catch {
    // Already failing: the original error is the one to report.
  }
}

/**
 * Faults of the machine rather than the file: permissions, a full disk, I/O errors, another
 * process holding the lock. Moving the file aside would not fix them and would lose the reminder
 * and notification state, so they are reported instead.
 */
function isEnvironmentFault(error: unknown): boolean {
  return error instanceof Database.SqliteError && isMachineFaultCode(error.code)
}

/** A held lock names its file on the error, as a Node error names one, so the start's advice can name it. */
function unavailable(path: string, error: unknown, doing?: 'updating'): CacheUnavailableError {
  const unavailable = new CacheUnavailableError(unavailableMessage(path, error, doing), { cause: error })
  return isLockHeld(error) ? Object.assign(unavailable, { path }) : unavailable
}

function driverUnavailable(nativeBinding: string | undefined, error: unknown): CacheUnavailableError {
  const detail = errorMessage(error)
  const remedy =
    nativeBinding === undefined
      ? 'Rebuild it for this Node.js with `npm rebuild better-sqlite3` (packaging with ' +
        'electron-builder rebuilds node_modules for Electron).'
      : 'Rebuild it for this Electron with `npx tsx scripts/rebuild-sqlite-for-electron.ts --force`.'
  return new CacheUnavailableError(`SQLite's native addon could not be loaded (${detail}). ${remedy}`, {
    cause: error,
  })
}
