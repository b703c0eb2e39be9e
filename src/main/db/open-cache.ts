/**
 * Opening the offline cache at start. The file is checked (`PRAGMA quick_check`) and migrated; a
 * damaged one is moved aside with a timestamp (the newest few such copies are kept, older ones
 * removed) and a fresh cache takes its place,
 * since everything in it can be fetched from the platform again. A file written by a newer Standby
 * is refused instead: it is not damaged, and this version must not touch it.
 */
import Database from 'better-sqlite3'
import { existsSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { isMachineFaultCode } from '../../shared/sqlite/machine-fault'
import { DatabaseTooNewError, migrate, refuseWhatCannotMigrate } from '../../shared/sqlite/migrate'
import { cacheMigrations } from './migrations'
import { keepLinkedPrivate, keepPrivate, leftUnclean, notACacheFile } from './cache-file-state'
import { missingBaseTables, restoreSyncRow, schemaDifference } from './cache-schema'
import { moveAside, pruneQuarantined, type Pruned } from './quarantine'
import { salvageMarks, type SalvagedMarks } from './salvage-marks'
import { isDamage } from './damage-watch'
import { markDamaged, markedDamaged, markOpen, unmarkOpen } from './open-marker'
import { contentOf, foundAtClose, openedFile, putBack } from './write-back'
import { errorMessage } from '../../shared/error-message'

/** How to open the cache. */
export interface OpenCacheOptions {
  /** The cache file; its folder is created if needed. */
  readonly path: string
  /**
   * better-sqlite3's `nativeBinding`: the addon built for Electron's ABI (see
   * electron-native-binding.ts). Undefined loads node_modules' own build, for Node.
   */
  readonly nativeBinding?: string | undefined
  /** The time stamped into a damaged copy's name; defaults to Date.now. */
  readonly now?: () => number
  /**
   * 'quick' (the default) runs `PRAGMA quick_check` before migrating. It reads the whole file, so
   * it costs more the larger the cache (`npm run bench -- cache`), and the app uses
   * 'after-unclean-exit': the check runs only when the last run did not close the cache with
   * `OpenedCache.close()` (it crashed, was killed, or the machine lost power: a marker file
   * `<path>-open` is left), when a WAL was left behind, or when the file is shorter than its own
   * header says (truncated). A cleanly closed file is whole, so a normal start skips the read.
   * 'none' is for benches.
   */
  readonly integrityCheck?: IntegrityCheck
}

/** When to run `PRAGMA quick_check` at open (see OpenCacheOptions.integrityCheck). */
export type IntegrityCheck = 'quick' | 'after-unclean-exit' | 'none'

/** What happened when a damaged cache was replaced. */
export interface CacheRebuild {
  /** Where the damaged file was moved (its -wal/-shm sit beside it with the same name). */
  readonly damagedCopy: string
  /** What was wrong, for the log. */
  readonly reason: string
  /** The older damaged copies removed to keep only the newest few (quarantine.ts), for the log. */
  readonly pruned: Pruned
  /** The marks of what was already shown, carried over from the damaged copy (salvage-marks.ts). */
  readonly salvaged: SalvagedMarks
  /** The sentence to show the user, once. */
  readonly message: string
}

/** An open, checked, migrated cache. */
export interface OpenedCache {
  readonly db: Database.Database
  /** Set when the file was damaged and replaced by an empty cache; null otherwise. */
  readonly rebuilt: CacheRebuild | null
  /** Whether the integrity check ran at this open (quick_check, or integrity_check after damage). */
  readonly checked: boolean
  /**
   * A read or write found the file damaged (damage-watch.ts): the next open checks it, whatever
   * close() records, and so moves it aside and rebuilds it.
   */
  damaged(): void
  /**
   * Close the database and record the clean exit (the next open may skip the check). A file
   * deleted or overwritten while open is written back (write-back.ts); returns what to log about
   * it, else null.
   */
  close(): string | null
}

/** The cache cannot be opened for a reason that is not the file's content; nothing was moved. */
export class CacheUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'CacheUnavailableError'
  }
}

