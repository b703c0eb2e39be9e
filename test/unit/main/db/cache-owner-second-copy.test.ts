// Two copies of Standby with the cache open at once (a restart to update on Linux starts the new
// version before the old one quits): the file changes under each by the other's checkpoints, which
// copy the WAL both write into. Neither may take those for an earlier copy put back and throw away
// the changes in that WAL.
import Database from 'better-sqlite3'
import { copyFileSync, existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it, vi } from 'vitest'
import { CHECKPOINT_EVERY_MS, openCache } from '../../../../src/main/db/open-cache'
import { SqliteCacheStore } from '../../../../src/main/db/sqlite-cache-store'
import { walIndexHeld } from '../../../../src/main/db/wal-held'
import { anExpert, anInvite, aRequest, aSnapshot, inviteCreated } from '../../../support/fixtures'
import { linesLogger, useCheckpointTimer, useTempDirs } from './cache-test-kit'

const tempDir = useTempDirs()
const open = (path: string) => openCache({ path, integrityCheck: 'after-unclean-exit' })
const invite = (n: number) =>
  anInvite({ id: `inv_${n}`, request: aRequest({ id: `req_${n}`, description: 'x'.repeat(600) }) })

useCheckpointTimer()

it.each([
  ['checkpoints', false],
  ['checkpoints and writes again', true],
])('the old copy quits after the new one %s: nothing is thrown away', (_, writesAgain) => {
  const path = join(tempDir(), 'cache.db')
  const old = open(path)
  const oldStore = new SqliteCacheStore(old.db, linesLogger())
  oldStore.applySnapshot(aSnapshot({ expert: anExpert({ id: 'exp_ours' }), cursor: 1 }))
  oldStore.applyEvents(Array.from({ length: 5 }, (_, i) => inviteCreated(2 + i, invite(i))))
  vi.advanceTimersByTime(CHECKPOINT_EVERY_MS)
  // The new copy starts beside it and checkpoints what it wrote between the old one's ticks.
  vi.advanceTimersByTime(CHECKPOINT_EVERY_MS / 2)
  const fresh = open(path)
  const freshStore = new SqliteCacheStore(fresh.db, linesLogger())
  vi.advanceTimersByTime(CHECKPOINT_EVERY_MS / 2)
  freshStore.applyEvents([inviteCreated(freshStore.cursor() + 1, invite(50))])
  vi.advanceTimersByTime(CHECKPOINT_EVERY_MS / 2)
  if (writesAgain) freshStore.applyEvents([inviteCreated(freshStore.cursor() + 1, invite(51))])
  oldStore.applyEvents([inviteCreated(oldStore.cursor() + 1, invite(60))])
  expect(old.close()).toBeNull()
  expect(existsSync(`${path}-wal`)).toBe(true)
  freshStore.applyEvents([inviteCreated(freshStore.cursor() + 1, invite(70))])
  expect(fresh.close()).toBeNull()
  const db = new Database(path, { readonly: true })
  const ids = db.prepare('SELECT id FROM invites ORDER BY id').pluck().all()
  db.close()
  expect(ids).toEqual(expect.arrayContaining(['inv_50', 'inv_60', 'inv_70']))
})

it('the new copy quits after the old one checkpointed beside it: nothing is thrown away', () => {
  const path = join(tempDir(), 'cache.db')
  const old = open(path)
  const oldStore = new SqliteCacheStore(old.db, linesLogger())
  oldStore.applySnapshot(aSnapshot({ expert: anExpert({ id: 'exp_ours' }), cursor: 1 }))
  oldStore.applyEvents(Array.from({ length: 5 }, (_, i) => inviteCreated(2 + i, invite(i))))
  vi.advanceTimersByTime(CHECKPOINT_EVERY_MS / 2)
  const fresh = open(path)
  const freshStore = new SqliteCacheStore(fresh.db, linesLogger())
  freshStore.applyEvents([inviteCreated(freshStore.cursor() + 1, invite(50))])
  // The new copy checkpoints first, then the old one writes and checkpoints into the same pages.
  vi.advanceTimersByTime(CHECKPOINT_EVERY_MS / 2)
  oldStore.applyEvents([inviteCreated(oldStore.cursor() + 1, invite(60))])
  vi.advanceTimersByTime(CHECKPOINT_EVERY_MS)
  freshStore.applyEvents([inviteCreated(freshStore.cursor() + 1, invite(70))])
  expect(fresh.close()).toBeNull()
  expect(old.close()).toBeNull()
  const db = new Database(path, { readonly: true })
  const ids = db.prepare('SELECT id FROM invites ORDER BY id').pluck().all()
  db.close()
  expect(ids).toEqual(expect.arrayContaining(['inv_50', 'inv_60', 'inv_70']))
})

