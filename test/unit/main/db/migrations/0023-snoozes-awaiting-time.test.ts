// The test of migration 0023: migrate to 22, insert rows as version 22 wrote them, migrate to 23, compare.
import type Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { cacheMigrations } from '../../../../../src/main/db/migrations'
import { SqliteCacheStore } from '../../../../../src/main/db/sqlite-cache-store'
import { migrate } from '../../../../../src/shared/sqlite/migrate'
import { aRequest, FIXTURE_NOW, MINUTE } from '../../../../support/fixtures'
import { cacheDatabaseAt, linesLogger, useTempDirs } from '../cache-test-kit'
import { insertPastSession } from './past-session'

const tempDir = useTempDirs()
const T = FIXTURE_NOW + 60 * MINUTE

const rows = (db: Database.Database, table: string): unknown[] =>
  db.prepare(`SELECT * FROM ${table} ORDER BY 1`).all()

describe('0023-snoozes-awaiting-time', () => {
  it('keeps every snooze and reminder mark, and keeps a Snooze press waiting for the time until it is answered', () => {
    const { db } = cacheDatabaseAt(tempDir(), 22)
    insertPastSession(db, 'ses_1', aRequest({ id: 'req_1' }))
    db.prepare(
      `INSERT INTO reminders (session_id, booked_start, alert, outcome, at) VALUES ('ses_1', ?, '30', 'fired', ?)`,
    ).run(T, T - 30 * MINUTE)
    db.prepare(`INSERT INTO reminder_snoozes (session_id, booked_start, at) VALUES ('ses_1', ?, ?)`).run(
      T,
      T - 25 * MINUTE,
    )
    const before = { reminders: rows(db, 'reminders'), snoozes: rows(db, 'reminder_snoozes') }

    migrate(db, cacheMigrations, { what: 'Standby cache', remedy: '', upTo: 23 })

    expect({ reminders: rows(db, 'reminders'), snoozes: rows(db, 'reminder_snoozes') }).toEqual(before)
    const store = new SqliteCacheStore(db, linesLogger())
    expect(store.snoozesAwaitingTime()).toEqual([])
    const press = { sessionId: 'ses_1', bookedStart: T, requestId: 'req_1', at: T - 30 * MINUTE }
    store.keepSnoozeAwaitingTime(press)
    // Pressed again: one press per session, the latest.
    store.keepSnoozeAwaitingTime({ ...press, at: press.at + 9 })
    store.keepSnoozeAwaitingTime({ ...press, sessionId: 'ses_gone', at: press.at + 8 })
    expect(store.snoozesAwaitingTime()).toEqual([
      { ...press, sessionId: 'ses_gone', at: press.at + 8 },
      { ...press, at: press.at + 9 },
    ])
    store.dropSnoozeAwaitingTime('ses_1')
    expect(store.snoozesAwaitingTime().map((s) => s.sessionId)).toEqual(['ses_gone'])
    db.close()
  })
})
