import Database from 'better-sqlite3'
import {
  chmodSync,
  copyFileSync,
  existsSync,
  readdirSync,
  readFileSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { cacheMigrations } from '../../../../src/main/db/migrations'
import {
  CacheUnavailableError,
  CHECKPOINT_EVERY_MS,
  openCache,
  RUN_LOCK_WAIT_MS,
} from '../../../../src/main/db/open-cache'
import { SqliteCacheStore } from '../../../../src/main/db/sqlite-cache-store'
import { migrate } from '../../../../src/shared/sqlite/migrate'
import { anInvite, aRequest, aSnapshot, FIXTURE_NOW, inviteCreated } from '../../../support/fixtures'
import { manySessions } from '../../../support/fixture-streams'
import { cacheThatShowedOne, linesLogger, useTempDirs } from './cache-test-kit'

const tempDir = useTempDirs()
const at = Date.UTC(2026, 10, 27, 12, 0, 0)
const now = () => at

/** Open, check that the cache works by writing and reading an invite, close. */
function expectWorkingCache(db: Database.Database): void {
  const store = new SqliteCacheStore(db, linesLogger())
  // A request of its own: an invite to one a cached session took would be passed over.
  const invite = anInvite({ request: aRequest({ id: 'req_working_check' }) })
  store.applyEvents([inviteCreated(store.cursor() + 1, invite)])
  expect(store.openInvites(FIXTURE_NOW)).toContainEqual(invite)
}

/** A cache file holding enough sessions to span many pages, closed and checkpointed. */
function realCache(path: string): void {
  const { db } = openCache({ path })
  new SqliteCacheStore(db, linesLogger()).applySnapshot(
    aSnapshot({ sessions: manySessions(400), cursor: 400 }),
  )
  db.close()
}

describe('openCache', () => {
  it('creates the folder and a migrated cache: WAL (size-limited), synchronous=NORMAL, foreign keys, busy timeout', () => {
    const path = join(tempDir(), 'nested', 'cache.db')
    const { db, rebuilt } = openCache({ path })
    expect(rebuilt).toBeNull()
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('synchronous', { simple: true })).toBe(1)
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(db.pragma('busy_timeout', { simple: true })).toBe(RUN_LOCK_WAIT_MS)
    expect(db.pragma('journal_size_limit', { simple: true })).toBe(4 * 1024 * 1024)
    expect(db.pragma('user_version', { simple: true })).toBe(cacheMigrations.length)
    expectWorkingCache(db)
    db.close()
  })

  it.runIf(process.platform !== 'win32')(
    'keeps the cache, its -wal and -shm readable by this user only (clients’ messages and notes), an older one narrowed',
    () => {
      const dir = join(tempDir(), 'profile')
      const path = join(dir, 'cache.db')
      const modeOf = (file: string) => statSync(file).mode & 0o777
      const first = openCache({ path })
      expectWorkingCache(first.db)
      expect(modeOf(dir)).toBe(0o700)
      for (const file of [path, `${path}-wal`, `${path}-shm`]) expect(modeOf(file), file).toBe(0o600)
      first.db.close()
      // As a version that did not set it left the file.
      chmodSync(path, 0o644)
      writeFileSync(`${path}-wal`, '')
      chmodSync(`${path}-wal`, 0o666)
      const again = openCache({ path })
      for (const file of [path, `${path}-wal`, `${path}-shm`]) expect(modeOf(file), file).toBe(0o600)
      again.db.close()
    },
  )

  it('moves a file of garbage aside, keeps its bytes, and opens a fresh cache; the next start says nothing', () => {
    const dir = tempDir()
    const path = join(dir, 'cache.db')
    const garbage = Buffer.from('this is not a database, it only sits where one should be. '.repeat(200))
    writeFileSync(path, garbage)
    const { db, rebuilt } = openCache({ path, now })
    const damagedCopy = `${path}.corrupt-20261127T120000Z`
    expect(rebuilt).toMatchObject({ damagedCopy, reason: expect.stringMatching(/not a database/) })
    expect(rebuilt?.message).toContain(damagedCopy)
    expect(rebuilt?.message).toMatch(/damaged and is being rebuilt from the platform/)
    expect(readFileSync(damagedCopy).equals(garbage)).toBe(true)
    expectWorkingCache(db)
    db.close()
    const again = openCache({ path, now })
    expect(again.rebuilt).toBeNull()
    again.db.close()
  })

  it('keeps only the newest damaged copies when the cache is damaged at every start', () => {
    const dir = tempDir()
    const path = join(dir, 'cache.db')
    const made: string[] = []
    for (const start of [0, 1, 2, 3, 4]) {
      writeFileSync(path, 'damaged again '.repeat(100))
      const { db, rebuilt } = openCache({ path, now: () => at + start * 60_000 })
      made.push(rebuilt?.damagedCopy ?? '')
      expect(rebuilt?.pruned).toEqual({ removed: start < 3 ? 0 : 1, left: [] })
      db.close()
    }
    const copies = readdirSync(dir).filter((name) => name.includes('.corrupt-'))
    expect(copies.sort()).toEqual(made.slice(2).map((copy) => copy.slice(dir.length + 1)))
  })

  it('moves a real cache truncated in the middle aside, with its -wal and -shm', () => {
    const dir = tempDir()
    const path = join(dir, 'cache.db')
    realCache(path)
    const size = statSync(path).size
    truncateSync(path, Math.floor(size / 2))
    writeFileSync(`${path}-wal`, '')
    writeFileSync(`${path}-shm`, '')
    const { db, rebuilt } = openCache({ path, now })
    expect(rebuilt?.reason).toMatch(/quick_check|malformed/)
    expect(statSync(`${path}.corrupt-20261127T120000Z`).size).toBe(Math.floor(size / 2))
    expect(readdirSync(dir).sort()).toEqual([
      'cache.db',
      'cache.db-shm',
      'cache.db-wal',
      'cache.db.corrupt-20261127T120000Z',
      'cache.db.corrupt-20261127T120000Z-shm',
      'cache.db.corrupt-20261127T120000Z-wal',
    ])
    expectWorkingCache(db)
    db.close()
  })

  it('keeps the WAL of a damaged cache byte for byte: nothing is checkpointed into the damaged copy', () => {
    const dir = tempDir()
    const source = join(dir, 'source.db')
    realCache(source)
    const writer = new Database(source)
    writer.pragma('wal_autocheckpoint = 0')
    writer.prepare('UPDATE sync_state SET cursor = 999').run()
    // Copy while the writer holds the WAL, as a crash would leave it: a main file plus a WAL.
    const path = join(dir, 'cache.db')
    copyFileSync(source, path)
    copyFileSync(`${source}-wal`, `${path}-wal`)
    writer.close()
    truncateSync(path, Math.floor(statSync(path).size / 2))
    const main = readFileSync(path)
    const wal = readFileSync(`${path}-wal`)
    expect(wal.length).toBeGreaterThan(0)
    const { db, rebuilt } = openCache({ path, now })
    expect(rebuilt).not.toBeNull()
    expect(readFileSync(`${path}.corrupt-20261127T120000Z`).equals(main)).toBe(true)
    expect(readFileSync(`${path}.corrupt-20261127T120000Z-wal`).equals(wal)).toBe(true)
    db.close()
  })

  describe('checking only after an unclean exit, as the app opens it', () => {
    const open = (path: string) => openCache({ path, now, integrityCheck: 'after-unclean-exit' })

    it('skips the full check after a clean close, and marks the file as in use while open', () => {
      const path = join(tempDir(), 'cache.db')
      const first = open(path)
      expect(first.checked).toBe(false)
      expect(existsSync(`${path}-open`)).toBe(true)
      new SqliteCacheStore(first.db, linesLogger()).applySnapshot(aSnapshot({ sessions: manySessions(50) }))
      first.close()
      expect(existsSync(`${path}-open`)).toBe(false)
      const second = open(path)
      expect(second).toMatchObject({ checked: false, rebuilt: null })
      expectWorkingCache(second.db)
      second.close()
    })

    it('checks after a run that never closed the cache (a crash or a kill)', () => {
      const path = join(tempDir(), 'cache.db')
      open(path).db.close() // the process dies before close() records a clean exit
      const next = open(path)
      expect(next).toMatchObject({ checked: true, rebuilt: null })
      next.close()
    })

    it('checks, and rebuilds, a cleanly closed file that was truncated since', () => {
      const dir = tempDir()
      const path = join(dir, 'cache.db')
      const first = open(path)
      new SqliteCacheStore(first.db, linesLogger()).applySnapshot(
        aSnapshot({ sessions: manySessions(400), cursor: 400 }),
      )
      first.close()
      truncateSync(path, Math.floor(statSync(path).size / 2))
      const next = open(path)
      expect(next.checked).toBe(true)
      expect(next.rebuilt?.reason).toMatch(/quick_check|malformed/)
      expectWorkingCache(next.db)
      next.close()
    })

    it('checks when a WAL was left behind, and still moves garbage aside without a check', () => {
      const dir = tempDir()
      const path = join(dir, 'cache.db')
      open(path).close()
      writeFileSync(`${path}-wal`, Buffer.alloc(4096, 1))
      const withWal = open(path)
      expect(withWal.checked).toBe(true)
      withWal.close()

      const garbage = join(dir, 'garbage.db')
      writeFileSync(garbage, Buffer.from('not a database at all. '.repeat(300)))
      const replaced = open(garbage)
      expect(replaced.rebuilt?.reason).toMatch(/not a database/)
      expectWorkingCache(replaced.db)
      replaced.close()
    })
  })

  it('moves a cache aside when a migration fails on it', () => {
    const path = join(tempDir(), 'cache.db')
    const raw = new Database(path)
    migrate(raw, cacheMigrations, { what: 'Standby cache', remedy: '', upTo: 1 })
    // Not what version 1 holds: migration 0002 cannot create its table.
    raw.exec('CREATE TABLE reminders (x)')
    raw.close()
    const { db, rebuilt } = openCache({ path, now })
    expect(rebuilt?.reason).toMatch(/^migration failed: table reminders already exists/)
    expectWorkingCache(db)
    db.close()
  })

  it("moves another program's database aside byte for byte, its rows and header as they were found", () => {
    // Many programs number their own schema with user_version too: one at a version the cache
    // also has was migrated as if it were the cache, each step committed into it, before a step failed.
    const reasons = new Map<number, RegExp>([
      [0, /holds tables no version of it made \(contacts\)/],
      [-1, /schema version -1/],
      [3, /at schema version 3 without the tables every version of it has \(expert, sync_state, /],
      [cacheMigrations.length, /without the tables every version of it has/],
      // Past the cache's versions it was told as a newer Standby's, and every start stopped on it.
      [cacheMigrations.length + 1, /past this version's, without any of the tables every version of it has/],
      [999, /at schema version 999, past this version's/],
    ])
    for (const [version, reason] of reasons) {
      const path = join(tempDir(), 'cache.db')
      const other = new Database(path)
      other.exec(`CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('kept')`)
      other.pragma(`user_version = ${version}`)
      other.close()
      const bytes = readFileSync(path)
      const { db, rebuilt } = openCache({ path, now })
      expect(rebuilt?.reason, String(version)).toMatch(reason)
      expectWorkingCache(db)
      db.close()
      const moved = new Database(rebuilt?.damagedCopy ?? '', { readonly: true })
      const tables = moved.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all()
      expect(tables).toEqual([{ name: 'contacts' }])
      expect(moved.prepare('SELECT name FROM contacts').all()).toEqual([{ name: 'kept' }])
      moved.close()
      // Byte for byte as it was: not even its journal mode was written.
      expect(readFileSync(rebuilt?.damagedCopy ?? '').equals(bytes), String(version)).toBe(true)
    }
  })

  it('keeps a newer Standby’s cache aside as it was, with what it showed, and starts on a rebuilt one, saying so', () => {
    // An update undone, or an older installer run again: a start refused on the newer cache left
    // the expert without Standby until they moved the file by hand.
    const dir = tempDir()
    const path = join(dir, 'cache.db')
    const bytes = newerStandbysCache(path)
    const { db, rebuilt } = openCache({ path, now })
    expectWorkingCache(db)
    expect(rebuilt?.salvaged.rows).toBe(1)
    db.close()
    expect(rebuilt?.reason).toBe(
      `it was written by a newer Standby (schema version ${cacheMigrations.length + 1}, this one reads up to ${cacheMigrations.length})`,
    )
    expect(rebuilt?.message).toContain(
      `Standby's offline cache was written by a newer Standby, so this version is rebuilding its own from the platform`,
    )
    expect(rebuilt?.message).toContain(`The newer cache is kept at ${rebuilt?.damagedCopy ?? ''}`)
    // Byte for byte as it was: a newer Standby put back on it finds its own cache.
    expect(readFileSync(rebuilt?.damagedCopy ?? '').equals(bytes)).toBe(true)
  })

  it('never removes a newer Standby’s cache kept aside to make room for damaged copies, and names it as such', () => {
    // Going back to the newer Standby later, the expert finds what it had kept: damage at later
    // starts of this one must not take it as the oldest of the damaged copies.
    const dir = tempDir()
    const path = join(dir, 'cache.db')
    const bytes = newerStandbysCache(path)
    const first = openCache({ path, now })
    first.db.close()
    const newerCopy = first.rebuilt?.damagedCopy ?? ''
    for (const start of [1, 2, 3, 4]) {
      writeFileSync(path, 'damaged again '.repeat(100))
      openCache({ path, now: () => at + start * 60_000 }).db.close()
    }
    expect(readFileSync(newerCopy).equals(bytes)).toBe(true)
    expect(readdirSync(dir).filter((name) => name.includes('.corrupt-'))).toHaveLength(3)
    expect(first.rebuilt?.kind).toBe('newer')
    expect(newerCopy).toBe(`${path}.newer-20261127T120000Z`)
  })

  // A newer Standby may make its schema with what a newer SQLite reads and this one cannot; the
  // check that runs after an unclean exit read that as damage, and told it as damage.
  it.each(['quick', 'after-unclean-exit'] as const)(
    'keeps aside, as a newer Standby’s, a cache whose schema this SQLite cannot read, untouched, also when the check runs (%s)',
    (integrityCheck) => {
      const dir = tempDir()
      const path = join(dir, 'cache.db')
      openCache({ path }).db.close()
      const raw = new Database(path)
      raw.unsafeMode(true)
      raw.pragma('writable_schema = ON')
      raw.exec(
        `INSERT INTO sqlite_master VALUES ('table', 'later', 'later', 0, 'CREATE TABLE later (a SYNTAX OF LATER (')`,
      )
      raw.pragma(`user_version = ${cacheMigrations.length + 1}`)
      raw.close()
      // As a newer Standby killed leaves its file: the check runs at the next start.
      writeFileSync(`${path}-open`, '')
      const bytes = readFileSync(path)
      const { db, rebuilt } = openCache({ path, now, integrityCheck })
      expectWorkingCache(db)
      db.close()
      expect(rebuilt?.reason).toMatch(/^it was written by a newer Standby/)
      expect(readFileSync(rebuilt?.damagedCopy ?? '').equals(bytes)).toBe(true)
    },
  )

  it('does not move anything when the path cannot be opened at all', () => {
    const dir = tempDir()
    // A folder where the file should be: SQLite cannot open it, and that is no damaged cache.
    expect(() => openCache({ path: dir, now })).toThrow(CacheUnavailableError)
    expect(() => openCache({ path: dir, now })).toThrow(/cannot open its offline cache .*left as it is/)
    expect(readdirSync(dirname(dir)).filter((f) => f.includes('corrupt'))).toEqual([])
  })

  it('loads the addon from nativeBinding when given one', () => {
    const nodeBuild = join(
      dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')),
      'build',
      'Release',
      'better_sqlite3.node',
    )
    const { db } = openCache({ path: join(tempDir(), 'cache.db'), nativeBinding: nodeBuild })
    expectWorkingCache(db)
    db.close()
  })

  it('says how to build the Electron addon when nativeBinding is missing or unloadable, and moves nothing', () => {
    const dir = tempDir()
    const path = join(dir, 'cache.db')
    writeFileSync(path, 'not a database either')
    expect(() => openCache({ path, nativeBinding: join(dir, 'missing.node') })).toThrow(
      /Electron build of SQLite is missing .*npx tsx scripts\/rebuild-sqlite-for-electron.ts/,
    )
    const bogus = join(dir, 'bogus.node')
    writeFileSync(bogus, 'not an addon')
    expect(() => openCache({ path, nativeBinding: bogus })).toThrow(
      /native addon could not be loaded .*rebuild-sqlite-for-electron.ts --force/,
    )
    expect(readdirSync(dir).sort()).toEqual(['bogus.node', 'cache.db'])
  })
})

describe('copying the WAL back into the file', () => {
  it('never on a commit (so no notification waits for it), and on the timer between events', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    try {
      const path = join(tempDir(), 'cache.db')
      const opened = openCache({ path })
      expect(opened.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0)
      const store = new SqliteCacheStore(opened.db, linesLogger())
      const events = manySessions(3_000).map((session, i) => ({
        id: i + 1,
        at: 1,
        type: 'session.updated' as const,
        payload: { session },
      }))
      for (let i = 0; i < events.length; i += 100) store.applyEvents(events.slice(i, i + 100))
      // What those commits left in the WAL is copied back by the timer, not by the commits.
      const walPages = (): { log: number; checkpointed: number } =>
        (opened.db.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number; checkpointed: number }>)[0]!
      const checkpoint = vi.spyOn(opened.db, 'pragma')
      vi.advanceTimersByTime(CHECKPOINT_EVERY_MS)
      expect(checkpoint).toHaveBeenCalledWith('wal_checkpoint(PASSIVE)')
      checkpoint.mockRestore()
      const after = walPages()
      expect(after.checkpointed).toBe(after.log)
      opened.close()
      // Closed: the timer is gone, so nothing runs on a closed connection.
      expect(vi.getTimerCount()).toBe(0)
    } finally {
      vi.useRealTimers()
    }
  })

  it('goes on after a checkpoint the disk refused (full for a while), and stops once the connection is closed', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    try {
      const opened = openCache({ path: join(tempDir(), 'cache.db') })
      const store = new SqliteCacheStore(opened.db, linesLogger())
      const pragma = opened.db.pragma.bind(opened.db)
      let diskFull = true
      const checkpoints = vi.spyOn(opened.db, 'pragma').mockImplementation((source, options) => {
        if (source === 'wal_checkpoint(PASSIVE)' && diskFull)
          throw new Database.SqliteError('database or disk is full', 'SQLITE_FULL')
        return pragma(source, options)
      })
      store.applyEvents([inviteCreated(1, anInvite())])
      vi.advanceTimersByTime(CHECKPOINT_EVERY_MS)
      expect(checkpoints).toHaveBeenCalledTimes(1)
      diskFull = false
      vi.advanceTimersByTime(CHECKPOINT_EVERY_MS)
      expect(checkpoints).toHaveBeenCalledTimes(2)
      checkpoints.mockRestore()
      const [wal] = opened.db.pragma('wal_checkpoint(PASSIVE)') as Array<{
        log: number
        checkpointed: number
      }>
      expect(wal?.checkpointed).toBe(wal?.log)
      opened.db.close()
      vi.advanceTimersByTime(CHECKPOINT_EVERY_MS)
      expect(vi.getTimerCount()).toBe(0)
    } finally {
      vi.useRealTimers()
    }
  })
})

/** A cache at `path` that showed one invite, as a newer Standby's schema marks it; its bytes. */
function newerStandbysCache(path: string): Buffer {
  cacheThatShowedOne(path)
  const raw = new Database(path)
  raw.pragma(`user_version = ${cacheMigrations.length + 1}`)
  raw.close()
  return readFileSync(path)
}