it('another expert’s cache copied over it after the new copy checkpointed is still left as copied', () => {
  const dir = tempDir()
  const path = join(dir, 'cache.db')
  const theirs = join(dir, 'theirs.db')
  const other = open(theirs)
  new SqliteCacheStore(other.db, linesLogger()).applySnapshot(
    aSnapshot({ expert: anExpert({ id: 'exp_theirs' }), cursor: 1 }),
  )
  other.close()
  const old = open(path)
  const oldStore = new SqliteCacheStore(old.db, linesLogger())
  oldStore.applySnapshot(aSnapshot({ expert: anExpert({ id: 'exp_ours' }), cursor: 1 }))
  vi.advanceTimersByTime(CHECKPOINT_EVERY_MS / 2)
  const fresh = open(path)
  const freshStore = new SqliteCacheStore(fresh.db, linesLogger())
  vi.advanceTimersByTime(CHECKPOINT_EVERY_MS / 2)
  // The new copy checkpoints what it wrote, then the other expert's file is copied over both.
  freshStore.applyEvents([inviteCreated(freshStore.cursor() + 1, invite(50))])
  vi.advanceTimersByTime(CHECKPOINT_EVERY_MS / 2)
  copyFileSync(theirs, path)
  const copied = readFileSync(theirs)
  oldStore.applyEvents([inviteCreated(oldStore.cursor() + 1, invite(60))])
  const said = old.close()
  expect(said).toContain('holds the cache of another expert (exp_theirs)')
  expect(said).toContain('another copy of Standby still has it open')
  expect(readFileSync(path).equals(copied)).toBe(true)
  // Still the new copy's: removed under it, the next open would make a second WAL beside its own.
  if (process.platform === 'linux') {
    expect(existsSync(`${path}-wal`)).toBe(true)
    expect(existsSync(`${path}-shm`)).toBe(true)
  }
  freshStore.applyEvents([inviteCreated(freshStore.cursor() + 1, invite(70))])
  expect(fresh.close()).toContain('holds the cache of another expert (exp_theirs)')
  expect(readFileSync(path).equals(copied)).toBe(true)
  // The last copy out removes them: nothing of either run is left to be read into that file.
  expect(existsSync(`${path}-wal`)).toBe(false)
  expect(existsSync(`${path}-shm`)).toBe(false)
})

it.skipIf(process.platform !== 'linux')(
  'the checkpoints keep SQLite’s lock on the WAL index, which tells a copy opening beside it the index is in use',
  () => {
    const path = join(tempDir(), 'cache.db')
    const opened = open(path)
    const store = new SqliteCacheStore(opened.db, linesLogger())
    store.applySnapshot(aSnapshot({ expert: anExpert({ id: 'exp_ours' }), cursor: 1 }))
    expect(walIndexHeld(`${path}-shm`)).toBe(true)
    for (let tick = 0; tick < 3; tick++) {
      store.applyEvents([inviteCreated(store.cursor() + 1, invite(tick))])
      vi.advanceTimersByTime(CHECKPOINT_EVERY_MS)
      // Lost, a second copy opening now would start the index over under this one.
      expect(walIndexHeld(`${path}-shm`)).toBe(true)
    }
    expect(opened.close()).toBeNull()
  },
)
