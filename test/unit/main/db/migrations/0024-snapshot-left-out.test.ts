// The test of migration 0024: migrate to 23, insert rows as version 23 wrote them, migrate to 24, compare.
import type Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { cacheMigrations } from '../../../../../src/main/db/migrations'
import { SqliteCacheStore } from '../../../../../src/main/db/sqlite-cache-store'
import { migrate } from '../../../../../src/shared/sqlite/migrate'
import { aRequest, aSnapshot, FIXTURE_NOW, MINUTE } from '../../../../support/fixtures'
import { cacheDatabaseAt, linesLogger, useTempDirs } from '../cache-test-kit'
import { insertPastSession } from './past-session'

const tempDir = useTempDirs()

const rows = (db: Database.Database, table: string): unknown[] =>
  db.prepare(`SELECT * FROM ${table} ORDER BY 1`).all()

describe('0024-snapshot-left-out', () => {
  it('keeps the sync state and sessions as they were, and reads a cache from before it as leaving nothing out', () => {
    const { db } = cacheDatabaseAt(tempDir(), 23)
    insertPastSession(db, 'ses_1', aRequest({ id: 'req_1' }))
    db.prepare(
      `UPDATE sync_state SET cursor = 41, last_synced_at = ?, clock_offset_ms = -1500, clock_measured_at = ?,
         platform_url = 'https://platform.example', parts_through = 44 WHERE slot = 1`,
    ).run(FIXTURE_NOW, FIXTURE_NOW - MINUTE)
    const before = { sync: rows(db, 'sync_state'), sessions: rows(db, 'sessions') }

    migrate(db, cacheMigrations, { what: 'Standby cache', remedy: '', upTo: 24 })

    const [sync] = rows(db, 'sync_state') as Array<Record<string, unknown>>
    expect({ sync: [sync], sessions: rows(db, 'sessions') }).toEqual({
      sync: [{ ...(before.sync[0] as object), left_out: null }],
      sessions: before.sessions,
    })
    const store = new SqliteCacheStore(db, linesLogger())
    expect(store.snapshotLeftOut()).toBe(false)
    store.applySnapshot(aSnapshot({ cursor: 50 }), 50, true)
    expect(store.snapshotLeftOut()).toBe(true)
    db.close()
  })
})
