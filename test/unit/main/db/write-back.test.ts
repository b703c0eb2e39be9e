// The cache file deleted, replaced or taken with its folder while the app has it open.
import Database from 'better-sqlite3'
import {
  copyFileSync,
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { CHECKPOINT_EVERY_MS, openCache } from '../../../../src/main/db/open-cache'
import { SqliteCacheStore } from '../../../../src/main/db/sqlite-cache-store'
import { eventStream } from '../../../support/fixture-streams'
import { anInvite, aRequest, FIXTURE_NOW, inviteCreated } from '../../../support/fixtures'
import { linesLogger, useTempDirs } from './cache-test-kit'

const tempDir = useTempDirs()
const open = (path: string) => openCache({ path, integrityCheck: 'after-unclean-exit' })
const first = anInvite({ id: 'inv_first', request: aRequest({ id: 'req_first' }) })
const second = anInvite({ id: 'inv_second', request: aRequest({ id: 'req_second' }) })

/** Delete the cache's files as a cleaner would, leaving its folder. */
function deleteFiles(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true })
}

describe('a cache file gone from its path while open', () => {
  it('is written back without the -wal and -shm SQLite left by its name, which it must not meet', () => {
    const path = join(tempDir(), 'cache.db')
    const opened = open(path)
    const store = new SqliteCacheStore(opened.db, linesLogger())
    store.applyEvents([inviteCreated(1, first)])
    rmSync(path)
    store.applyEvents([inviteCreated(2, second)])
    opened.close()
    expect(readdirSync(dirname(path)).sort()).toEqual(['cache.db'])
  })

  it('is written back at close, with what was saved after it went, readable by this user only', () => {
    const path = join(tempDir(), 'cache.db')
    const opened = open(path)
    const store = new SqliteCacheStore(opened.db, linesLogger())
    store.applyEvents([inviteCreated(1, first)])
    store.markNotified([first.id], FIXTURE_NOW)
    deleteFiles(path)
    store.applyEvents([inviteCreated(2, second)])
    store.markNotified([second.id], FIXTURE_NOW)
    expect(opened.close()).toMatch(/was deleted while Standby ran; wrote it back at quit/)
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600)

    const again = open(path)
    expect(again.rebuilt).toBeNull()
    const reopened = new SqliteCacheStore(again.db, linesLogger())
    expect(reopened.cursor()).toBe(2)
    expect(reopened.shownInvites([first.id, second.id])).toEqual([first.id, second.id])
    expect(again.close()).toBeNull()
  })

  it('is written back over bytes put in its place that are no database, which are kept beside it', () => {
    for (const bytes of ['', 'not a database, written over it by another program']) {
      const path = join(tempDir(), 'cache.db')
      const opened = open(path)
      const store = new SqliteCacheStore(opened.db, linesLogger())
      store.applyEvents([inviteCreated(1, first)])
      store.markNotified([first.id], FIXTURE_NOW)
      writeFileSync(`${path}.new`, bytes)
      renameSync(`${path}.new`, path)
      expect(opened.close()).toMatch(
        /was replaced while Standby ran .*kept as .*corrupt-.*; wrote it back at quit/,
      )
      // With the -wal and -shm SQLite left by that name, which the file written back must not meet.
      const aside = readdirSync(dirname(path)).filter((name) => /\.corrupt-\w+$/.test(name))
      expect(aside.map((name) => readFileSync(join(dirname(path), name), 'utf8'))).toEqual([bytes])
      const again = open(path)
      expect(again.rebuilt).toBeNull()
      expect(new SqliteCacheStore(again.db, linesLogger()).shownInvites([first.id])).toEqual([first.id])
      again.close()
    }
  })

  it('leaves another database put in its place alone (a copy restored from a backup)', () => {
    const path = join(tempDir(), 'cache.db')
    const opened = open(path)
    const restored = `${path}.restored`
    const other = new Database(restored)
    other.exec('CREATE TABLE restored (x)')
    other.close()
    renameSync(restored, path)
    const bytes = readFileSync(path)
    expect(opened.close()).toBeNull()
    expect(readFileSync(path).equals(bytes)).toBe(true)
  })

  it('is not written back when its folder went with it', () => {
    const path = join(tempDir(), 'profile', 'cache.db')
    const opened = open(path)
    rmSync(dirname(path), { recursive: true })
    expect(opened.close()).toBeNull()
    expect(existsSync(dirname(path))).toBe(false)
  })
})

