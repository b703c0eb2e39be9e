// A cache file at the newest version whose tables are not the ones Standby makes (edited by hand,
// or another program's): moved aside at open, where every later read or write of it failed.
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  CACHE_SCHEMA,
  isNewestAsStored,
  missingBaseTables,
  schemaDifference,
  schemaOf,
  storedStatements,
} from '../../../../src/main/db/cache-schema'
import { CACHE_STATEMENTS } from '../../../../src/main/db/cache-statements'
import { cacheMigrations } from '../../../../src/main/db/migrations'
import { openCache } from '../../../../src/main/db/open-cache'
import { SqliteCacheStore } from '../../../../src/main/db/sqlite-cache-store'
import { migrate } from '../../../../src/shared/sqlite/migrate'
import { anInvite, aRequest, FIXTURE_NOW, inviteCreated } from '../../../support/fixtures'
import { linesLogger, useTempDirs } from './cache-test-kit'

const tempDir = useTempDirs()
const now = () => Date.UTC(2026, 10, 27, 12, 0, 0)
const shown = anInvite({ id: 'inv_shown', request: aRequest({ id: 'req_a' }) })

/** A closed cache at the newest version that showed one invite, then `edit` run on the file. */
function editedCache(edit: string): string {
  const path = join(tempDir(), 'cache.db')
  const opened = openCache({ path, now })
  const store = new SqliteCacheStore(opened.db, linesLogger())
  store.applyEvents([inviteCreated(1, shown)])
  store.markNotified([shown.id], FIXTURE_NOW)
  opened.close()
  const db = new Database(path)
  // As the sqlite3 shell lets anyone do: an edit may write sqlite_master itself (writable_schema).
  db.unsafeMode(true)
  db.exec(edit)
  db.close()
  return path
}

