// The test of migration 0025: migrate to 24, insert rows as version 24 wrote them, migrate to 25, compare.
import type Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { cacheMigrations } from '../../../../../src/main/db/migrations'
import { SqliteCacheStore } from '../../../../../src/main/db/sqlite-cache-store'
import { migrate } from '../../../../../src/shared/sqlite/migrate'
import { FIXTURE_NOW, MINUTE } from '../../../../support/fixtures'
import { cacheDatabaseAt, linesLogger, useTempDirs } from '../cache-test-kit'

const tempDir = useTempDirs()

const rows = (db: Database.Database, table: string): unknown[] =>
  db.prepare(`SELECT * FROM ${table} ORDER BY 1`).all()

describe('0025-clock-pace', () => {
  it('keeps the offset a version before it kept, read with no pace, and keeps a pace from then on', () => {
    const { db } = cacheDatabaseAt(tempDir(), 24)
    db.prepare(
      `UPDATE sync_state SET cursor = 41, last_synced_at = ?, clock_offset_ms = -1500, clock_measured_at = ?,
         platform_url = 'https://platform.example', parts_through = 44, left_out = 1 WHERE slot = 1`,
    ).run(FIXTURE_NOW, FIXTURE_NOW - MINUTE)
    const [before] = rows(db, 'sync_state') as Array<Record<string, unknown>>

    migrate(db, cacheMigrations, { what: 'Standby cache', remedy: '', upTo: 25 })

    expect(rows(db, 'sync_state')).toEqual([{ ...before, clock_pace_per_ms: null, clock_pace_gap_ms: null }])
    const store = new SqliteCacheStore(db, linesLogger())
    expect(store.clockOffset()).toEqual({ offsetMs: -1500, measuredAt: FIXTURE_NOW - MINUTE, pace: null })
    expect(store.snapshotLeftOut()).toBe(true)
    const kept = { offsetMs: -1400, measuredAt: FIXTURE_NOW, pace: { perMs: 0.25, gapMs: MINUTE } }
    store.keepClockOffset(kept)
    expect(store.clockOffset()).toEqual(kept)
    // An offset kept again without a pace forgets the pace, so a later start does not take it back.
    store.keepClockOffset({ ...kept, pace: null })
    expect(store.clockOffset()).toEqual({ ...kept, pace: null })
    db.close()
  })
})