/** Thrown inside this module when the file's content is damaged. */
class CacheDamage extends Error {}

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
/** How often the WAL is copied back into the file; the copy does nothing when nothing was written. */
export const CHECKPOINT_EVERY_MS = 5_000
const TOO_NEW_REMEDY =
  'It was written by a newer Standby: install that version again. The file was left untouched.'

/** Open the cache at `options.path`, replacing it with an empty one if it is damaged. */
export function openCache(options: OpenCacheOptions): OpenedCache {
  const { path, nativeBinding } = options
  const check = options.integrityCheck ?? 'quick'
  if (nativeBinding !== undefined && !existsSync(nativeBinding)) {
    throw new CacheUnavailableError(
      `The Electron build of SQLite is missing (${nativeBinding}). ` +
        'Build it with `npx tsx scripts/rebuild-sqlite-for-electron.ts` (`npm start` runs it first).',
    )
  }
  // An existing file's folder exists: mkdirSync would only cost a failing syscall and a stat.
  if (!existsSync(path)) mkdirSync(dirname(path), { recursive: true, mode: 0o700 })
  const marker = `${path}-open`
  const notAFile = notACacheFile(path)
  if (notAFile?.kind === 'folder') {
    throw new CacheUnavailableError(
      `Standby cannot open its offline cache at ${path}: a folder is there, where its file should be. ` +
        'Move or rename that folder, then start Standby again; it was left as it is.',
    )
  }
  const level = checkLevel(check, notAFile === null, path, marker)
  const checked = level !== 'none'
  const opened = (db: Database.Database, rebuilt: CacheRebuild | null): OpenedCache => {
    // Written once the cache is open and removed by close(): found at the next open, it means this
    // run never closed the cache.
    const marked = check === 'after-unclean-exit' && markOpen(marker)
    let damaged = false
    const sawDamage = (): void => {
      if (damaged) return
      damaged = true
      // Now, not at close: a crash after it must not lose it either.
      if (marked) markDamaged(marker)
    }
    const stopCheckpoints = checkpointEvery(db, CHECKPOINT_EVERY_MS, sawDamage)
    const file = openedFile(path)
    return {
      db,
      rebuilt,
      checked,
      damaged: sawDamage,
      close() {
        stopCheckpoints()
        const found = foundAtClose(path, file)
        const content = found === 'deleted' || found === 'overwritten' ? contentOf(db) : null
        db.close()
        const said =
          content === null || found === 'same' || found === 'other'
            ? null
            : putBack(path, content, found, (options.now ?? Date.now)())
        // Left in place, the marker has the next open check the file, as after a crash.
        if (marked && !damaged) unmarkOpen(marker)
        return said
      },
    }
  }
  try {
    if (notAFile !== null) throw new CacheDamage(notAFile.reason)
    return opened(openChecked(path, nativeBinding, level), null)
  } catch (error) {
    // The file's path, as a Node error names one: the advice says which file to move aside.
    if (error instanceof DatabaseTooNewError) throw Object.assign(error, { path })
    if (!(error instanceof CacheDamage)) throw error
    const damagedCopy = moveAside(path, (options.now ?? Date.now)())
    const pruned = pruneQuarantined(path, damagedCopy)
    const db = openChecked(path, nativeBinding, level)
    return opened(db, {
      damagedCopy,
      reason: error.message,
      pruned,
      salvaged: salvageMarks(db, damagedCopy, nativeBinding),
      message:
        "Standby's offline cache was damaged and is being rebuilt from the platform; nothing on " +
        `the platform was lost. The damaged copy is kept at ${damagedCopy}: you can delete it, ` +
        'or send it to support if this happens again.',
    })
  }
}

/** Which check the open runs (see OpenCacheOptions.integrityCheck). */
type CheckLevel = 'none' | 'quick' | 'full'

/**
 * The check for this open: none of a path that holds no file, the full one after a run that found
 * the file damaged (the quick one may pass what that run found), else as `check` says.
 */
function checkLevel(check: IntegrityCheck, isFile: boolean, path: string, marker: string): CheckLevel {
  if (!isFile || check === 'none') return 'none'
  if (check === 'quick') return 'quick'
  if (markedDamaged(marker)) return 'full'
  return leftUnclean(path, marker) ? 'quick' : 'none'
}