describe("the cache's schema at open", () => {
  it('is written out as the migrations make it (a new migration updates CACHE_SCHEMA)', () => {
    const db = new Database(':memory:')
    migrate(db, cacheMigrations, { what: 'test cache', remedy: '' })
    expect(schemaOf(db)).toEqual(CACHE_SCHEMA)
    expect(schemaDifference(db)).toBeNull()
    db.close()
  })

  // A file lacking one of them is taken for another program's and moved aside: a migration that
  // dropped or renamed one would have every cache at its version rebuilt at every start.
  it('holds, at every version its migrations leave, each of the tables every version has', () => {
    const db = new Database(':memory:')
    for (let version = 1; version <= cacheMigrations.length; version++) {
      migrate(db, cacheMigrations, { what: 'test cache', remedy: '', upTo: version })
      expect(missingBaseTables(db), `at version ${version}`).toEqual([])
    }
    db.close()
  })

  it('has its statements written out as the migrations store them (a new migration updates CACHE_STATEMENTS)', () => {
    const db = new Database(':memory:')
    migrate(db, cacheMigrations, { what: 'test cache', remedy: '' })
    const stored = db
      .prepare(
        `SELECT type || ' ' || name || ' on ' || tbl_name || ': ' || sql FROM sqlite_master
         WHERE type IN ('table', 'index', 'trigger') AND name NOT LIKE 'sqlite%' ORDER BY name`,
      )
      .pluck()
      .all()
    expect(stored).toEqual(CACHE_STATEMENTS)
    expect(storedStatements(db).newest).toBe(true)
    db.close()
  })

  it('tells the newest cache by one read, and no file at another version or with one statement more or changed', () => {
    const db = new Database(':memory:')
    migrate(db, cacheMigrations, { what: 'test cache', remedy: '' })
    const newest = cacheMigrations.length
    expect(isNewestAsStored(db, newest)).toBe(true)
    expect(isNewestAsStored(db, newest - 1)).toBe(false)
    db.pragma(`user_version = ${newest + 1}`)
    expect(isNewestAsStored(db, newest)).toBe(false)
    db.pragma(`user_version = ${newest}`)
    db.exec('CREATE INDEX notes_kept ON expert (json)')
    expect(isNewestAsStored(db, newest)).toBe(false)
    db.exec('DROP INDEX notes_kept; DROP INDEX invites_open')
    expect(isNewestAsStored(db, newest)).toBe(false)
    db.exec(`CREATE INDEX invites_open ON invites (sent_at DESC, id DESC) WHERE state = 'open'`)
    expect(isNewestAsStored(db, newest)).toBe(true)
    db.close()
  })

  it('opens a file whose tables are worded otherwise but hold the same columns, with what it showed', () => {
    const path = editedCache(
      `DROP TABLE standing_warnings;
       CREATE TABLE standing_warnings (key TEXT   NOT NULL PRIMARY KEY,
         at INTEGER NOT NULL)`,
    )
    const opened = openCache({ path, now, integrityCheck: 'after-unclean-exit' })
    expect(opened.rebuilt).toBeNull()
    expect(new SqliteCacheStore(opened.db, linesLogger()).shownInvites([shown.id])).toEqual([shown.id])
    opened.close()
  })

  const edits: ReadonlyArray<readonly [string, string, RegExp]> = [
    ['a table dropped', 'DROP TABLE reminder_snoozes', /table reminder_snoozes missing or changed/],
    [
      'a column added',
      'ALTER TABLE sessions ADD COLUMN extra TEXT',
      /table sessions missing or changed; table sessions \(.*extra TEXT\) found instead/,
    ],
    [
      'a column dropped',
      'DROP INDEX invites_unnotified; ALTER TABLE invites DROP COLUMN notified_at',
      /table invites missing or changed/,
    ],
    [
      'a column changed',
      'DROP TABLE standing_warnings; CREATE TABLE standing_warnings (key TEXT NOT NULL PRIMARY KEY, at TEXT)',
      /table standing_warnings \(key TEXT NOT NULL PK1, at TEXT\) found instead/,
    ],
    ['an index dropped', 'DROP INDEX invites_open', /index invites_open missing or changed/],
    [
      'a trigger of another name on one of its tables',
      'CREATE TRIGGER forget AFTER INSERT ON shown_invites BEGIN DELETE FROM shown_invites; END',
      /trigger forget on shown_invites is not Standby's/,
    ],
    [
      'an index of another name on one of its tables',
      'CREATE UNIQUE INDEX one_per_state ON reminders (outcome, at)',
      /index one_per_state on reminders is not Standby's/,
    ],
    [
      'an index of its name made otherwise (unique, refusing the writes)',
      'DROP INDEX sessions_by_request; CREATE UNIQUE INDEX sessions_by_request ON sessions (request_id)',
      /index sessions_by_request missing or changed; index sessions_by_request on sessions: CREATE UNIQUE INDEX/,
    ],
    [
      'a trigger of its name that does otherwise (forgetting what was shown)',
      `DROP TRIGGER sessions_search_delete;
       CREATE TRIGGER sessions_search_delete AFTER DELETE ON sessions BEGIN DELETE FROM shown_invites; END`,
      /trigger sessions_search_delete missing or changed/,
    ],
    [
      'a trigger written in under a name SQLite keeps for its own (it runs all the same)',
      `PRAGMA writable_schema = ON;
       INSERT INTO sqlite_master VALUES ('trigger', 'sqlite_forget', 'shown_invites', 0,
         'CREATE TRIGGER sqlite_forget AFTER INSERT ON shown_invites BEGIN DELETE FROM shown_invites; END')`,
      /trigger sqlite_forget on shown_invites is not Standby's/,
    ],
    [
      'a unique index written in under a name SQLite keeps for its own (refusing the writes)',
      'PRAGMA writable_schema = ON; CREATE UNIQUE INDEX SQLITE_one ON reminders (outcome)',
      /index SQLITE_one on reminders is not Standby's/,
    ],
    [
      'the search index a plain table',
      'DROP TABLE session_search; CREATE TABLE session_search (body)',
      /table session_search missing or changed/,
    ],
  ]
  for (const [what, edit, reason] of edits) {
    it(`moves a cache with ${what} aside, keeps what was shown, and opens a working one`, () => {
      const path = editedCache(edit)
      const opened = openCache({ path, now, integrityCheck: 'after-unclean-exit' })
      expect(opened.rebuilt?.reason).toMatch(/^its tables are not those Standby makes \(/)
      expect(opened.rebuilt?.reason).toMatch(reason)
      expect(opened.rebuilt?.salvaged.rows).toBeGreaterThan(0)
      const store = new SqliteCacheStore(opened.db, linesLogger())
      store.applyEvents([inviteCreated(1, shown)])
      expect(store.openInvites(FIXTURE_NOW)).toEqual([shown])
      expect(store.unnotifiedOpenInvites(FIXTURE_NOW)).toEqual([])
      opened.close()
      const moved = new Database(opened.rebuilt?.damagedCopy ?? '', { readonly: true })
      expect(moved.prepare('SELECT id FROM shown_invites').all()).toEqual([{ id: shown.id }])
      moved.close()
    })
  }

  it('leaves a table of another name alone, with its index and trigger: nothing reads or writes it', () => {
    const path = editedCache(
      `CREATE TABLE notes (body TEXT); CREATE INDEX notes_body ON notes (body);
       CREATE TRIGGER notes_kept AFTER INSERT ON notes BEGIN DELETE FROM notes; END`,
    )
    const opened = openCache({ path, now })
    expect(opened.rebuilt).toBeNull()
    opened.close()
  })

  it('puts back the sync state row an edit deleted, so the cursor sticks again, and keeps the rest', () => {
    const path = editedCache('DELETE FROM sync_state')
    const opened = openCache({ path, now })
    expect(opened.rebuilt).toBeNull()
    const store = new SqliteCacheStore(opened.db, linesLogger())
    expect(store.cursor()).toBe(0)
    expect(store.shownInvites([shown.id])).toEqual([shown.id])
    store.applyEvents([inviteCreated(1, shown), inviteCreated(2, anInvite({ id: 'inv_next' }))])
    expect(store.cursor()).toBe(2)
    opened.close()
  })
})
