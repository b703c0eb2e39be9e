/**
 * Damage written into the cache file itself, as a disk error or another program writing into it
 * leaves it: the app finds it only when a read reaches the damaged rows.
 */
import Database from 'better-sqlite3'
import { closeSync, openSync, writeSync } from 'node:fs'

/** Overwrite one leaf page of the sessions table in the file at `path`, any WAL copied in first. */
export function damageSessionsPage(path: string): void {
  const db = new Database(path)
  db.pragma('wal_checkpoint(TRUNCATE)')
  const pages = db
    .prepare(`SELECT pageno FROM dbstat WHERE name = 'sessions' AND pagetype = 'leaf' ORDER BY pageno`)
    .pluck()
    .all() as number[]
  const pageSize = Number(db.pragma('page_size', { simple: true }))
  db.close()
  const page = pages[Math.floor(pages.length / 2)] ?? 2
  const fd = openSync(path, 'r+')
  try {
    writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (page - 1) * pageSize)
  } finally {
    closeSync(fd)
  }
}
