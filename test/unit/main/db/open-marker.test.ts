// The `cache.db-open` marker's record that a run found the file damaged must outlive any other run
// that opens or closes the cache meanwhile (two started at once): only the open that ran the full
// check on it may clear it, or the damage is found again only when a read reaches it.
import { existsSync, lstatSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { markDamaged, markedDamaged, markOpen, unmarkOpen } from '../../../../src/main/db/open-marker'
import { openCache } from '../../../../src/main/db/open-cache'
import { SqliteCacheStore } from '../../../../src/main/db/sqlite-cache-store'
import { anInvite, aSnapshot, FIXTURE_NOW, inviteCreated } from '../../../support/fixtures'
import { manySessions } from '../../../support/fixture-streams'
import { linesLogger, useTempDirs } from './cache-test-kit'

const tempDir = useTempDirs()
const REMINDER = { sessionId: 'ses_1', bookedStart: FIXTURE_NOW, alert: '30' } as const
const damagedAt = (marker: string): boolean =>
  markedDamaged(marker, lstatSync(marker, { throwIfNoEntry: false }))

it('keeps a damaged record when another run marks the cache open or closes it cleanly', () => {
  const marker = join(tempDir(), 'cache.db-open')
  markDamaged(marker)
  expect(markOpen(marker)).toBe(true)
  expect(damagedAt(marker)).toBe(true)
  unmarkOpen(marker)
  expect(damagedAt(marker)).toBe(true)
})

it('clears a damaged record only as the open that acted on it found it, not one written since', () => {
  const marker = join(tempDir(), 'cache.db-open')
  markDamaged(marker)
  const looked = lstatSync(marker)
  markDamaged(marker) // another run found damage again after this open looked
  expect(markOpen(marker, looked)).toBe(true)
  expect(damagedAt(marker)).toBe(true)
  expect(markOpen(marker, lstatSync(marker))).toBe(true)
  expect(damagedAt(marker)).toBe(false)
})

it('a run opened beside one that then finds damage leaves the next start the full check, which clears it', () => {
  const path = join(tempDir(), 'cache.db')
  openCache({ path, integrityCheck: 'after-unclean-exit' }).close()
  const first = openCache({ path, integrityCheck: 'after-unclean-exit' })
  // A run started at the same instant, which looked before the first found the damage.
  const second = openCache({ path, integrityCheck: 'after-unclean-exit' })
  first.damaged()
  second.close()
  first.close()
  const next = openCache({ path, integrityCheck: 'after-unclean-exit' })
  expect(next.checked).toBe(true)
  next.close()
  const after = openCache({ path, integrityCheck: 'after-unclean-exit' })
  expect(after.checked).toBe(false)
  after.close()
})

describe('the marker of an open cache, made before the run first writes', () => {
  const open = (path: string) => openCache({ path, integrityCheck: 'after-unclean-exit' })
  /** A cache closed cleanly with sessions in it, as the usual start finds it. */
  const closedCache = (): string => {
    const path = join(tempDir(), 'cache.db')
    const first = open(path)
    new SqliteCacheStore(first.db, linesLogger()).applySnapshot(aSnapshot({ sessions: manySessions(5) }))
    first.close()
    return path
  }

  it('is not made by a start that only reads, whose end without a close then costs no check', () => {
    const path = closedCache()
    const reading = open(path)
    const store = new SqliteCacheStore(reading.db, linesLogger())
    const shown = store.upcomingSessions(FIXTURE_NOW, 50).length + store.sessionHistory(50).length
    expect(shown).toBe(5)
    expect(store.openInvites(FIXTURE_NOW)).toEqual([])
    expect(existsSync(`${path}-open`)).toBe(false)
    reading.db.close() // the process dies before close(): it had changed nothing
    const next = open(path)
    expect(next.checked).toBe(false)
    next.close()
  })

  it('is made by whichever write comes first, so a run that dies after it has the file checked', () => {
    const writes: ReadonlyArray<[string, (store: SqliteCacheStore) => void]> = [
      ['a batch of events', (store) => store.applyEvents([inviteCreated(1, anInvite())])],
      ['the last sync time', (store) => store.markSynced(FIXTURE_NOW)],
      ['a reminder fired', (store) => store.markReminder(REMINDER, 'fired', FIXTURE_NOW)],
      ['an emptied cache', (store) => store.clear()],
    ]
    for (const [what, write] of writes) {
      const path = closedCache()
      const run = open(path)
      const store = new SqliteCacheStore(run.db, linesLogger())
      store.upcomingSessions(FIXTURE_NOW, 50)
      write(store)
      expect(existsSync(`${path}-open`), what).toBe(true)
      // The process dies before close(); SQLite's own close here even removes the WAL, so only
      // the marker can tell.
      run.db.close()
      const next = open(path)
      expect(next.checked, what).toBe(true)
      next.close()
      expect(existsSync(`${path}-open`), what).toBe(false)
    }
  })

  it('is made by a pragma that writes, and not by the checkpoint a start that only reads runs', () => {
    const path = closedCache()
    const run = open(path)
    new SqliteCacheStore(run.db, linesLogger()).upcomingSessions(FIXTURE_NOW, 50)
    run.db.pragma('wal_checkpoint(PASSIVE)') // the open's timer, every few seconds
    expect(existsSync(`${path}-open`)).toBe(false)
    // SQLite's advice for a long-lived connection; it may write its statistics into the file.
    run.db.pragma('optimize = 0x10002')
    expect(existsSync(`${path}-open`)).toBe(true)
    run.db.close() // the process dies before close()
    const next = open(path)
    expect(next.checked).toBe(true)
    next.close()
  })

  it('is not made by a write tried after the close, so the next start skips the check', () => {
    const path = closedCache()
    const run = open(path)
    const store = new SqliteCacheStore(run.db, linesLogger())
    store.upcomingSessions(FIXTURE_NOW, 50)
    run.close()
    // Late calls (an answer that arrives as the app quits) fail on the closed connection.
    expect(() => store.markNotified(['inv_1'], FIXTURE_NOW)).toThrow(/not open/)
    expect(() => store.clear()).toThrow(/not open/)
    expect(existsSync(`${path}-open`)).toBe(false)
    const next = open(path)
    expect(next.checked).toBe(false)
    next.close()
  })

  it('records damage found before any write, and is removed by a close after a write', () => {
    const path = closedCache()
    const run = open(path)
    run.damaged()
    expect(damagedAt(`${path}-open`)).toBe(true)
    run.close()
    const checking = open(path)
    expect(checking.checked).toBe(true)
    new SqliteCacheStore(checking.db, linesLogger()).markSynced(FIXTURE_NOW)
    checking.close()
    expect(existsSync(`${path}-open`)).toBe(false)
  })
})
