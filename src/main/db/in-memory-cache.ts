/**
 * A cache file, or its folder, that this account may not write (a read-only disk or share, files
 * left by another account or `sudo`, an immutable flag): a start refused on it left the expert
 * without Standby, and one let open read-only failed every save. Standby runs instead from a copy
 * in memory of what the file holds, so what it already showed stays shown, and says so: the file
 * is left as it is, and nothing of this run is kept after it quits.
 */
import Database from 'better-sqlite3'
import { accessSync, constants, copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { errorMessage } from '../../shared/error-message'
import { migrate } from '../../shared/sqlite/migrate'
import { distrustSchema } from './distrust-schema'
import { cacheMigrations } from './migrations'
import type { OpenedCache } from './open-cache'

/** The codes of a file or folder this account may not write (the system's and SQLite's). */
const NOT_WRITABLE = /^(EACCES|EPERM|EROFS|SQLITE_CANTOPEN|SQLITE_READONLY|SQLITE_PERM)/

/** Why the cache at `path` cannot be written, when its file is there and may not be; null otherwise. */
export function fileNotWritable(path: string): NodeJS.ErrnoException | null {
  if (!existsSync(path)) return null
  try {
    accessSync(path, constants.W_OK)
    return null
  } catch (error) {
    return notWritable(error) === null ? null : (error as NodeJS.ErrnoException)
  }
}

/** The error of `error`'s chain that says a file or folder may not be written by this account; null if none. */
export function notWritable(error: unknown): Error | null {
  for (let at: unknown = error; at instanceof Error; at = at.cause) {
    const code = (at as { code?: unknown }).code
    if (typeof code === 'string' && NOT_WRITABLE.test(code)) return at
  }
  return null
}

/**
 * A writable copy in memory of the cache at `path`, read with its WAL when it can be, else its file
 * alone, else an empty cache when it cannot be read at all; `why` is the refusal met, for the message.
 */
export function inMemoryCache(path: string, nativeBinding: string | undefined, why: Error): OpenedCache {
  const { db, message } = inMemory(path, nativeBinding, why)
  // Nothing to check, mark or write back at close.
  const close = (): null => {
    db.close()
    return null
  }
  return { db, rebuilt: null, inMemory: message, checked: false, damaged: () => {}, close }
}

function inMemory(
  path: string,
  nativeBinding: string | undefined,
  why: Error,
): { readonly db: Database.Database; readonly message: string } {
  const image = imageOf(path, nativeBinding)
  const db = image === null ? null : openedImage(image, nativeBinding)
  const code = String((why as { code?: unknown }).code)
  // Node's own messages begin with their code already.
  const found = `(${errorMessage(why).startsWith(code) ? '' : `${code}: `}${errorMessage(why)})`
  const writable = `Make ${path} and its folder ${dirname(path)} writable by your account`
  if (db !== null) {
    return {
      db,
      message:
        `Standby cannot write to its offline cache at ${path} ${found}. It runs from a copy in memory ` +
        'this time: what it already knew is kept, but nothing that changes now is saved, so invites and ' +
        'reminders shown from now on may be shown again when it next starts. ' +
        `${writable}, then quit and start Standby again; the file was left as it is.`,
    }
  }
  const empty = openedImage(null, nativeBinding) as Database.Database
  if (!existsSync(path)) {
    return {
      db: empty,
      message:
        `Standby cannot make its offline cache at ${path} ${found}. It runs from an empty cache in memory ` +
        'this time and saves none of it, so invites and reminders shown now may be shown again when it ' +
        'next starts. ' +
        `${writable}, then quit and start Standby again.`,
    }
  }
  return {
    db: empty,
    message:
      `Standby cannot read its offline cache at ${path} ${found}. It runs from an empty cache in memory ` +
      'this time and fetches everything from the platform again, so invites you were shown may be ' +
      `shown again, now and when it next starts. ${writable}, then quit and start Standby again; the file was left as it is.`,
  }
}

/** The cache's content: through SQLite (its WAL's commits with it), else the file's bytes; null if unreadable. */
function imageOf(path: string, nativeBinding: string | undefined): Buffer | null {
  // Without a WAL the file's bytes are the cache: SQLite would make a -wal and -shm beside it.
  if (!existsSync(`${path}-wal`)) return bytesOf(path)
  // A folder it may not write has SQLite refuse to make the WAL's index beside them: read from a
  // private copy of both, where the commits an unclean exit left in the WAL are the newest marks.
  return readWithWal(path, path, nativeBinding) ?? withPrivateCopy(path, nativeBinding) ?? bytesOf(path)
}

/** The cache at `path` read through SQLite, its WAL at `from`-wal with it; null when it cannot be. */
function readWithWal(path: string, from: string, nativeBinding: string | undefined): Buffer | null {
  try {
    const options = { readonly: from === path, fileMustExist: true }
    const db = new Database(from, nativeBinding === undefined ? options : { ...options, nativeBinding })
    try {
      return db.serialize()
    } finally {
      db.close()
    }
  } catch {
    return null
  }
}

function withPrivateCopy(path: string, nativeBinding: string | undefined): Buffer | null {
  let dir: string | undefined
  try {
    dir = mkdtempSync(join(tmpdir(), 'standby-cache-'))
    const copy = join(dir, 'cache.db')
    copyFileSync(path, copy)
    copyFileSync(`${path}-wal`, `${copy}-wal`)
    return readWithWal(path, copy, nativeBinding)
  } catch {
    return null
  } finally {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true })
  }
}

function bytesOf(path: string): Buffer | null {
  try {
    return readFileSync(path)
  } catch {
    return null
  }
}

/** `image` opened in memory and migrated; a new empty cache for null; null when the image will not do. */
function openedImage(image: Buffer | null, nativeBinding: string | undefined): Database.Database | null {
  const options = nativeBinding === undefined ? {} : { nativeBinding }
  let db: Database.Database | undefined
  try {
    // SQLite opens no WAL file's image from memory: marked as the rollback journal's format.
    if (image !== null && image.length >= 20) image.fill(1, 18, 20)
    db = distrustSchema(new Database(image ?? ':memory:', options))
    if (image !== null && db.pragma('quick_check', { simple: true }) !== 'ok') throw new Error('damaged')
    db.pragma('foreign_keys = ON')
    migrate(db, cacheMigrations, { what: 'offline cache', remedy: '' })
    return db
  } catch {
    db?.close()
    return null
  }
}
