/** Opens (creating if needed) and migrates the platform's SQLite file. */
import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { migrate } from '../../../src/shared/sqlite/migrate'
import { platformMigrations } from './migrations'

/** Open the platform database at `path` (":memory:" for a throwaway one) and migrate it. */
export function openPlatformDatabase(path: string): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
  const db = new Database(path)
  try {
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    migrate(db, platformMigrations, {
      what: 'platform database',
      remedy: 'Run a newer server, or point --db at another file.',
    })
    return db
  } catch (error) {
    db.close()
    throw error
  }
}
