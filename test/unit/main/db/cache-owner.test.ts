// Another expert's cache, or another program's database, copied over the open cache in place (the
// same size or larger) while Standby runs: this run's rows never go into it, at a checkpoint or at
// quit, and the log says what was found and what to do.
import Database from 'better-sqlite3'
import { chmodSync, copyFileSync, existsSync, readFileSync, statSync, utimesSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { CHECKPOINT_EVERY_MS, openCache } from '../../../../src/main/db/open-cache'
import { SqliteCacheStore } from '../../../../src/main/db/sqlite-cache-store'
import { anExpert, anInvite, aRequest, aSnapshot, inviteCreated } from '../../../support/fixtures'
import { linesLogger, useCheckpointTimer, useTempDirs } from './cache-test-kit'

const tempDir = useTempDirs()
const open = (path: string) => openCache({ path, integrityCheck: 'after-unclean-exit' })
const invite = (owner: string, n: number) =>
  anInvite({
    id: `inv_${owner}${n}`,
    request: aRequest({ id: `req_${owner}${n}`, description: 'x'.repeat(600) }),
  })

/** A cache at `path` signed in as `expert`, holding `count` invites, closed cleanly. */
function cacheOf(path: string, expert: string, count: number): void {
  const opened = open(path)
  const store = new SqliteCacheStore(opened.db, linesLogger())
  store.applySnapshot(aSnapshot({ expert: anExpert({ id: expert }), cursor: 1 }))
  store.applyEvents(Array.from({ length: count }, (_, i) => inviteCreated(2 + i, invite(expert, i))))
  opened.close()
}

/** What a database file at `path` holds, read as it is. */
function contentAt(path: string): { expert: unknown; invites: number; check: unknown } {
  const db = new Database(path, { readonly: true })
  try {
    return {
      expert: db.prepare('SELECT id FROM expert').pluck().get(),
      invites: (db.prepare('SELECT count(*) FROM invites').pluck().get() as number) ?? 0,
      check: db.pragma('quick_check', { simple: true }),
    }
  } finally {
    db.close()
  }
}

useCheckpointTimer()

/** Our run: signed in as exp_ours with `count` invites, checkpointed once, still open. */
function ourRun(path: string, count: number) {
  const opened = open(path)
  const store = new SqliteCacheStore(opened.db, linesLogger())
  store.applySnapshot(aSnapshot({ expert: anExpert({ id: 'exp_ours' }), cursor: 1 }))
  store.applyEvents(Array.from({ length: count }, (_, i) => inviteCreated(2 + i, invite('ours', i))))
  vi.advanceTimersByTime(CHECKPOINT_EVERY_MS)
  return { opened, store }
}

describe.each([
  ['larger', 40],
  ['the same size', 20],
])("another expert's cache copied over ours in place, %s", (_, theirCount) => {
  it('is left exactly as copied, at the next checkpoint and at quit, and the log names it', () => {
    const dir = tempDir()
    const path = join(dir, 'cache.db')
    const theirs = join(dir, 'theirs.db')
    cacheOf(theirs, 'exp_theirs', theirCount)
    const { opened, store } = ourRun(path, 20)
    if (theirCount === 20) expect(statSync(theirs).size).toBe(statSync(path).size)
    else expect(statSync(theirs).size).toBeGreaterThan(statSync(path).size)
    const copied = readFileSync(theirs)
    copyFileSync(theirs, path)
    store.applyEvents([inviteCreated(store.cursor() + 1, invite('ours', 99))])
    vi.advanceTimersByTime(CHECKPOINT_EVERY_MS)
    expect(readFileSync(path).equals(copied)).toBe(true)
    store.applyEvents([inviteCreated(store.cursor() + 1, invite('ours', 100))])
    const said = opened.close()
    expect(readFileSync(path).equals(copied)).toBe(true)
    // Nothing of this run is left beside it for the next open to read into it.
    expect(existsSync(`${path}-wal`)).toBe(false)
    expect(contentAt(path)).toEqual({ expert: 'exp_theirs', invites: theirCount, check: 'ok' })
    expect(said).toContain(`The offline cache ${path} holds the cache of another expert (exp_theirs)`)
    expect(said).toContain('if it is not yours, quit Standby and delete it')
  })
})

it('another program’s database copied over the cache in place is left as copied', () => {
  const dir = tempDir()
  const path = join(dir, 'cache.db')
  const { opened, store } = ourRun(path, 5)
  const other = join(dir, 'notes.db')
  const notes = new Database(other)
  notes.exec('CREATE TABLE notes (body TEXT)')
  notes.prepare('INSERT INTO notes VALUES (?)').run('y'.repeat(60_000))
  notes.close()
  const copied = readFileSync(other)
  copyFileSync(other, path)
  store.applyEvents([inviteCreated(store.cursor() + 1, invite('ours', 99))])
  const said = opened.close()
  expect(readFileSync(path).equals(copied)).toBe(true)
  expect(said).toContain('holds a database that is no Standby cache')
})

describe('this run’s own changes to the file are still written', () => {
  it('a sign-out and a sign-in as another expert in the same run', () => {
    const path = join(tempDir(), 'cache.db')
    const { opened, store } = ourRun(path, 5)
    store.clear()
    store.applySnapshot(aSnapshot({ expert: anExpert({ id: 'exp_next' }), cursor: 1 }))
    store.applyEvents([inviteCreated(2, invite('next', 1))])
    vi.advanceTimersByTime(CHECKPOINT_EVERY_MS)
    store.applyEvents([inviteCreated(3, invite('next', 2))])
    expect(opened.close()).toBeNull()
    expect(contentAt(path)).toEqual({ expert: 'exp_next', invites: 2, check: 'ok' })
  })

  it('a copy of the same expert’s cache put back over it (a restore) is not taken for another’s', () => {
    const dir = tempDir()
    const path = join(dir, 'cache.db')
    const backup = join(dir, 'backup.db')
    const { opened, store } = ourRun(path, 5)
    copyFileSync(path, backup)
    copyFileSync(backup, path)
    store.applyEvents([inviteCreated(store.cursor() + 1, invite('ours', 99))])
    vi.advanceTimersByTime(CHECKPOINT_EVERY_MS)
    expect(opened.close()).toBeNull()
    expect(contentAt(path)).toEqual({ expert: 'exp_ours', invites: 6, check: 'ok' })
  })

  it('a file touched after a sign-out and a sign-in as another expert rewrote it', () => {
    const path = join(tempDir(), 'cache.db')
    const { opened, store } = ourRun(path, 5)
    store.clear()
    store.applySnapshot(aSnapshot({ expert: anExpert({ id: 'exp_next' }), cursor: 1 }))
    store.applyEvents([inviteCreated(2, invite('next', 1))])
    vi.advanceTimersByTime(CHECKPOINT_EVERY_MS)
    utimesSync(path, new Date(0), new Date(0))
    store.applyEvents([inviteCreated(3, invite('next', 2))])
    vi.advanceTimersByTime(CHECKPOINT_EVERY_MS)
    expect(opened.close()).toBeNull()
    expect(contentAt(path)).toEqual({ expert: 'exp_next', invites: 2, check: 'ok' })
  })

  it('a file only touched (its times set back, its mode changed) by a backup tool', () => {
    const path = join(tempDir(), 'cache.db')
    const { opened, store } = ourRun(path, 5)
    utimesSync(path, new Date(0), new Date(0))
    chmodSync(path, 0o600)
    store.applyEvents([inviteCreated(store.cursor() + 1, invite('ours', 99))])
    vi.advanceTimersByTime(CHECKPOINT_EVERY_MS)
    store.applyEvents([inviteCreated(store.cursor() + 1, invite('ours', 100))])
    expect(opened.close()).toBeNull()
    expect(contentAt(path)).toEqual({ expert: 'exp_ours', invites: 7, check: 'ok' })
  })
})

it('an earlier copy of this expert’s own cache put back over it is left as put back, never mixed with this run’s pages', () => {
  const dir = tempDir()
  const path = join(dir, 'cache.db')
  const { opened, store } = ourRun(path, 5)
  copyFileSync(path, join(dir, 'backup.db'))
  store.applyEvents(
    Array.from({ length: 40 }, (_, i) => inviteCreated(store.cursor() + 1, invite('later', i))),
  )
  vi.advanceTimersByTime(CHECKPOINT_EVERY_MS)
  copyFileSync(join(dir, 'backup.db'), path)
  const restored = readFileSync(path)
  store.applyEvents([inviteCreated(store.cursor() + 1, invite('ours', 99))])
  vi.advanceTimersByTime(CHECKPOINT_EVERY_MS)
  const said = opened.close()
  expect(readFileSync(path).equals(restored)).toBe(true)
  expect(existsSync(`${path}-wal`)).toBe(false)
  expect(contentAt(path)).toEqual({ expert: 'exp_ours', invites: 5, check: 'ok' })
  expect(said).toContain(
    `The offline cache ${path} was put back from an earlier copy of your cache (exp_ours)`,
  )
  // The expert's own, from earlier: nothing to delete, only what changed since to fetch again.
  expect(said).not.toContain('delete it')
  expect(said).toContain('at the next start Standby catches up from the platform on what changed since')
})
