// The migration runner both databases use, on files no version of the code wrote as they are.
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate, type Migration } from '../../../../src/shared/sqlite/migrate'

const steps: ReadonlyArray<Migration<Database.Database>> = [
  { version: 1, name: '0001-notes', up: (db) => db.exec('CREATE TABLE notes (id TEXT PRIMARY KEY)') },
  { version: 2, name: '0002-tags', up: (db) => db.exec('CREATE TABLE tags (id TEXT PRIMARY KEY)') },
]
const options = { what: 'test database', remedy: 'Do this.' }

/** A step the disk has no room for. */
function diskFills(): void {
  throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' })
}

function tables(db: Database.Database): string[] {
  const rows = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all()
  return (rows as Array<{ name: string }>).map((row) => row.name)
}

describe('the migration runner', () => {
  it('refuses a negative schema version and runs no step, where it ran the newest steps on any schema', () => {
    for (const version of [-1, -2, -2_147_483_648]) {
      const db = new Database(':memory:')
      db.pragma(`user_version = ${version}`)
      expect(() => migrate(db, steps, options), String(version)).toThrow(
        `The test database is at schema version ${version}, which no version writes.`,
      )
      expect(tables(db)).toEqual([])
      expect(db.pragma('user_version', { simple: true })).toBe(version)
      db.close()
    }
  })

  it("refuses another program's database (tables, no version) and writes nothing into it", () => {
    const db = new Database(':memory:')
    db.exec(`CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('kept')`)
    expect(() => migrate(db, steps, options)).toThrow(
      "The test database holds tables no version of it made (contacts): it is another program's file.",
    )
    expect(tables(db)).toEqual(['contacts'])
    expect(db.pragma('user_version', { simple: true })).toBe(0)
    db.close()
  })

  it('migrates an empty database, and one whose only tables are SQLite’s own', () => {
    const db = new Database(':memory:')
    db.exec('CREATE TABLE t (x); CREATE INDEX t_x ON t (x); INSERT INTO t VALUES (1); ANALYZE; DROP TABLE t')
    expect(tables(db)).toContain('sqlite_stat1')
    expect(migrate(db, steps, options)).toBe(2)
    expect(tables(db).filter((name) => !name.startsWith('sqlite_'))).toEqual(['notes', 'tags'])
    db.close()
  })

  it('leaves a database whose later step fails (a full disk) at the version it was found at', () => {
    const db = new Database(':memory:')
    const failing = [...steps, { version: 3, name: '0003-full', up: diskFills }]
    expect(() => migrate(db, failing, options)).toThrow('database or disk is full')
    expect(tables(db)).toEqual([])
    expect(db.pragma('user_version', { simple: true })).toBe(0)
    db.close()
  })
})
