// A cache file's schema is not known to be Standby's: another program, a hand or a disk may have
// written it. SQLite runs what a schema names when a read, a write or a check reaches it; the
// functions it keeps out of schemas (fts5's and rtree's helpers, an extension's) must never run.
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { distrustSchema } from '../../../../src/main/db/distrust-schema'
import { openCache } from '../../../../src/main/db/open-cache'
import { SqliteCacheStore } from '../../../../src/main/db/sqlite-cache-store'
import { anInvite, FIXTURE_NOW, inviteCreated } from '../../../support/fixtures'
import { linesLogger, useTempDirs } from './cache-test-kit'

const tempDir = useTempDirs()

/** A cleanly closed cache that showed an invite, then given a table whose CHECK calls an unsafe function. */
function cacheWithHostileTable(path: string): void {
  const opened = openCache({ path, integrityCheck: 'after-unclean-exit' })
  const store = new SqliteCacheStore(opened.db, linesLogger())
  const invite = anInvite()
  store.applyEvents([inviteCreated(1, invite)])
  store.markNotified([invite.id], FIXTURE_NOW)
  opened.close()
  const other = new Database(path)
  other.exec('CREATE TABLE extra (x CHECK (rtreedepth(x) IS NULL OR 1))')
  other.close()
}

describe('a cache file whose schema names a function SQLite keeps out of schemas', () => {
  for (const integrityCheck of ['quick', 'after-unclean-exit'] as const) {
    it(`is taken as damaged, moved aside and rebuilt, its marks carried over (check: ${integrityCheck})`, () => {
      const path = join(tempDir(), 'cache.db')
      cacheWithHostileTable(path)
      const opened = openCache({ path, integrityCheck })
      expect(opened.rebuilt?.reason).toMatch(/unsafe use of rtreedepth/)
      expect(opened.rebuilt?.salvaged).toEqual({ rows: 1, unreadable: [] })
      opened.close()
    })
  }
})

it('a connection that distrusts its schema runs no unsafe function a view or trigger names', () => {
  const path = join(tempDir(), 'other.db')
  const writer = new Database(path)
  writer.exec(`CREATE TABLE t (x); CREATE TABLE log (y);
    CREATE TRIGGER t_added AFTER INSERT ON t BEGIN INSERT INTO log VALUES (rtreedepth(x'0001')); END;`)
  writer.close()
  const db = distrustSchema(new Database(path))
  expect(() => db.exec('INSERT INTO t VALUES (1)')).toThrow(/unsafe use of rtreedepth/)
  expect(db.prepare('SELECT count(*) FROM log').pluck().get()).toBe(0)
  db.close()
})
