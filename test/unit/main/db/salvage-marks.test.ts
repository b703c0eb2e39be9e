// A damaged cache is replaced by an empty one; what the expert was already shown must not be
// shown again once the platform has filled the new one.
import Database from 'better-sqlite3'
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openCache } from '../../../../src/main/db/open-cache'
import { SqliteCacheStore } from '../../../../src/main/db/sqlite-cache-store'
import { anInvite, aRequest, FIXTURE_NOW, inviteCreated } from '../../../support/fixtures'
import { linesLogger, putOtherDatabasesWal, useTempDirs } from './cache-test-kit'

const tempDir = useTempDirs()
const shown = anInvite({ id: 'inv_shown', request: aRequest({ id: 'req_a' }) })
const unseen = anInvite({ id: 'inv_unseen', request: aRequest({ id: 'req_b' }) })
const reminder = { sessionId: 'ses_1', bookedStart: FIXTURE_NOW + 3_600_000, alert: '30' }

/** A cache that showed one of two open invites, a reminder, a warning and a client message, then closed. */
function usedCache(path: string): void {
  const { db, close } = openCache({ path })
  const store = new SqliteCacheStore(db, linesLogger())
  store.applyEvents([inviteCreated(1, shown), inviteCreated(2, unseen)])
  store.markNotified([shown.id], FIXTURE_NOW)
  store.markReminder(reminder, 'fired', FIXTURE_NOW)
  store.markStandingWarned(['low-rating'], FIXTURE_NOW)
  store.markMessagesNotified(['msg_1'], FIXTURE_NOW)
  close()
}

/** Damage the file so that opening it fails its migration, leaving its tables readable. */
function damageSchema(path: string): void {
  const db = new Database(path)
  db.pragma('user_version = 3')
  db.close()
}

/** The rebuilt cache, refilled with both invites as the platform would. */
function reopenAndRefill(path: string) {
  const opened = openCache({ path })
  const store = new SqliteCacheStore(opened.db, linesLogger())
  store.applyEvents([inviteCreated(1, shown), inviteCreated(2, unseen)])
  return { ...opened, store }
}

