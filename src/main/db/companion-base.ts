/**
 * Where SQLite keeps a database's -wal, -shm and -journal: beside the file it opens, which for a link
 * at the cache's path is the file the link points to (SQLite resolves links in a database's name).
 * Every look at the companions before the open uses the same place, or a folder or a pipe beside the
 * link's target would pass the checks and fail the open as the machine's fault.
 */
import { realpathSync, type Stats } from 'node:fs'

/**
 * The name SQLite gives the companions of the database at `path`, whose lstat is `entry`: `path`
 * itself unless it is a link that leads to a file, then that file's real path.
 */
export function companionBase(path: string, entry: Stats | undefined): string {
  if (entry?.isSymbolicLink() !== true) return path
  try {
    return realpathSync(path)
  } catch {
    // A link to nothing: SQLite would create the file, and none is beside anything yet.
    return path
  }
}

/**
 * SQLite opens the -wal and -shm without following a link at their names (O_NOFOLLOW, save on
 * Windows): a link there, whatever it leads to, fails every open with advice about the folder and
 * the disk, at every start. What is wrong with a link at the companion `suffix` (lstat `entry`), or null.
 */
export function linkRefused(suffix: string, entry: Stats | undefined): string | null {
  if (entry?.isSymbolicLink() !== true || suffix === '-journal' || process.platform === 'win32') return null
  return 'a link, which SQLite does not open there'
}
