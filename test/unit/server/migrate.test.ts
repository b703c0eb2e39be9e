import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { migrate, type Migration } from '../../../src/shared/sqlite/migrate'
import { platformMigrations } from '../../../server/src/db/migrations'
import { openPlatformDatabase } from '../../../server/src/db/open-database'

const dirs: string[] = []
function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'standby-migrate-'))
  dirs.push(dir)
  return join(dir, 'nested', 'platform.db')
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

describe('platform migrations', () => {
  it('creates and migrates a fresh file, and reopening it changes nothing', () => {
    const path = tempDb()
    const db = openPlatformDatabase(path)
    expect(db.pragma('user_version', { simple: true })).toBe(platformMigrations.length)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    db.prepare(`INSERT INTO clients (id, name, time_zone) VALUES ('c', 'C', 'UTC')`).run()
    db.close()
    const again = openPlatformDatabase(path)
    expect(again.prepare('SELECT COUNT(*) AS n FROM clients').get()).toEqual({ n: 1 })
    again.close()
  })

  it('refuses a database written by a newer server, with what to do', () => {
    const path = tempDb()
    openPlatformDatabase(path).close()
    const raw = new Database(path)
    raw.pragma(`user_version = ${platformMigrations.length + 1}`)
    raw.close()
    expect(() => openPlatformDatabase(path)).toThrow(/newer than this version's .*Run a newer server/)
  })

  it('runs each step in its own transaction: a failing step leaves the earlier ones applied', () => {
    const db = new Database(':memory:')
    const steps: Migration<Database.Database>[] = [
      { version: 1, name: 'one', up: (d) => d.exec('CREATE TABLE one (x)') },
      {
        version: 2,
        name: 'two',
        up: (d) => {
          d.exec('CREATE TABLE two (x)')
          throw new Error('step two broke')
        },
      },
    ]
    expect(() => migrate(db, steps, { what: 'test database', remedy: '' })).toThrow('step two broke')
    expect(db.pragma('user_version', { simple: true })).toBe(1)
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all()
    expect(tables).toEqual([{ name: 'one' }])
  })
})
