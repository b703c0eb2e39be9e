// Another expert's cache copied over the open cache before this run's first checkpoint, the same
// size and with the same first page as this run's file (two caches of one version, of as many
// rows): the first page holds the schema, not whose cache it is, so it is read for its expert too.
import Database from 'better-sqlite3'
import { copyFileSync, existsSync, mkdirSync, readFileSync, utimesSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it, vi } from 'vitest'
import { CHECKPOINT_EVERY_MS, openCache } from '../../../../src/main/db/open-cache'
import { SqliteCacheStore } from '../../../../src/main/db/sqlite-cache-store'
import { anExpert, aSnapshot, inviteCreated } from '../../../support/fixtures'
import { linesLogger, numberedInvite, useCheckpointTimer, useTempDirs } from './cache-test-kit'

const tempDir = useTempDirs()
const invite = numberedInvite

useCheckpointTimer()

/** A cache at `path` signed in as `expert` with three invites, closed. */
function cacheOf(path: string, expert: string): void {
  const opened = openCache({ path, integrityCheck: 'after-unclean-exit' })
  const store = new SqliteCacheStore(opened.db, linesLogger())
  store.applySnapshot(aSnapshot({ expert: anExpert({ id: expert }), cursor: 1 }))
  store.applyEvents(Array.from({ length: 3 }, (_, i) => inviteCreated(2 + i, invite(i))))
  expect(opened.close()).toBeNull()
}

function expertAt(path: string): unknown {
  const db = new Database(path, { readonly: true })
  try {
    return db.prepare('SELECT id FROM expert WHERE slot = 1').pluck().get()
  } finally {
    db.close()
  }
}

it('another expert’s cache with the same first page, put in place before the first checkpoint, is left to its owner', () => {
  const dir = tempDir()
  const path = join(dir, 'cache.db')
  const theirs = join(dir, 'theirs.db')
  cacheOf(path, 'exp_ours')
  cacheOf(theirs, 'exp_them')
  const page = (file: string) => readFileSync(file).subarray(0, 4096)
  expect(page(theirs).equals(page(path))).toBe(true)
  const again = openCache({ path, integrityCheck: 'after-unclean-exit' })
  const run = new SqliteCacheStore(again.db, linesLogger())
  run.applyEvents([inviteCreated(run.cursor() + 1, invite(99))])
  copyFileSync(theirs, path)
  const copied = readFileSync(path)
  vi.advanceTimersByTime(CHECKPOINT_EVERY_MS)
  const said = again.close()
  expect(readFileSync(path).equals(copied)).toBe(true)
  expect(existsSync(`${path}-wal`)).toBe(false)
  expect(expertAt(path)).toBe('exp_them')
  expect(said).toContain('holds the cache of another expert (exp_them)')
})

it('a cache whose last run did not close, its WAL naming another expert than its file, keeps this run’s changes when touched', () => {
  const dir = tempDir()
  const path = join(dir, 'cache.db')
  cacheOf(path, 'exp_before')
  // A run that switched experts and never closed: its WAL names exp_ours, the file exp_before.
  const crashed = openCache({ path, integrityCheck: 'after-unclean-exit' })
  const store = new SqliteCacheStore(crashed.db, linesLogger())
  store.applySnapshot(aSnapshot({ expert: anExpert({ id: 'exp_ours' }), cursor: 1 }))
  const left = join(dir, 'left')
  mkdirSync(left)
  const at = join(left, 'cache.db')
  copyFileSync(path, at)
  copyFileSync(`${path}-wal`, `${at}-wal`)
  expect(crashed.close()).toBeNull()
  const again = openCache({ path: at, integrityCheck: 'after-unclean-exit' })
  const run = new SqliteCacheStore(again.db, linesLogger())
  run.applyEvents([inviteCreated(run.cursor() + 1, invite(99))])
  utimesSync(at, new Date(), new Date())
  vi.advanceTimersByTime(CHECKPOINT_EVERY_MS)
  expect(again.close()).toBeNull()
  expect(expertAt(at)).toBe('exp_ours')
})
