// A cache file edited to pass for the newest one, as the usual start tells it by one read of its
// version and statements: a version set by hand, a statement SQLite holds none of or one that runs
// on past where SQLite stops reading it, a schema change left in the WAL (committed or not), a view.
import Database from 'better-sqlite3'
import { copyFileSync, existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CACHE_SCHEMA, isNewestAsStored, schemaOf } from '../../../../src/main/db/cache-schema'
import { cacheMigrations } from '../../../../src/main/db/migrations'
import { openCache } from '../../../../src/main/db/open-cache'
import { SqliteCacheStore } from '../../../../src/main/db/sqlite-cache-store'
import { migrate } from '../../../../src/shared/sqlite/migrate'
import { anInvite, aRequest, FIXTURE_NOW, inviteCreated } from '../../../support/fixtures'
import { linesLogger, useTempDirs } from './cache-test-kit'

const tempDir = useTempDirs()
const now = () => Date.UTC(2026, 10, 27, 12, 0, 0)
const newest = cacheMigrations.length

/** The newest version whose schema is not the newest's: a migration may change rows alone. */
function newestOlderSchema(): number {
  for (let version = newest - 1; ; version--) {
    const db = new Database(':memory:')
    migrate(db, cacheMigrations, { what: 'test cache', remedy: '', upTo: version })
    const older = schemaOf(db).join('\n') !== CACHE_SCHEMA.join('\n')
    db.close()
    if (older) return version
  }
}

const shown = anInvite({ id: 'inv_shown', request: aRequest({ id: 'req_a' }) })
const forget = 'CREATE TRIGGER forget AFTER INSERT ON shown_invites BEGIN DELETE FROM shown_invites; END'

/** Open as the app does: the check only after an unclean exit. */
const open = (path: string) => openCache({ path, now, integrityCheck: 'after-unclean-exit' })

/** A cleanly closed cache at the newest version that showed one invite, in a folder of its own. */
function cacheThatShowed(): string {
  const path = join(tempDir(), 'cache.db')
  const opened = open(path)
  const store = new SqliteCacheStore(opened.db, linesLogger())
  store.applyEvents([inviteCreated(1, shown)])
  store.markNotified([shown.id], FIXTURE_NOW)
  opened.close()
  return path
}

/** Run `sql` on the closed file as the sqlite3 shell could, sqlite_master itself included. */
function edit(path: string, sql: string): void {
  const db = new Database(path)
  db.unsafeMode(true)
  db.exec(sql)
  db.close()
}

/** Whether the file at `path` passes the usual start's one read, on a connection that writes nothing. */
function toldNewest(path: string): boolean {
  const db = new Database(path, { readonly: true })
  try {
    return isNewestAsStored(db, newest)
  } finally {
    db.close()
  }
}

/** Whether the cache remembers that `shown` was shown. */
function remembersShown(db: Database.Database): boolean {
  return new SqliteCacheStore(db, linesLogger()).shownInvites([shown.id]).includes(shown.id)
}

