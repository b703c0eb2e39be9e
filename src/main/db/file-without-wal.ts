/**
 * A damaged copy's file read without the WAL beside it. SQLite takes any WAL at a database's name
 * for that database's (nothing in either file ties them), so a WAL of another database put there
 * by hand or a tool makes the file read as that database: the cache's own tables, and the marks of
 * what the expert was already shown, are hidden behind it though the file still holds them.
 */
import {
  closeSync,
  copyFileSync,
  lstatSync,
  mkdtempSync,
  openSync,
  readSync,
  rmSync,
  writeSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

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
 * A copy of the regular file `file` alone, in a private folder of its own (no WAL beside it), marked
 * as a file of the rollback journal so that SQLite reads its pages as they are and looks for no WAL;
 * null when it cannot be made. The damaged copy itself is never changed.
 */
export function fileWithoutWal(file: string): FileCopy | null {
  let folder: string
  try {
    folder = mkdtempSync(join(tmpdir(), 'standby-salvage-'))
  } catch {
    return null
  }
  const remove = (): void => rmSync(folder, { recursive: true, force: true })
  const path = join(folder, 'cache.db')
  try {
    copyFileSync(file, path)
    asRollbackJournalFile(path)
    return { path, remove }
  } catch {
    remove()
    return null
  }
}

/**
 * The header's file format versions (bytes 18 and 19, https://sqlite.org/fileformat.html): 2 means
 * WAL, which a read-only connection cannot open without a -shm; 1 reads the pages as they are.
 */
function asRollbackJournalFile(path: string): void {
  const fd = openSync(path, 'r+')
  try {
    const versions = Buffer.alloc(2)
    if (readSync(fd, versions, 0, 2, 18) === 2 && versions[0] === 2 && versions[1] === 2) {
      writeSync(fd, Buffer.from([1, 1]), 0, 2, 18)
    }
  } finally {
    closeSync(fd)
  }
}