describe('a cache file cut short or written over in place while open', () => {
  /**
   * A cache that held `count` events, opened again as a start opens it; `held`: the run has read
   * every page of it since (a check reads them all), so its connection holds the whole file.
   */
  function reopened(count: number, held: boolean) {
    const path = join(tempDir(), 'cache.db')
    const made = open(path)
    new SqliteCacheStore(made.db, linesLogger()).applyEvents(eventStream({ count }))
    made.close()
    const opened = open(path)
    if (held) opened.db.pragma('quick_check')
    const store = new SqliteCacheStore(opened.db, linesLogger())
    // The run writes as it goes: the WAL, not the file's length, says how long the file is.
    store.markSynced(FIXTURE_NOW)
    return { path, opened, store }
  }

  it.each([
    ['cut to nothing', (path: string) => truncateSync(path, 0)],
    ['cut to half', (path: string) => truncateSync(path, statSync(path).size / 2)],
    [
      'written over in place',
      (path: string) => writeFileSync(path, Buffer.alloc(statSync(path).size, 'garbage')),
    ],
  ])('is written back at close when %s, with what was saved after', (what, damage) => {
    const { path, opened, store } = reopened(50, true)
    damage(path)
    store.applyEvents([inviteCreated(51, first)])
    store.markNotified([first.id], FIXTURE_NOW)
    const said = what === 'written over in place' ? /kept as .*corrupt-/ : /was cut short while Standby ran/
    expect(opened.close()).toMatch(said)

    const again = open(path)
    expect(again.rebuilt).toBeNull()
    const store2 = new SqliteCacheStore(again.db, linesLogger())
    expect(store2.cursor()).toBe(51)
    expect(store2.shownInvites([first.id])).toEqual([first.id])
    again.close()
  })

  it('is checked and rebuilt at the next start when what the run held of it does not read whole', () => {
    const { path, opened, store } = reopened(400, false)
    expect(store.cursor()).toBe(400)
    truncateSync(path, statSync(path).size / 2)
    expect(opened.close()).toMatch(
      /was cut short while Standby ran, and what Standby held of it did not read whole; the next start checks it/,
    )
    const again = open(path)
    expect(again.rebuilt?.kind).toBe('damaged')
    again.close()
  })

  it('counts what the run’s own copies of the WAL wrote into it as the file’s', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    try {
      const { path, opened, store } = reopened(5, true)
      const before = statSync(path).size
      store.applyEvents(eventStream({ count: 300 }).slice(5))
      vi.advanceTimersByTime(CHECKPOINT_EVERY_MS)
      expect(statSync(path).size).toBeGreaterThan(before)
      truncateSync(path, before)
      expect(opened.close()).toMatch(/was cut short while Standby ran/)
    } finally {
      vi.useRealTimers()
    }
  })

  it('leaves alone a smaller database copied over it in place (a backup restored with cp)', () => {
    const { path, opened, store } = reopened(300, true)
    store.applyEvents([inviteCreated(301, first)])
    opened.db.pragma('wal_checkpoint(TRUNCATE)')
    const before = statSync(path).size
    const backup = join(dirname(path), 'backup.db')
    const other = new Database(backup)
    other.exec('CREATE TABLE restored (x)')
    other.close()
    // cp opens the file there and writes the backup into it: the same file, now shorter.
    copyFileSync(backup, path)
    expect(statSync(path).size).toBeLessThan(before)
    // Told, as this run's changes were kept out of it (cache-owner.test.ts).
    expect(opened.close()).toContain('holds a database that is no Standby cache')
    expect(readFileSync(path).equals(readFileSync(backup))).toBe(true)
  })

  it('is not taken for cut when the cache’s own emptying (a sign-out) made it shorter', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    try {
      const { path, opened, store } = reopened(300, true)
      vi.advanceTimersByTime(CHECKPOINT_EVERY_MS)
      const before = statSync(path).size
      store.clear()
      expect(statSync(path).size).toBeLessThan(before)
      expect(opened.close()).toBeNull()
      const again = open(path)
      expect(again.rebuilt).toBeNull()
      expect(new SqliteCacheStore(again.db, linesLogger()).cursor()).toBe(0)
      again.close()
    } finally {
      vi.useRealTimers()
    }
  })
})
