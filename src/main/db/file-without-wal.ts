/**
 * A damaged copy's file read without the WAL beside it. SQLite takes any WAL at a database's name
 * for that database's (nothing in either file ties them), so a WAL of another database put there
 * by hand or a tool makes the file read as that database: the cache's own tables, and the marks of
 * what the expert was already shown, are hidden behind it though the file still holds them.
 */
import {
  chmodSync,
  closeSync,
  constants,
  copyFileSync,
  lstatSync,
  openSync,
  readSync,
  rmSync,
  writeSync,
} from 'node:fs'
import { PRIVATE_FILE_MODE, tempPathBeside } from '../node/atomic-file'
import { NEWEST_SCHEMA_FORMAT } from './cache-file-state'

/** A private copy of a file, to read as a database of its own; `remove` deletes it. */
export interface FileCopy {
  readonly path: string
  remove(): void
}

/** Whether a regular file holding bytes is at `path` (never opened: it may be anything). */
export function holdsBytes(path: string): boolean {
  try {
    const entry = lstatSync(path)
    return entry.isFile() && entry.size > 0
  } catch {
    return false
  }
}

/**
 * A copy of the regular file `file` alone under a new name beside the cache at `cache` (no WAL is
 * beside it), marked as a file of the rollback journal so that SQLite reads its pages as they are
 * and looks for no WAL; throws, what was made of it removed, when it cannot be made (a full disk: the
 * copy is whole where the disk cannot share blocks). The damaged copy itself is never changed. The
 * copy holds what the cache held (clients' names, messages, private notes): it is made in the
 * cache's own folder, under the name of an interrupted write of the cache, so one that a kill or a
 * power cut left is removed by the next open and by a sign-out, as the system's temporary folder
 * never would be. `remove` never throws: a copy that will not go yet is swept the same way.
 */
export function fileWithoutWal(file: string, cache: string): FileCopy {
  const path = tempPathBeside(cache)
  const remove = (): void => {
    try {
      rmSync(path, { force: true })
    } catch {
      // Held by another program (a virus scan) or refused: the next open removes it.
    }
  }
  try {
    // EXCL: never through a file or link put there first; FICLONE shares the blocks where it can.
    copyFileSync(file, path, constants.COPYFILE_EXCL | constants.COPYFILE_FICLONE)
    // A copy takes the file's mode, which an older Standby left readable by others.
    if (process.platform !== 'win32') chmodSync(path, PRIVATE_FILE_MODE)
    asRollbackJournalFile(path)
    return { path, remove }
  } catch (error) {
    remove()
    throw error
  }
}

/**
 * The header's file format versions (bytes 18 and 19, https://sqlite.org/fileformat.html) as 1, which
 * reads the pages as they are: 2 means WAL, which a read-only connection cannot open without a -shm,
 * and a damaged one past SQLite's has it refuse every page. So does a schema format past SQLite's
 * (the last of its four bytes, which SQLite reads alone): put back as the newest, which reads the
 * pages of every older one.
 */
function asRollbackJournalFile(path: string): void {
  const fd = openSync(path, 'r+')
  try {
    const header = Buffer.alloc(48)
    if (readSync(fd, header, 0, 48, 0) < 48) return
    if (header[18] !== 1 || header[19] !== 1) writeSync(fd, Buffer.from([1, 1]), 0, 2, 18)
    if ((header[47] ?? 0) > NEWEST_SCHEMA_FORMAT) writeSync(fd, Buffer.from([NEWEST_SCHEMA_FORMAT]), 0, 1, 47)
  } finally {
    closeSync(fd)
  }
}
