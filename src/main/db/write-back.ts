/**
 * The cache file deleted while the app runs (by hand, a cleaner, a sync tool). SQLite goes on
 * reading and writing the file it has open, which nothing can find once the app quits: the next
 * start would begin from an empty cache and show again every invite and reminder already shown.
 * So at close, a cache whose path holds nothing any more is written back there, whole.
 */
import type Database from 'better-sqlite3'
import { closeSync, existsSync, fsyncSync, lstatSync, openSync, renameSync, rmSync, writeSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { dirname } from 'node:path'

/**
 * Whether nothing is at `path` any more while its folder still is: the file was deleted, not the
 * profile (a folder deleted with it was meant to go), nor replaced by another file, left alone.
 */
export function deletedWhileOpen(path: string): boolean {
  try {
    lstatSync(path)
    return false
  } catch {
    return existsSync(dirname(path))
  }
}

/**
 * The database's whole content, read before it is closed; null when it cannot be (the write-back
 * is then skipped, and the next start begins empty, as before).
 */
export function contentOf(db: Database.Database): Buffer | null {
  try {
    return db.serialize()
  } catch {
    return null
  }
}

/**
 * Write `content` at `path` (readable by this user only) through a file beside it, so a crash
 * leaves it whole or absent; never throws, as it runs at quit. Returns a sentence for the log.
 */
export function writeBack(path: string, content: Buffer): string {
  const temp = `${path}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`
  try {
    const fd = openSync(temp, 'wx', 0o600)
    try {
      writeSync(fd, content)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    renameSync(temp, path)
    return `The offline cache ${path} was deleted while Standby ran; wrote it back at quit`
  } catch (error) {
    rmSync(temp, { force: true })
    return `The offline cache ${path} was deleted while Standby ran and could not be written back (${String(error)})`
  }
}
