// The cache file before this run's first checkpoint, when the file still holds only what the run
// opened (on a first start or after a rebuild, a file whose tables are all in the WAL): its times,
// mode or flags changed is still this run's, and an earlier copy of the expert's own cache put back
// is left as put back, not mixed with this run's WAL.
import Database from 'better-sqlite3'
import { chmodSync, copyFileSync, existsSync, readFileSync, utimesSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it, vi } from 'vitest'
import type { CacheNotWritable } from '../../../../src/main/core/cache-not-writable'
import { CHECKPOINT_EVERY_MS, openCache } from '../../../../src/main/db/open-cache'
import { SqliteCacheStore } from '../../../../src/main/db/sqlite-cache-store'
import { anExpert, aSnapshot, inviteCreated } from '../../../support/fixtures'
import { canLockFiles, useFileLocks } from '../../../support/immutable-files'
import { linesLogger, numberedInvite, useCheckpointTimer, useTempDirs } from './cache-test-kit'

const tempDir = useTempDirs()
const locks = useFileLocks()
const invite = numberedInvite

useCheckpointTimer()

/** A first start: a new cache signed in as exp_ours with `count` invites, not yet checkpointed. */
function firstStart(path: string, count: number, refused?: (refusal: CacheNotWritable | null) => void) {
  const opened = openCache({ path, integrityCheck: 'after-unclean-exit', refused })
  const store = new SqliteCacheStore(opened.db, linesLogger())
  store.applySnapshot(aSnapshot({ expert: anExpert({ id: 'exp_ours' }), cursor: 1 }))
  store.applyEvents(Array.from({ length: count }, (_, i) => inviteCreated(2 + i, invite(i))))
  return { opened, store }
}

/** The invites the file at `path` holds, read as it is. */
function invitesAt(path: string): unknown[] {
  const db = new Database(path, { readonly: true })
  try {
    return db.prepare('SELECT id FROM invites ORDER BY id').pluck().all()
  } finally {
    db.close()
  }
}

it.each([
  ['its times set', (path: string) => utimesSync(path, new Date(), new Date())],
  ['its mode changed', (path: string) => chmodSync(path, 0o600)],
])('a new cache with %s before its first checkpoint keeps this run’s changes', (_, touch) => {
  const path = join(tempDir(), 'cache.db')
  const { opened, store } = firstStart(path, 2)
  touch(path)
  vi.advanceTimersByTime(CHECKPOINT_EVERY_MS)
  store.applyEvents([inviteCreated(store.cursor() + 1, invite(9))])
  expect(opened.close()).toBeNull()
  expect(invitesAt(path)).toEqual(['inv_0', 'inv_1', 'inv_9'])
})

it.skipIf(!canLockFiles())(
  'a new cache made immutable before its first checkpoint is told as not writable, and kept once writable (skipped where `chattr +i` does not hold)',
  () => {
    const path = join(tempDir(), 'cache.db')
    const told: Array<CacheNotWritable | null> = []
    const { opened } = firstStart(path, 2, (refusal) => void told.push(refusal))
    locks.lock(path)
    vi.advanceTimersByTime(CHECKPOINT_EVERY_MS)
    expect(told).toEqual([expect.objectContaining({ remedy: expect.stringContaining(path) })])
    locks.unlock()
    vi.advanceTimersByTime(CHECKPOINT_EVERY_MS)
    expect(told.at(-1)).toBeNull()
    expect(opened.close()).toBeNull()
    expect(invitesAt(path)).toEqual(['inv_0', 'inv_1'])
  },
)

it('an earlier copy of the expert’s own cache put back before this run’s first checkpoint is left as put back', () => {
  const dir = tempDir()
  const path = join(dir, 'cache.db')
  const first = firstStart(path, 3)
  expect(first.opened.close()).toBeNull()
  const backup = join(dir, 'backup.db')
  copyFileSync(path, backup)
  // A later run adds to it (the file grows), then the backup is put back before this run checkpoints.
  const later = openCache({ path, integrityCheck: 'after-unclean-exit' })
  const store = new SqliteCacheStore(later.db, linesLogger())
  const from = store.cursor() + 1
  store.applyEvents(Array.from({ length: 40 }, (_, i) => inviteCreated(from + i, invite(10 + i))))
  expect(later.close()).toBeNull()
  const again = openCache({ path, integrityCheck: 'after-unclean-exit' })
  const run = new SqliteCacheStore(again.db, linesLogger())
  run.applyEvents([inviteCreated(run.cursor() + 1, invite(99))])
  copyFileSync(backup, path)
  const restored = readFileSync(path)
  vi.advanceTimersByTime(CHECKPOINT_EVERY_MS)
  const said = again.close()
  expect(readFileSync(path).equals(restored)).toBe(true)
  expect(existsSync(`${path}-wal`)).toBe(false)
  expect(invitesAt(path)).toEqual(['inv_0', 'inv_1', 'inv_2'])
  expect(said).toContain('was put back from an earlier copy of your cache (exp_ours)')
})