describe('a damaged cache replaced by an empty one', () => {
  it('carries over what was already shown, so only what never was is shown after the platform refills it', () => {
    const path = join(tempDir(), 'cache.db')
    usedCache(path)
    damageSchema(path)
    const { rebuilt, store, db, close } = reopenAndRefill(path)
    expect(rebuilt?.reason).toMatch(/migration failed/)
    expect(rebuilt?.salvaged).toEqual({ rows: 4, unreadable: [] })
    expect(store.unnotifiedOpenInvites(FIXTURE_NOW).map((i) => i.id)).toEqual([unseen.id])
    expect(store.reminderHandled(reminder)).toBe(true)
    expect(store.standingWarned(['low-rating', 'chargeback'])).toEqual(['low-rating'])
    expect(db.prepare(`SELECT message_id, notified_at FROM message_state`).all()).toEqual([
      { message_id: 'msg_1', notified_at: FIXTURE_NOW },
    ])
    close()
  })

  /** A used cache at a new path holding one Snooze press waiting for the platform's time, left open. */
  function cacheWithWaitingPress() {
    const path = join(tempDir(), 'cache.db')
    usedCache(path)
    const press = {
      sessionId: 'ses_1',
      bookedStart: reminder.bookedStart,
      requestId: 'req_1',
      at: FIXTURE_NOW,
    }
    const { db, close } = openCache({ path })
    new SqliteCacheStore(db, linesLogger()).keepSnoozeAwaitingTime(press)
    return { path, press, db, close }
  }

  it.each([
    ['a Snooze press still waiting for the platform’s time, which the next start snoozes', () => {}],
    [
      'the Snooze presses still waiting whose columns are as the cache writes them, and no damaged one',
      (db: Database.Database) => {
        const damaged = db.prepare('INSERT INTO snoozes_awaiting_time VALUES (?, ?, ?, ?)')
        damaged.run('ses_2', reminder.bookedStart, 'req_2', 'soon')
        damaged.run('ses_3', 'at nine', 'req_3', FIXTURE_NOW)
        damaged.run('ses_5', 1.5, 'req_5', FIXTURE_NOW)
      },
    ],
  ])('carries over %s', (_case, plant: (db: Database.Database) => void) => {
    const { path, press, db, close } = cacheWithWaitingPress()
    plant(db)
    close()
    damageSchema(path)
    const { rebuilt, store, close: closeRebuilt } = reopenAndRefill(path)
    expect(rebuilt?.salvaged).toEqual({ rows: 5, unreadable: [] })
    expect(store.snoozesAwaitingTime()).toEqual([press])
    closeRebuilt()
  })

  it('finds nothing missing in a copy made before Snooze presses were kept', () => {
    const path = join(tempDir(), 'cache.db')
    usedCache(path)
    const db = new Database(path)
    db.exec('DROP TABLE snoozes_awaiting_time')
    db.close()
    damageSchema(path)
    const { rebuilt, store, close } = reopenAndRefill(path)
    expect(rebuilt?.salvaged).toEqual({ rows: 4, unreadable: [] })
    expect(store.reminderHandled(reminder)).toBe(true)
    close()
  })

  it('carries over the newest marks first when a table holds more than it takes (years of threads read)', () => {
    const path = join(tempDir(), 'cache.db')
    usedCache(path)
    const db = new Database(path)
    const insert = db.prepare('INSERT INTO message_state (message_id, read_at, notified_at) VALUES (?, ?, ?)')
    db.transaction(() => {
      // Read and notified long ago, each; the newest one sorts last by its id.
      for (let n = 0; n < 30_000; n++) insert.run(`msg_old_${String(n).padStart(5, '0')}`, n, n)
      insert.run('msg_zz_newest', null, FIXTURE_NOW)
    })()
    db.close()
    damageSchema(path)
    const { db: fresh, close } = reopenAndRefill(path)
    const kept = fresh.prepare(`SELECT notified_at FROM message_state WHERE message_id = ?`).pluck()
    expect(kept.get('msg_zz_newest')).toBe(FIXTURE_NOW)
    expect(kept.get('msg_1')).toBe(FIXTURE_NOW)
    close()
  })

  it('leaves out rows that are not marks the cache wrote, and keeps the rest', () => {
    const path = join(tempDir(), 'cache.db')
    usedCache(path)
    const db = new Database(path)
    db.prepare(
      `INSERT INTO shown_invites (id, request_id, at) VALUES ('inv_text_time', 'req_a', 'yesterday')`,
    ).run()
    db.prepare(`INSERT INTO shown_invites (id, request_id, at) VALUES (?, 'req_a', 1)`).run(
      'x'.repeat(10_000),
    )
    db.prepare(`INSERT INTO shown_invites (id, request_id, at) VALUES ('inv_long_request', ?, 1)`).run(
      'r'.repeat(10_000),
    )
    // As another program could write it: the table's own checks off.
    db.pragma('ignore_check_constraints = ON')
    db.prepare(`UPDATE reminders SET outcome = 'exploded'`).run()
    db.close()
    damageSchema(path)
    const { rebuilt, store, close } = reopenAndRefill(path)
    expect(rebuilt?.salvaged.unreadable).toEqual([])
    expect(store.shownInvites(['inv_text_time', 'inv_long_request', shown.id])).toEqual([shown.id])
    expect(store.reminderHandled(reminder)).toBe(false)
    close()
  })

  // Edited copies whose marks of invites are no rows the cache wrote: a view answering for every
  // invite the file held (the unseen one too), a time computed for each row read, as dear as the
  // copy likes. Taken, they would keep the expert from ever hearing of an invite never shown.
  it.each([
    {
      what: 'a view named like a table of marks',
      sql: `CREATE VIEW shown_invites AS SELECT id, '' AS request_id, 1 AS at FROM invites`,
      why: 'a view, not a table of marks',
    },
    {
      what: 'a table whose marks are computed, not written',
      sql: `CREATE TABLE shown_invites (id TEXT PRIMARY KEY, request_id TEXT NOT NULL DEFAULT '',
        at INTEGER AS (length(hex(zeroblob(1000)))));
        INSERT INTO shown_invites (id) VALUES ('inv_unseen')`,
      why: 'its column at is computed, not a mark',
    },
  ])('carries over no marks from $what', ({ sql, why }) => {
    const path = join(tempDir(), 'cache.db')
    usedCache(path)
    const db = new Database(path)
    db.exec(`DROP TABLE shown_invites; ${sql}`)
    db.close()
    damageSchema(path)
    const { rebuilt, store, close } = reopenAndRefill(path)
    expect(rebuilt?.salvaged.unreadable).toEqual([`shown_invites (${why})`])
    const unnotified = store.unnotifiedOpenInvites(FIXTURE_NOW).map((i) => i.id)
    expect(unnotified.sort()).toEqual([shown.id, unseen.id].sort())
    close()
  })

  it('carries over the marks of a copy made before marks named their request, each answering for any request', () => {
    const path = join(tempDir(), 'cache.db')
    usedCache(path)
    const db = new Database(path)
    // As migration 0004 made the table, before 0019 keyed it by request too.
    db.exec(`DROP TABLE shown_invites;
      CREATE TABLE shown_invites (id TEXT PRIMARY KEY, at INTEGER NOT NULL) WITHOUT ROWID;
      INSERT INTO shown_invites (id, at) VALUES ('inv_shown', ${FIXTURE_NOW});`)
    db.close()
    damageSchema(path)
    const { rebuilt, store, close } = reopenAndRefill(path)
    expect(rebuilt?.salvaged.unreadable).toEqual([])
    expect(store.unnotifiedOpenInvites(FIXTURE_NOW).map((i) => i.id)).toEqual([unseen.id])
    close()
  })

  it('carries over which request each shown invite was for: another request under its id is new', () => {
    const path = join(tempDir(), 'cache.db')
    usedCache(path)
    damageSchema(path)
    const opened = openCache({ path })
    const store = new SqliteCacheStore(opened.db, linesLogger())
    const other = anInvite({ id: shown.id, request: aRequest({ id: 'req_other', title: 'Another request' }) })
    store.applyEvents([inviteCreated(1, other)])
    expect(store.unnotifiedOpenInvites(FIXTURE_NOW)).toEqual([other])
    opened.close()
  })

  it('carries over the marks the file holds when a WAL of another database beside it hid them', () => {
    const dir = tempDir()
    const path = join(dir, 'cache.db')
    usedCache(path)
    putOtherDatabasesWal(dir, `${path}-wal`)
    const [file, wal] = [readFileSync(path), readFileSync(`${path}-wal`)]
    const { rebuilt, store, close } = reopenAndRefill(path)
    expect(rebuilt?.reason).toMatch(/another program's file/)
    expect(rebuilt?.salvaged).toEqual({ rows: 4, unreadable: [] })
    expect(store.unnotifiedOpenInvites(FIXTURE_NOW).map((i) => i.id)).toEqual([unseen.id])
    // The damaged copy and the WAL found beside it are kept as they were: the WAL never copied in.
    expect(readFileSync(rebuilt?.damagedCopy ?? '').equals(file)).toBe(true)
    expect(readFileSync(`${rebuilt?.damagedCopy ?? ''}-wal`).equals(wal)).toBe(true)
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([])
    close()
  })

  // One damaged byte of the header (https://sqlite.org/fileformat.html) has SQLite refuse the whole
  // file, though every page of marks is as written: read as it was, nothing was carried over.
  it.each([
    ['its file format read version', 19, 3],
    ['its file format write version', 18, 3],
    ['its schema format', 47, 5],
  ])('carries over the marks of a copy whose header gives a number SQLite refuses (%s)', (_, at, value) => {
    const path = join(tempDir(), 'cache.db')
    usedCache(path)
    const bytes = readFileSync(path)
    bytes[at] = value
    writeFileSync(path, bytes)
    const { rebuilt, store, close } = reopenAndRefill(path)
    expect(rebuilt?.salvaged).toEqual({ rows: 4, unreadable: [] })
    expect(store.unnotifiedOpenInvites(FIXTURE_NOW).map((i) => i.id)).toEqual([unseen.id])
    expect(readFileSync(rebuilt?.damagedCopy ?? '').equals(bytes)).toBe(true)
    close()
  })

  // What SQLite cannot open beside the file (a folder at its -wal, a link at its -shm) moves it
  // aside: the file alone still holds every mark a clean close copied into it.
  it.each([
    ['a folder at its -wal', (path: string) => mkdirSync(`${path}-wal`)],
    ['a link at its -shm', (path: string) => symlinkSync(`${path}.elsewhere`, `${path}-shm`)],
  ])('carries over the marks of a copy moved aside for %s', (_, put) => {
    if (process.platform === 'win32') return
    const path = join(tempDir(), 'cache.db')
    usedCache(path)
    put(path)
    const { rebuilt, store, close } = reopenAndRefill(path)
    expect(rebuilt?.salvaged).toEqual({ rows: 4, unreadable: [] })
    expect(store.unnotifiedOpenInvites(FIXTURE_NOW).map((i) => i.id)).toEqual([unseen.id])
    close()
  })

  it('says what it could not read when the damaged copy is no database at all, and still opens', () => {
    const path = join(tempDir(), 'cache.db')
    writeFileSync(path, 'not a database, only bytes where one should be. '.repeat(100))
    const { rebuilt, store, close } = reopenAndRefill(path)
    expect(rebuilt?.salvaged.rows).toBe(0)
    expect(rebuilt?.salvaged.unreadable.join()).toMatch(/^(the file|shown_invites) \(/)
    expect(store.unnotifiedOpenInvites(FIXTURE_NOW)).toHaveLength(2)
    close()
  })
})
