/**
 * Closing the cache's read-write connection after the open refused the file (another program's, a
 * failing migration, tables not Standby's). The last connection to close copies the WAL into the
 * file and deletes it: the file and its WAL would then be moved aside changed, not as found, and a
 * WAL of another database put beside the cache would be written over the cache's own pages, the
 * marks of what the expert was already shown with them. A read-only connection held open meanwhile
 * makes the read-write one not the last, and a read-only one cannot copy anything at its own close.
 */
import Database from 'better-sqlite3'

/** Close `db`, open on `path`, without copying its WAL into the file; never throws. */
export function closeRefused(db: Database.Database, path: string, nativeBinding: string | undefined): void {
  let holder: Database.Database | undefined
  try {
    const options = { readonly: true, fileMustExist: true }
    holder = new Database(path, nativeBinding === undefined ? options : { ...options, nativeBinding })
    // A connection reads the file only when asked to: this makes it one SQLite counts.
    holder.pragma('schema_version')
  } catch {
    // Then the close copies as it always did; the refusal is the story to tell.
  }
  for (const connection of [db, holder]) {
    try {
      connection?.close()
    } catch {
      // Already failing: the original error is the one to report.
    }
  }
}
