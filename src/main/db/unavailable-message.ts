/**
 * What to tell the expert when the cache cannot be opened for a reason of the machine, not of the
 * file's content. A lock is told apart: the open waited for it and it held, so another program has
 * the file open (Standby's single-instance lock keeps a second Standby from reaching the cache), and
 * the folder's permissions or the disk's space have nothing to do with it.
 */
import Database from 'better-sqlite3'
import { errorMessage } from '../../shared/error-message'
import { isDiskFullCode } from '../../shared/sqlite/machine-fault'

/** Whether `error` is SQLite's word that another connection holds the file's lock. */
export function isLockHeld(error: unknown): boolean {
  return error instanceof Database.SqliteError && /^SQLITE_(BUSY|LOCKED)/.test(error.code)
}

/**
 * The sentence for an open of the cache at `path` that failed with `error`; the file was left as it
 * is, or, `updating` it to this version's schema, at the version it was found at.
 */
export function unavailableMessage(path: string, error: unknown, doing?: 'updating'): string {
  const code = error instanceof Database.SqliteError ? `${error.code}: ` : ''
  const found = `(${code}${errorMessage(error)})`
  const left =
    doing === undefined
      ? 'the file was left as it is'
      : 'the cache was left as it was, at its earlier version'
  const cannot =
    doing === undefined
      ? 'Standby cannot open its offline cache'
      : 'Standby cannot update its offline cache for this version'
  if (isLockHeld(error)) {
    return (
      `Standby cannot open its offline cache: another program holds the lock on ${path} ${found}, ` +
      'such as a backup or sync tool, an antivirus scan, or the sqlite3 shell. Close that program or ' +
      'wait for it to finish, then start Standby again; the file was left as it is.'
    )
  }
  if (error instanceof Database.SqliteError && isDiskFullCode(error.code)) {
    return (
      `${cannot} at ${path}: the disk that holds it is full ${found}. ` +
      `Free some space on that disk, then start Standby again; ${left}.`
    )
  }
  return (
    `${cannot} at ${path} ${found}. Check that the folder is writable ` +
    `and the disk is not full, then start Standby again; ${left}.`
  )
}
