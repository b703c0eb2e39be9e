// A start whose migration meets a full disk, made real by SQLite's own page limit on the open's
// connection (SQLite then refuses the write with SQLITE_FULL, as on a disk with no room): the cache
// stays at the version it was found at with what it held, the expert is told the disk is full and
// what to do, and the next start with room migrates it.
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { describeStartupFailure } from '../../../../src/main/core/startup/startup-failure'
import { cacheMigrations } from '../../../../src/main/db/migrations'
import { CacheUnavailableError, openCache } from '../../../../src/main/db/open-cache'
import { cacheDatabaseAt, useTempDirs } from './cache-test-kit'

const tempDir = useTempDirs()
const FOUND_AT = 10

afterEach(() => void vi.restoreAllMocks())

/** Every table's rows and the schema, as a file holds them. */
function contentOf(path: string): { version: unknown; check: unknown; schema: unknown; sync: unknown } {
  const db = new Database(path, { readonly: true })
  try {
    return {
      version: db.pragma('user_version', { simple: true }),
      check: db.pragma('quick_check', { simple: true }),
      schema: db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all(),
      sync: db.prepare('SELECT * FROM sync_state').all(),
    }
  } finally {
    db.close()
  }
}

/** The open's connection may hold `room` pages more than the file has when it is configured. */
function diskFullAfter(room: number): void {
  const real = Database.prototype.exec
  vi.spyOn(Database.prototype, 'exec').mockImplementation(function (this: Database.Database, source: string) {
    const result = real.call(this, source)
    if (source.includes('wal_autocheckpoint = 0')) {
      const pages = this.pragma('page_count', { simple: true }) as number
      this.pragma(`max_page_count = ${pages + room}`)
    }
    return result
  })
}

describe.each([0, 10])('a migration the disk fills %s pages in', (room) => {
  it('leaves the cache at the version it was found at, intact, and says the disk is full', () => {
    const { db, path } = cacheDatabaseAt(tempDir(), FOUND_AT)
    db.prepare('UPDATE sync_state SET cursor = 42').run()
    db.close()
    const before = contentOf(path)
    diskFullAfter(room)
    let failure: unknown
    try {
      openCache({ path, integrityCheck: 'after-unclean-exit' })
    } catch (error) {
      failure = error
    }
    vi.restoreAllMocks()
    expect(failure).toBeInstanceOf(CacheUnavailableError)
    expect((failure as Error).message).toMatch(
      new RegExp(
        `^Standby cannot update its offline cache for this version at ${path}: the disk that holds it is full \\(SQLITE_FULL: .*\\)\\. ` +
          'Free some space on that disk, then start Standby again; the cache was left as it was, at its earlier version\\.$',
      ),
    )
    expect(describeStartupFailure(failure, { logPath: '/logs/standby.log', packaged: true })).toMatchObject({
      kind: 'disk_full',
      title: 'The disk is full',
    })
    expect(contentOf(path)).toEqual(before)
    // With room again, the next start migrates it, keeping what it held.
    const again = openCache({ path, integrityCheck: 'after-unclean-exit' })
    expect(again.rebuilt).toBeNull()
    expect(again.db.pragma('user_version', { simple: true })).toBe(cacheMigrations.length)
    expect(again.db.prepare('SELECT cursor FROM sync_state').pluck().get()).toBe(42)
    again.close()
  })
})