/**
 * Copy the WAL back into the database file every `ms`, in a task of its own rather than inside a
 * commit; returns what stops it. A passive checkpoint never waits for a reader or writer. One that
 * fails on an open connection (a full disk, an I/O error) is tried again at the next tick: SQLite's
 * own checkpoint is off, so stopping would let the WAL grow for the rest of the run once the disk
 * had room again. Only a connection closed elsewhere stops the timer, since every tick would fail.
 */
function checkpointEvery(db: Database.Database, ms: number, onDamage: () => void): () => void {
  const timer = setInterval(() => {
    try {
      db.pragma('wal_checkpoint(PASSIVE)')
    } catch (error) {
      if (isDamage(error)) onDamage()
      if (!db.open) clearInterval(timer)
    }
  }, ms)
  // The app quits when it is done, whatever the timer.
  timer.unref()
  return () => clearInterval(timer)
}

/** Check, open, configure and migrate; throws CacheDamage when the content is the problem. */
function openChecked(path: string, nativeBinding: string | undefined, check: CheckLevel): Database.Database {
  keepPrivate(path)
  if (check !== 'none' && existsSync(path)) checkReadOnly(path, nativeBinding, check)
  const db = openConnection(path, nativeBinding, {})
  try {
    db.exec(`PRAGMA busy_timeout = ${OPEN_LOCK_WAIT_MS};`)
    // Before the journal mode below is written into its header: a file refused (another program's,
    // a newer Standby's) is moved aside or left exactly as it was found.
    let version = 0
    asMigrationFault(() => {
      version = refuseWhatCannotMigrate(db, cacheMigrations.length, { what: WHAT, remedy: TOO_NEW_REMEDY })
    })
    const missing = version > 0 ? missingBaseTables(db) : []
    if (missing.length > 0) {
      throw new CacheDamage(
        `it is at schema version ${version} without the tables every version of it has ` +
          `(${missing.join(', ')} missing): another program's file, or one edited`,
      )
    }
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
    migrateCache(db)
    const wrong = schemaDifference(db)
    if (wrong !== null) throw new CacheDamage(`its tables are not those Standby makes (${wrong})`)
    restoreSyncRow(db)
    keepLinkedPrivate(path)
    db.exec(`PRAGMA busy_timeout = ${RUN_LOCK_WAIT_MS};`)
    return db
  } catch (error) {
    closeQuietly(db)
    throw classify(path, error)
  }
}

/**
 * quick_check on a read-only connection of its own. Closing a read-write connection checkpoints
 * the WAL into the file and deletes it; a read-only one cannot, so a damaged file and its WAL are
 * moved aside exactly as they were found.
 */
function checkReadOnly(path: string, nativeBinding: string | undefined, check: 'quick' | 'full'): void {
  const db = openConnection(path, nativeBinding, { readonly: true, fileMustExist: true })
  try {
    db.pragma(`busy_timeout = ${OPEN_LOCK_WAIT_MS}`)
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

/** Migrate; a failing step on an intact file means the content is not what we wrote. */
function migrateCache(db: Database.Database): void {
  asMigrationFault(() => migrate(db, cacheMigrations, { what: WHAT, remedy: TOO_NEW_REMEDY }))
}

/** Run `step`; a failure of the file's content (not a newer file, not the machine) is damage. */
function asMigrationFault(step: () => unknown): void {
  try {
    step()
  } catch (error) {
    if (error instanceof DatabaseTooNewError || isEnvironmentFault(error)) throw error
    throw new CacheDamage(`migration failed: ${errorMessage(error)}`)
  }
}

function openConnection(
  path: string,
  nativeBinding: string | undefined,
  options: Database.Options,
): Database.Database {
  try {
    return new Database(path, nativeBinding === undefined ? options : { ...options, nativeBinding })
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

function unavailable(path: string, error: unknown): CacheUnavailableError {
  const code = error instanceof Database.SqliteError ? `${error.code}: ` : ''
  const detail = errorMessage(error)
  return new CacheUnavailableError(
    `Standby cannot open its offline cache at ${path} (${code}${detail}). Check that the folder ` +
      'is writable and the disk is not full, and that no other copy of Standby is running; the ' +
      'file was left as it is.',
    { cause: error },
  )
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