describe('a version set by hand', () => {
  it('moves aside a file of an older schema marked with the newest version, with what it showed', () => {
    const path = join(tempDir(), 'cache.db')
    const raw = new Database(path)
    migrate(raw, cacheMigrations, { what: 'test cache', remedy: '', upTo: newestOlderSchema() })
    raw.pragma(`user_version = ${newest}`)
    raw.close()
    expect(toldNewest(path)).toBe(false)
    const opened = open(path)
    expect(opened.rebuilt?.reason).toMatch(/^its tables are not those Standby makes \(.* missing or changed/)
    expect(existsSync(opened.rebuilt?.damagedCopy ?? '')).toBe(true)
    opened.close()
  })

  it("keeps aside a newer Standby's file whose schema this SQLite cannot read, byte for byte, as a newer Standby's", () => {
    const path = cacheThatShowed()
    edit(
      path,
      `PRAGMA user_version = ${newest + 1}; PRAGMA writable_schema = ON;
       INSERT INTO sqlite_master VALUES ('table', 'future', 'future', 0, 'CREATE TABLE future (a) FUTURE')`,
    )
    expect(toldNewest(path)).toBe(false)
    const bytes = readFileSync(path)
    const opened = open(path)
    opened.close()
    expect(opened.rebuilt?.reason).toMatch(/^it was written by a newer Standby/)
    expect(readFileSync(opened.rebuilt?.damagedCopy ?? '').equals(bytes)).toBe(true)
  })
})

describe('statements that are not what SQLite reads', () => {
  it('moves aside a file with a statement SQLite holds none of (NULL), kept as it was, with what it showed', () => {
    const path = cacheThatShowed()
    edit(path, `PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql = NULL WHERE name = 'invites_open'`)
    const bytes = readFileSync(path)
    const opened = open(path)
    expect(opened.rebuilt?.reason).toMatch(/malformed database schema \(invites_open\)/)
    expect(readFileSync(opened.rebuilt?.damagedCopy ?? '').equals(bytes)).toBe(true)
    // The schema SQLite cannot read fails no read of the marks, which are intact.
    expect(opened.rebuilt?.salvaged).toEqual({ rows: 1, unreadable: [] })
    expect(remembersShown(opened.db)).toBe(true)
    opened.close()
  })

  // SQLite's length() stops at a NUL, and SQLite compiles a statement only up to its end: the
  // length read with each statement is not all of it, yet the file must not pass for the newest.
  for (const [what, tail] of [
    ['a NUL', `char(0) || ' and more'`],
    ['a semicolon', `'; DROP TABLE invites'`],
  ] as const) {
    it(`does not take a statement running on past ${what} for the newest's`, () => {
      const path = cacheThatShowed()
      edit(
        path,
        `PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql = sql || ${tail} WHERE name = 'invites_open'`,
      )
      expect(toldNewest(path)).toBe(false)
      const opened = open(path)
      expect(opened.rebuilt?.reason).toMatch(/index invites_open missing or changed/)
      expect(remembersShown(opened.db)).toBe(true)
      opened.close()
    })
  }

  it('opens past a view (and a trigger on it): nothing writes them, and what was shown is kept', () => {
    const path = cacheThatShowed()
    edit(
      path,
      `CREATE VIEW open_invites AS SELECT * FROM invites;
      CREATE TRIGGER open_invites_insert INSTEAD OF INSERT ON open_invites BEGIN DELETE FROM shown_invites; END`,
    )
    const opened = open(path)
    expect(opened.rebuilt).toBeNull()
    expect(remembersShown(opened.db)).toBe(true)
    opened.close()
  })
})

describe('a schema change left in the WAL', () => {
  /** The file and WAL of `source` copied while `writer` holds them, as a crash leaves them; `source`'s folder gets the copy. */
  function crashedCopy(source: string, writer: Database.Database): string {
    const path = join(tempDir(), 'cache.db')
    copyFileSync(source, path)
    copyFileSync(`${source}-wal`, `${path}-wal`)
    writer.close()
    return path
  }

  it('sees one another program committed before the run ended, and moves the file aside', () => {
    const source = cacheThatShowed()
    const writer = new Database(source)
    writer.pragma('wal_autocheckpoint = 0')
    writer.exec(forget)
    const path = crashedCopy(source, writer)
    expect(toldNewest(path)).toBe(false)
    const opened = open(path)
    expect(opened.checked).toBe(true)
    expect(opened.rebuilt?.reason).toMatch(/trigger forget on shown_invites is not Standby's/)
    opened.close()
  })

  it('opens as it was a file whose WAL holds one never committed, what it showed kept', () => {
    const source = cacheThatShowed()
    const writer = new Database(source)
    writer.pragma('wal_autocheckpoint = 0')
    // A page cache too small for the transaction: its pages spill into the WAL before any commit.
    writer.pragma('cache_size = 1')
    writer.exec(`BEGIN; ${forget};
      CREATE TABLE filler (x); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
      INSERT INTO filler SELECT randomblob(500) FROM n`)
    const path = crashedCopy(source, writer)
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(100_000)
    expect(toldNewest(path)).toBe(true)
    const opened = open(path)
    expect(opened.rebuilt).toBeNull()
    expect(remembersShown(opened.db)).toBe(true)
    opened.close()
  })
})
