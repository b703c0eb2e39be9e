// The stored cursor as a damaged or edited file may hold it: not an event id at all (the column's
// CHECK and INTEGER affinity already turn a negative one or a number as text away or into an id).
import { describe, expect, it } from 'vitest'
import { aSnapshot, expertUpdated, anExpert, FIXTURE_NOW } from '../../../../support/fixtures'
import { SqliteCacheStore } from '../../../../../src/main/db/sqlite-cache-store'
import { useFreshStores } from '../cache-test-kit'

const fresh = useFreshStores()

describe('a stored cursor that is not an event id', () => {
  it.each([
    ['text', `'abc'`],
    ['a fraction', '41.5'],
    ['an infinity', '9e999'],
  ])('reads %s as never synced, says so once, and a snapshot writes a good one', (_what, value) => {
    const { store: before, db, log } = fresh()
    before.applyEvents([expertUpdated(1, anExpert())])
    db.prepare(`UPDATE sync_state SET cursor = ${value}, cursor_digest = 'd1'`).run()
    // Read as the next start reads the file: the running store keeps the cursor it wrote.
    const store = new SqliteCacheStore(db, log)
    expect(store.cursor()).toBe(0)
    expect(store.cursorDigest()).toBeNull()
    expect(store.cursor()).toBe(0)
    expect(log.lines.filter((line) => line.includes('sync cursor'))).toEqual([
      'warn The cached sync cursor is not an event id; syncing again from a fresh copy',
    ])
    store.applySnapshot(aSnapshot({ cursor: 7, cursorDigest: 'd7' }))
    expect([store.cursor(), store.cursorDigest()]).toEqual([7, 'd7'])
  })
})

describe('a stored sync time that is not a time', () => {
  it.each([
    ['text', `'abc'`],
    ['an infinity', '9e999'],
    ['a time no date can hold', '9e300'],
    ['a fraction', '1767603600000.5'],
  ])('reads %s as never synced', (_what, value) => {
    const { store, db } = fresh()
    store.markSynced(FIXTURE_NOW)
    expect(store.lastSyncedAt()).toBe(FIXTURE_NOW)
    db.prepare(`UPDATE sync_state SET last_synced_at = ${value}`).run()
    expect(store.lastSyncedAt()).toBeNull()
  })
})

describe('the mark that the last snapshot left entities out', () => {
  it('is read by the next start, cleared by a snapshot that leaves none out and by a reset', () => {
    const { store: before, db, log } = fresh()
    expect(before.snapshotLeftOut()).toBe(false)
    before.applySnapshot(aSnapshot({ cursor: 7, cursorDigest: 'd7' }), 7, true)
    expect(new SqliteCacheStore(db, log).snapshotLeftOut()).toBe(true)
    before.applySnapshot(aSnapshot({ cursor: 8, cursorDigest: 'd8' }))
    expect(new SqliteCacheStore(db, log).snapshotLeftOut()).toBe(false)
    before.applySnapshot(aSnapshot({ cursor: 9, cursorDigest: 'd9' }), 9, true)
    before.clear()
    expect(new SqliteCacheStore(db, log).snapshotLeftOut()).toBe(false)
  })

  it('reads a value it never writes (an edited file) as set: at worst one more catch-up from a snapshot', () => {
    const { db, log } = fresh()
    db.prepare(`UPDATE sync_state SET left_out = 'abc'`).run()
    expect(new SqliteCacheStore(db, log).snapshotLeftOut()).toBe(true)
  })
})

describe('the platform clock’s pace kept beside its offset', () => {
  it('is read by the next start as written, dropped by a keep without one and by a reset', () => {
    const { store: before, db, log } = fresh()
    const kept = { offsetMs: -5_000, measuredAt: FIXTURE_NOW, pace: { perMs: -0.5, gapMs: 60_000 } }
    before.keepClockOffset(kept)
    expect(new SqliteCacheStore(db, log).clockOffset()).toEqual(kept)
    before.keepClockOffset({ ...kept, pace: null })
    expect(new SqliteCacheStore(db, log).clockOffset()).toEqual({ ...kept, pace: null })
    before.keepClockOffset(kept)
    before.clear()
    expect(new SqliteCacheStore(db, log).clockOffset()).toBeNull()
  })

  it('hands an edited file’s values on as stored, for the clock to judge', () => {
    const { store: before, db, log } = fresh()
    before.keepClockOffset({ offsetMs: 0, measuredAt: FIXTURE_NOW })
    db.prepare(`UPDATE sync_state SET clock_pace_per_ms = 'abc', clock_pace_gap_ms = NULL`).run()
    expect(new SqliteCacheStore(db, log).clockOffset()?.pace).toEqual({ perMs: 'abc', gapMs: null })
  })
})
