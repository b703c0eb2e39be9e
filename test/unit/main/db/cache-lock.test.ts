// Another program (a backup tool, the sqlite3 shell) holding the cache's lock. At open, each
// connection waits for it a few seconds (the open's migrations must not fail on a moment's lock),
// then the open says so and moves nothing: a locked file is no damaged one. While the app runs,
// every write runs on its main thread, so each one waiting out SQLite's busy timeout holds the
// window, the tray and every notification for that long, at each try.
import Database from 'better-sqlite3'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { expect, it, vi } from 'vitest'
import { describeStartupFailure } from '../../../../src/main/core/startup/startup-failure'
import { storageFaultMessage } from '../../../../src/main/core/storage-remedy'
import { CacheUnavailableError, openCache, RUN_LOCK_WAIT_MS } from '../../../../src/main/db/open-cache'
import { SqliteCacheStore } from '../../../../src/main/db/sqlite-cache-store'
import { anInvite, FIXTURE_NOW, inviteCreated } from '../../../support/fixtures'
import { linesLogger, useTempDirs } from './cache-test-kit'

const tempDir = useTempDirs()

/** Each connection made, with how long it waits for a lock as it is made. */
const connections = vi.hoisted(() => [] as Array<{ file: string; waitMs: number }>)
vi.mock('better-sqlite3', async (importOriginal) => {
  const real = (await importOriginal<{ default: typeof Database }>()).default
  class Watched extends real {
    constructor(...args: ConstructorParameters<typeof real>) {
      super(...args)
      connections.push({
        file: String(args[0]),
        waitMs: Number(this.pragma('busy_timeout', { simple: true })),
      })
    }
  }
  return { default: Watched }
})

/** A cleanly closed cache; with `unclean`, as a run that never closed it left it (checked at open). */
function closedCache(unclean: boolean): string {
  const path = join(tempDir(), 'cache.db')
  openCache({ path, integrityCheck: 'after-unclean-exit' }).close()
  if (unclean) writeFileSync(`${path}-open`, '')
  return path
}

for (const unclean of [false, true]) {
  it(`waits at open for a lock another program holds, then says so and moves nothing${unclean ? ', after an unclean exit' : ''}`, () => {
    const path = closedCache(unclean)
    const other = new Database(path)
    // A program that keeps the file to itself: every read of another connection meets its lock.
    other.pragma('locking_mode = EXCLUSIVE')
    other.exec('BEGIN EXCLUSIVE; UPDATE sync_state SET cursor = 7; COMMIT')
    const before = readdirSync(dirname(path)).sort()
    const bytes = readFileSync(path)
    connections.length = 0
    let refused: unknown
    try {
      openCache({ path, integrityCheck: 'after-unclean-exit' })
    } catch (error) {
      refused = error
    }
    expect(refused).toBeInstanceOf(CacheUnavailableError)
    // What is known: something else holds this file's lock; not the folder, the disk or another Standby.
    const said = (refused as Error).message
    expect(said).toContain(`another program holds the lock on ${path}`)
    expect(said).not.toMatch(/other copy of Standby|disk is not full/)
    const shown = describeStartupFailure(refused, { logPath: null, packaged: true })
    expect(shown.message).toContain(`holds the lock on ${path}`)
    expect(shown.message).not.toMatch(/copy of Standby/)
    expect(connections.length).toBeGreaterThan(0)
    for (const made of connections) expect(made.waitMs, made.file).toBeGreaterThan(RUN_LOCK_WAIT_MS)
    expect(readdirSync(dirname(path)).sort()).toEqual(before)
    expect(readFileSync(path).equals(bytes)).toBe(true)
    other.close()
    const opened = openCache({ path, integrityCheck: 'after-unclean-exit' })
    expect(opened.rebuilt).toBeNull()
    expect(opened.db.prepare('SELECT cursor FROM sync_state').pluck().get()).toBe(7)
    opened.close()
  })
}

it('waits for a lock on every connection the open makes: the check, the fresh cache and the damaged copy it reads', () => {
  const path = closedCache(true)
  writeFileSync(path, 'not a database at all. '.repeat(300))
  connections.length = 0
  const opened = openCache({ path, integrityCheck: 'after-unclean-exit' })
  const files = connections.map((made) => made.file)
  expect(new Set(files)).toEqual(new Set([path, opened.rebuilt?.damagedCopy]))
  for (const made of connections) expect(made.waitMs, made.file).toBeGreaterThan(RUN_LOCK_WAIT_MS)
  opened.close()
})

it('fails a write at once while another program holds the lock, says what to do, and saves it once freed', () => {
  const path = join(tempDir(), 'cache.db')
  const opened = openCache({ path, integrityCheck: 'after-unclean-exit' })
  const store = new SqliteCacheStore(opened.db, linesLogger())
  const other = new Database(path)
  other.exec('BEGIN IMMEDIATE')
  // The wait for a lock is a moment at run time, not the seconds the open allows for its migrations.
  expect(opened.db.pragma('busy_timeout', { simple: true })).toBeLessThanOrEqual(250)
  const invite = anInvite()
  let failure: unknown
  try {
    store.applyEvents([inviteCreated(1, invite)])
  } catch (error) {
    failure = error
  }
  expect(failure).toMatchObject({ code: 'SQLITE_BUSY' })
  expect(storageFaultMessage(failure)).toMatch(/Quit any other program using Standby’s files/)
  other.exec('ROLLBACK')
  other.close()
  store.applyEvents([inviteCreated(1, invite)])
  expect(store.openInvites(FIXTURE_NOW)).toEqual([invite])
  opened.close()
})
