// One test per migration, in Signal Desktop's style: migrate to N-1, insert rows as they were
// then, migrate to N, compare. Then every earlier version is opened by the current code.
import type Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { openCache } from '../../../../src/main/db/open-cache'
import { cacheMigrations } from '../../../../src/main/db/migrations'
import { m0009StandingWarnings } from '../../../../src/main/db/migrations/0009-standing-warnings'
import { MOST_KEPT_RETRY_KEYS } from '../../../../src/main/db/repositories/retry-key-repository'
import { SqliteCacheStore } from '../../../../src/main/db/sqlite-cache-store'
import { migrate } from '../../../../src/shared/sqlite/migrate'
import { foldForSearch } from '../../../../src/shared/text-normalise'
import {
  anExpert,
  anInvite,
  aSnapshot,
  expertUpdated,
  aRequest,
  aScheduledRequest,
  aSession,
  endedSession,
  FIXTURE_NOW,
  inviteClosed,
  inviteCreated,
  liveSession,
  MINUTE,
} from '../../../support/fixtures'
import { cacheDatabaseAt, linesLogger, useTempDirs } from './cache-test-kit'

const tempDir = useTempDirs()
const options = { what: 'Standby cache', remedy: '' }

/** A raw connection to a new file migrated up to `version`. */
const databaseAt = (version: number) => cacheDatabaseAt(tempDir(), version)

const request = aRequest({ id: 'req_1' })
const invite = anInvite({ id: 'inv_1', request })
const session = aSession({ id: 'ses_1', request })
const { request: _ir, ...inviteRow } = invite
// A session as caches held it before money, reviews, chargebacks, changes ahead, notes and closing
// notes, and before rooms.
const {
  closingNote: _closing,
  privateNote: _note,
  freeCancellationUntil: _free,
  reschedule: _reschedule,
  rate: _rate,
  earnings: _earnings,
  review: _review,
  chargeback: _chargeback,
  ...sessionBeforeMoney
} = session
const { request: _sr, roomUrl: _room, ...sessionRow } = sessionBeforeMoney
/** The session as a cache holds it once migrated: no room and no money until the platform says. */
const migratedSession = { ...session, roomUrl: null, rate: null, earnings: null }

/**
 * Rows as a version-1 cache holds them (written by hand, as the code of that version did); a
 * later cache holds its session as `sessionJson`.
 */
function insertVersion1Rows(db: Database.Database, sessionJson: object = sessionRow): void {
  db.prepare(`INSERT INTO expert (slot, id, json) VALUES (1, 'exp_ada', '{"id":"exp_ada"}')`).run()
  db.prepare('UPDATE sync_state SET cursor = 7, last_synced_at = ?').run(FIXTURE_NOW)
  db.prepare('INSERT INTO requests (id, kind, created_at, json) VALUES (?, ?, ?, ?)').run(
    request.id,
    request.kind,
    request.createdAt,
    JSON.stringify(request),
  )
  db.prepare('INSERT INTO invites (id, request_id, state, sent_at, json) VALUES (?, ?, ?, ?, ?)').run(
    invite.id,
    request.id,
    invite.state,
    invite.sentAt,
    JSON.stringify(inviteRow),
  )
  db.prepare('INSERT INTO sessions (id, request_id, state, booked_start, json) VALUES (?, ?, ?, ?, ?)').run(
    session.id,
    request.id,
    session.state,
    session.bookedStart,
    JSON.stringify(sessionJson),
  )
}

/** The rows as a cache at `version` holds them: from 13 on, the invite knows when it closes. */
function insertRowsAt(db: Database.Database, version: number): void {
  insertVersion1Rows(db, sessionRowAt(version))
  if (version >= 13) db.prepare('UPDATE invites SET closes_at = ?').run(invite.expiresAt)
}

/** A session row of request `request` as an older cache wrote it: `row` is its JSON without the request. */
function insertSessionRow(
  db: Database.Database,
  row: { id: string; state: string; bookedStart: number | null },
): void {
  db.prepare('INSERT INTO sessions (id, request_id, state, booked_start, json) VALUES (?, ?, ?, ?, ?)').run(
    row.id,
    request.id,
    row.state,
    row.bookedStart,
    JSON.stringify(row),
  )
}

/** A session row whose JSON is damaged: a migration must keep it as it is. */
function insertDamagedSessionRow(db: Database.Database): void {
  db.prepare(
    `INSERT INTO sessions (id, request_id, state, booked_start, json) VALUES ('ses_bad', ?, 'ended', 0, '{oops')`,
  ).run(request.id)
}

/** The session as a version-7 cache holds it: a room, no money. */
const sessionRowWithRoom = { ...sessionRow, roomUrl: null }

/** The session's row as a cache at `version` holds it: a room from 7 on, money from 8, reviews from 9. */
function sessionRowAt(version: number): object {
  if (version >= 12) return { ...sessionRowAt(11), closingNote: null }
  if (version >= 11) return { ...sessionRowAt(10), privateNote: '' }
  if (version >= 10)
    return {
      ...sessionRowWithRoom,
      rate: null,
      earnings: null,
      review: null,
      chargeback: null,
      freeCancellationUntil: null,
      reschedule: null,
    }
  if (version >= 9)
    return { ...sessionRowWithRoom, rate: null, earnings: null, review: null, chargeback: null }
  if (version >= 8) return { ...sessionRowWithRoom, rate: null, earnings: null }
  return version >= 7 ? sessionRowWithRoom : sessionRow
}

const tables = (db: Database.Database): string[] =>
  db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).pluck().all() as string[]
const dump = (db: Database.Database, table: string): unknown[] =>
  db.prepare(`SELECT * FROM ${table} ORDER BY 1`).all()

/**
 * Migrate `db` up to `version`, check it got there, and check every table it had kept its rows
 * as they were, but the `rewritten` ones (a name, or a prefix ending in `*`) the case checks
 * itself. Returns the rows from before, for those.
 */
function migrateKeepingRows(
  db: Database.Database,
  version: number,
  rewritten: ReadonlyArray<string> = [],
): Record<string, unknown[]> {
  const before = Object.fromEntries(tables(db).map((t) => [t, dump(db, t)]))
  migrate(db, cacheMigrations, { ...options, upTo: version })
  expect(db.pragma('user_version', { simple: true })).toBe(version)
  const isRewritten = (table: string): boolean =>
    rewritten.some((name) => (name.endsWith('*') ? table.startsWith(name.slice(0, -1)) : table === name))
  for (const table of Object.keys(before))
    if (!isRewritten(table)) expect(dump(db, table), table).toEqual(before[table])
  return before
}

describe('cache migrations', () => {
  it('are numbered 1, 2, … in order', () => {
    expect(cacheMigrations.map((m) => m.version)).toEqual(cacheMigrations.map((_, i) => i + 1))
  })

  it('0001-initial creates the tables and a sync state at cursor 0', () => {
    const { db } = databaseAt(1)
    expect(tables(db)).toEqual([
      'attachments',
      'expert',
      'invites',
      'messages',
      'proposed_slots',
      'requests',
      'sessions',
      'sync_state',
    ])
    expect(dump(db, 'sync_state')).toEqual([{ slot: 1, cursor: 0, last_synced_at: null }])
    db.close()
  })

  it('0002-reminder-and-notification-state keeps every row and adds the new state, empty', () => {
    const { db } = databaseAt(1)
    insertVersion1Rows(db)
    const before = Object.fromEntries(tables(db).map((t) => [t, dump(db, t)]))
    migrate(db, cacheMigrations, { ...options, upTo: 2 })
    expect(db.pragma('user_version', { simple: true })).toBe(2)
    for (const table of Object.keys(before)) {
      const after = dump(db, table) as Array<Record<string, unknown>>
      const expected = (before[table] as Array<Record<string, unknown>>).map((row) =>
        table === 'invites' ? { ...row, notified_at: null } : row,
      )
      expect(after, table).toEqual(expected)
    }
    expect(tables(db)).toContain('reminders')
    expect(dump(db, 'reminders')).toEqual([])
    db.close()
  })

  it('0004-shown-invites keeps every row and remembers the invites already shown', () => {
    const { db } = databaseAt(3)
    insertVersion1Rows(db)
    db.prepare('UPDATE invites SET notified_at = 7').run()
    const before = migrateKeepingRows(db, 4)
    const shown = (before.invites as Array<{ id: string }>).map((row) => ({ id: row.id, at: 7 }))
    expect(shown.length).toBeGreaterThan(0)
    expect(dump(db, 'shown_invites')).toEqual(shown)
    db.close()
  })

  it('0003-stream-digest keeps every row and leaves the cursor digest unknown', () => {
    const { db } = databaseAt(2)
    insertVersion1Rows(db)
    const before = Object.fromEntries(tables(db).map((t) => [t, dump(db, t)]))
    migrate(db, cacheMigrations, { ...options, upTo: 3 })
    expect(db.pragma('user_version', { simple: true })).toBe(3)
    for (const table of Object.keys(before)) {
      const after = dump(db, table) as Array<Record<string, unknown>>
      const expected = (before[table] as Array<Record<string, unknown>>).map((row) =>
        table === 'sync_state' ? { ...row, cursor_digest: null } : row,
      )
      expect(after, table).toEqual(expected)
    }
    db.close()
  })

  it('0005-drop-request-children keeps every other row and drops the copies of each request', () => {
    const { db } = databaseAt(4)
    insertVersion1Rows(db)
    db.prepare('INSERT INTO proposed_slots (request_id, at) VALUES (?, ?)').run(request.id, FIXTURE_NOW)
    db.prepare(
      `INSERT INTO attachments (request_id, position, name, size_bytes, mime_type, url)
       VALUES (?, 0, 'a.png', 10, 'image/png', 'https://f.test/a.png')`,
    ).run(request.id)
    const before = Object.fromEntries(tables(db).map((t) => [t, dump(db, t)]))
    migrate(db, cacheMigrations, { ...options, upTo: 5 })
    expect(db.pragma('user_version', { simple: true })).toBe(5)
    expect(tables(db)).not.toContain('proposed_slots')
    expect(tables(db)).not.toContain('attachments')
    for (const table of tables(db)) expect(dump(db, table), table).toEqual(before[table])
    // Today's store (which wants the later steps too) still reads the requests whole.
    migrate(db, cacheMigrations, options)
    expect(new SqliteCacheStore(db, linesLogger()).openInvites(FIXTURE_NOW)).toEqual([invite])
    db.close()
  })

  it('0006-reminders-by-booked-time keys reminders by booked time and keeps those of cached sessions', () => {
    const { db } = databaseAt(5)
    insertVersion1Rows(db)
    const insert = db.prepare(
      'INSERT INTO reminders (session_id, minutes_before, outcome, at) VALUES (?, ?, ?, ?)',
    )
    insert.run('ses_1', 30, 'fired', 1)
    insert.run('ses_1', 10, 'skipped', 2)
    insert.run('ses_1', 0, 'fired', 3)
    insert.run('ses_gone', 30, 'fired', 4)
    migrateKeepingRows(db, 6, ['reminders'])
    expect(dump(db, 'reminder_snoozes')).toEqual([])
    const booked = session.bookedStart
    // Today's store wants the later steps too.
    migrate(db, cacheMigrations, options)
    expect(db.prepare('SELECT * FROM reminders ORDER BY at').all()).toEqual([
      { session_id: 'ses_1', booked_start: booked, alert: '30', outcome: 'fired', at: 1 },
      { session_id: 'ses_1', booked_start: booked, alert: '10', outcome: 'skipped', at: 2 },
      { session_id: 'ses_1', booked_start: booked, alert: 'starting_now', outcome: 'fired', at: 3 },
    ])
    // Today's store (which wants the later steps too).
    migrate(db, cacheMigrations, options)
    const store = new SqliteCacheStore(db, linesLogger())
    expect(store.reminderHandled({ sessionId: 'ses_1', bookedStart: booked, alert: '10' })).toBe(true)
    expect(store.reminderHandled({ sessionId: 'ses_1', bookedStart: booked + 1, alert: '10' })).toBe(false)
    db.close()
  })

  it('0007-session-rooms gives every cached session an explicit "no room yet", and keeps the rest', () => {
    const { db } = databaseAt(6)
    insertVersion1Rows(db)
    const { rate: _, earnings: __, ...withRoom } = aSession({ id: 'ses_2', request })
    const { request: _r, ...withRoomRow } = withRoom
    insertSessionRow(db, withRoomRow)
    insertDamagedSessionRow(db)
    const before = Object.fromEntries(tables(db).map((t) => [t, dump(db, t)]))
    migrate(db, cacheMigrations, { ...options, upTo: 7 })
    expect(db.pragma('user_version', { simple: true })).toBe(7)
    for (const table of tables(db))
      if (table !== 'sessions') expect(dump(db, table), table).toEqual(before[table])
    const rooms = db.prepare(
      "SELECT json_extract(json, '$.roomUrl') FROM sessions WHERE id != 'ses_bad' ORDER BY id",
    )
    expect(rooms.pluck().all()).toEqual([null, withRoom.roomUrl])
    migrate(db, cacheMigrations, options)
    const store = new SqliteCacheStore(db, linesLogger())
    expect(store.session('ses_1')).toStrictEqual(migratedSession)
    expect(store.session('ses_2')).toStrictEqual({ ...withRoom, rate: null, earnings: null })
    expect(dump(db, 'sessions').find((row) => (row as { id: string }).id === 'ses_bad')).toMatchObject({
      json: '{oops',
    })
    db.close()
  })

  it('0008-session-money gives cached sessions and the expert explicit "no money yet", and keeps the rest', () => {
    const { db } = databaseAt(7)
    insertVersion1Rows(db, sessionRowWithRoom)
    const { earnings: _e, ...expertBefore } = anExpert().stats
    const { rate: _r, stats: _s, ...expertRest } = anExpert()
    db.prepare('UPDATE expert SET json = ?').run(JSON.stringify({ ...expertRest, stats: expertBefore }))
    const paid = aSession({
      id: 'ses_2',
      request,
      state: 'ended',
      earnings: { amountMinor: 5_000, currency: 'USD' },
    })
    const { request: _pr, ...paidRow } = paid
    insertSessionRow(db, paidRow)
    insertDamagedSessionRow(db)
    const before = Object.fromEntries(tables(db).map((t) => [t, dump(db, t)]))
    migrate(db, cacheMigrations, { ...options, upTo: 8 })
    for (const table of tables(db))
      if (table !== 'sessions' && table !== 'expert') expect(dump(db, table), table).toEqual(before[table])
    // Today's store wants the later tables too.
    migrate(db, cacheMigrations, options)
    const store = new SqliteCacheStore(db, linesLogger())
    expect(store.session('ses_1')).toStrictEqual(migratedSession)
    expect(store.session('ses_2')).toStrictEqual(paid)
    expect(store.expert()).toStrictEqual(anExpert({ rate: null, stats: { ...expertBefore, earnings: null } }))
    expect(dump(db, 'sessions').find((row) => (row as { id: string }).id === 'ses_bad')).toMatchObject({
      json: '{oops',
    })
    db.close()
  })

  it('0009-standing-warnings gives every cached session an explicit "no review, no chargeback" and starts with no warning given', () => {
    const version = m0009StandingWarnings.version
    const { db } = databaseAt(version - 1)
    insertVersion1Rows(db, { ...sessionRowWithRoom, rate: null, earnings: null })
    const { reviews: _reviews, ...olderStats } = anExpert().stats
    db.prepare('UPDATE expert SET json = ?').run(JSON.stringify({ ...anExpert(), stats: olderStats }))
    insertDamagedSessionRow(db)
    migrateKeepingRows(db, version, ['sessions', 'expert'])
    expect(dump(db, 'standing_warnings')).toEqual([])
    migrate(db, cacheMigrations, options)
    const store = new SqliteCacheStore(db, linesLogger())
    expect(store.session('ses_1')).toStrictEqual(migratedSession)
    expect(store.chargedBackSessions()).toEqual([])
    expect(store.expert()?.stats).toStrictEqual({ ...olderStats, reviews: null })
    expect(dump(db, 'sessions').find((row) => (row as { id: string }).id === 'ses_bad')).toMatchObject({
      json: '{oops',
    })
    store.markStandingWarned(['low_average'], FIXTURE_NOW)
    expect(store.standingWarned(['low_average', 'chargeback:ses_1'])).toEqual(['low_average'])
    db.close()
  })

  it('0010-session-changes-ahead gives every cached session explicit "not said" for its free period and proposal', () => {
    const { db } = databaseAt(9)
    insertVersion1Rows(db, sessionRowAt(9))
    const {
      request: _r,
      freeCancellationUntil: _f,
      reschedule: _p,
      ...olderRow
    } = aSession({
      id: 'ses_2',
      request,
    })
    insertSessionRow(db, olderRow)
    const until = FIXTURE_NOW - 60_000
    db.prepare(
      `UPDATE sessions SET json = json_set(json, '$.freeCancellationUntil', ?) WHERE id = 'ses_1'`,
    ).run(until)
    migrate(db, cacheMigrations, { ...options, upTo: 10 })
    expect(db.pragma('user_version', { simple: true })).toBe(10)
    migrate(db, cacheMigrations, options)
    const store = new SqliteCacheStore(db, linesLogger())
    expect(store.session('ses_2')).toMatchObject({ freeCancellationUntil: null, reschedule: null })
    expect(store.session('ses_1')).toMatchObject({ freeCancellationUntil: until, reschedule: null })
    db.close()
  })

  it('0011-history-filters files every cached session under its kind, outcome, client and words, and says it has no note', () => {
    const version = cacheMigrations.findIndex((m) => m.name === '0011-history-filters') + 1
    const { db } = databaseAt(version - 1)
    insertVersion1Rows(db, sessionRowAt(version - 1))
    const past = endedSession(liveSession(aSession({ id: 'ses_2', request }), FIXTURE_NOW), FIXTURE_NOW + 1)
    // As caches held sessions before notes: no privateNote in the JSON.
    const { request: _r, privateNote: _n, ...pastRow } = past
    insertSessionRow(db, pastRow)
    insertDamagedSessionRow(db)
    const before = Object.fromEntries(tables(db).map((t) => [t, dump(db, t)]))
    migrate(db, cacheMigrations, { ...options, upTo: version })
    for (const table of tables(db))
      if (table !== 'sessions' && !table.startsWith('session_search'))
        expect(dump(db, table), table).toEqual(before[table])
    expect(db.prepare('SELECT id, kind, outcome, client_id FROM sessions ORDER BY id').all()).toEqual([
      { id: 'ses_1', kind: 'instant', outcome: 'booked', client_id: 'cli_0' },
      { id: 'ses_2', kind: 'instant', outcome: 'charged', client_id: 'cli_0' },
      { id: 'ses_bad', kind: null, outcome: null, client_id: null },
    ])
    migrate(db, cacheMigrations, options)
    const store = new SqliteCacheStore(db, linesLogger())
    expect(store.session('ses_2')).toStrictEqual(past)
    expect(store.sessionHistory(10, undefined, { query: 'keystroke sam' }).map((s) => s.id)).toEqual([
      'ses_2',
    ])
    expect(store.sessionHistory(10, undefined, { outcome: 'charged', clientId: 'cli_0' })).toStrictEqual([
      past,
    ])
    expect(dump(db, 'sessions').find((row) => (row as { id: string }).id === 'ses_bad')).toMatchObject({
      json: '{oops',
    })
    // The delete trigger: a session that leaves the cache takes its words along.
    db.prepare(`DELETE FROM sessions WHERE id = 'ses_2'`).run()
    expect(db.prepare('SELECT COUNT(*) FROM session_search').pluck().get()).toBe(1)
    db.close()
  })

  it('0012-message-state marks which cached messages the client wrote, with nothing read or shown yet', () => {
    const { db } = databaseAt(11)
    insertVersion1Rows(db, sessionRowAt(11))
    const insert = db.prepare('INSERT INTO messages (id, request_id, sent_at, json) VALUES (?, ?, ?, ?)')
    const message = (id: string, from: 'client' | 'expert', at: number) =>
      insert.run(
        id,
        request.id,
        at,
        JSON.stringify({ id, requestId: request.id, expertId: 'exp_ada', from, body: id, sentAt: at }),
      )
    message('msg_1', 'expert', 1)
    message('msg_2', 'client', 2)
    message('msg_3', 'client', 3)
    insert.run('msg_bad', request.id, 4, '{oops')
    migrateKeepingRows(db, 12, ['messages', 'sessions'])
    expect(dump(db, 'message_state')).toEqual([])
    expect(db.prepare('SELECT id, from_client FROM messages ORDER BY id').all()).toEqual([
      { id: 'msg_1', from_client: 0 },
      { id: 'msg_2', from_client: 1 },
      { id: 'msg_3', from_client: 1 },
      { id: 'msg_bad', from_client: 0 },
    ])
    const store = new SqliteCacheStore(db, linesLogger())
    expect(store.session('ses_1')).toStrictEqual(migratedSession)
    // The invite is open: its client's two messages are unread. The count reads the invite's
    // closing time, which a later migration adds.
    migrate(db, cacheMigrations, options)
    expect(store.unreadThreads(FIXTURE_NOW)).toEqual([{ requestId: request.id, count: 2 }])
    db.close()
  })

  it('0013-invite-closes-at gives every cached invite the time it stops being takeable, a scheduled one its last proposed time if sooner', () => {
    const { db } = databaseAt(12)
    insertVersion1Rows(db, sessionRowAt(12))
    // Proposed at a quarter past and half past; the invite itself would stay open for an hour.
    const scheduled = aScheduledRequest('req_2', FIXTURE_NOW + 15 * MINUTE, {
      proposedTimes: [FIXTURE_NOW + 15 * MINUTE, FIXTURE_NOW + 30 * MINUTE],
    })
    const later = anInvite({ id: 'inv_2', request: scheduled, expiresAt: FIXTURE_NOW + 60 * MINUTE })
    db.prepare('INSERT INTO requests (id, kind, created_at, json) VALUES (?, ?, ?, ?)').run(
      scheduled.id,
      scheduled.kind,
      scheduled.createdAt,
      JSON.stringify(scheduled),
    )
    const insertInvite = db.prepare(
      'INSERT INTO invites (id, request_id, state, sent_at, json) VALUES (?, ?, ?, ?, ?)',
    )
    const { request: _later, ...laterRow } = later
    insertInvite.run(later.id, scheduled.id, 'open', later.sentAt, JSON.stringify(laterRow))
    insertInvite.run('inv_bad', scheduled.id, 'open', later.sentAt, '{oops')
    migrateKeepingRows(db, 13, ['invites'])
    expect(db.prepare('SELECT id, closes_at FROM invites ORDER BY id').all()).toEqual([
      { id: 'inv_1', closes_at: invite.expiresAt },
      { id: 'inv_2', closes_at: FIXTURE_NOW + 30 * MINUTE },
      { id: 'inv_bad', closes_at: null },
    ])
    const store = new SqliteCacheStore(db, linesLogger())
    expect(store.openInvites(FIXTURE_NOW + 29 * MINUTE).map((i) => i.id)).toEqual(['inv_2'])
    expect(store.openInvites(FIXTURE_NOW + 30 * MINUTE)).toEqual([])
    db.close()
  })

  it('0014-clock-offset keeps no offset at first, then one for the next start, forgotten with the rest', () => {
    const { db } = databaseAt(13)
    insertRowsAt(db, 13)
    migrateKeepingRows(db, 14, ['sync_state'])
    expect(db.prepare('SELECT cursor, clock_offset_ms, clock_measured_at FROM sync_state').all()).toEqual([
      { cursor: 7, clock_offset_ms: null, clock_measured_at: null },
    ])
    // The store is today's code: it writes the columns of every later migration too.
    migrate(db, cacheMigrations, options)
    const store = new SqliteCacheStore(db, linesLogger())
    expect(store.clockOffset()).toBeNull()
    store.keepClockOffset({ offsetMs: -2 * 60 * MINUTE, measuredAt: FIXTURE_NOW })
    expect(store.clockOffset()).toEqual({ offsetMs: -2 * 60 * MINUTE, measuredAt: FIXTURE_NOW, pace: null })
    store.clear()
    expect(store.clockOffset()).toBeNull()
    db.close()
  })

  it('0015-cache-platform knows no platform at first, then the one recorded, forgotten with the rest', () => {
    const { db } = databaseAt(14)
    insertRowsAt(db, 14)
    db.prepare('UPDATE sync_state SET clock_offset_ms = 5, clock_measured_at = ?').run(FIXTURE_NOW)
    const before = migrateKeepingRows(db, 15, ['sync_state'])
    expect(dump(db, 'sync_state')).toEqual([{ ...(before.sync_state as object[])[0], platform_url: null }])
    // The store is today's code: it writes the tables of every later migration too.
    migrate(db, cacheMigrations, options)
    const store = new SqliteCacheStore(db, linesLogger())
    expect(store.filledFrom()).toBeNull()
    store.keepFilledFrom('https://a.example')
    expect(store.filledFrom()).toBe('https://a.example')
    // A damaged or edited file may hold anything there: not an address reads as not known.
    db.prepare(`UPDATE sync_state SET platform_url = x'00ff'`).run()
    expect(store.filledFrom()).toBeNull()
    db.prepare(`UPDATE sync_state SET platform_url = ''`).run()
    expect(store.filledFrom()).toBeNull()
    store.keepFilledFrom('https://a.example')
    store.clear()
    expect(store.filledFrom()).toBeNull()
    db.close()
  })

  it('0016-search-folding folds the text indexed before, so ＡＢＣ, ﬁle and Straße are found by abc, file and strasse', () => {
    const { db } = databaseAt(15)
    insertRowsAt(db, 15)
    const insertRequest = db.prepare('INSERT INTO requests (id, kind, created_at, json) VALUES (?, ?, ?, ?)')
    const insertSession = db.prepare(
      `INSERT INTO sessions (id, request_id, state, booked_start, json, kind, outcome, client_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING rowid`,
    )
    const insertText = db.prepare('INSERT INTO session_search (rowid, body) VALUES (?, ?)')
    /** A past session as version 15 wrote it: its searched fields indexed as written. */
    const pastAsWritten = (id: string, title: string, minutes: number): void => {
      const asked = aRequest({ id: `req_${id}`, title })
      const start = FIXTURE_NOW - minutes * MINUTE
      const live = liveSession(aSession({ id, request: asked, bookedStart: start }), start)
      const { request: _r, ...row } = endedSession(live, FIXTURE_NOW)
      insertRequest.run(asked.id, asked.kind, asked.createdAt, JSON.stringify(asked))
      const { rowid } = insertSession.get(
        id,
        asked.id,
        'ended',
        row.bookedStart,
        JSON.stringify(row),
        row.kind,
        'charged',
        row.client.id,
      ) as { rowid: number }
      insertText.run(rowid, [title, row.client.name, row.privateNote, ''].join('\n'))
    }
    pastAsWritten('ses_wide', 'ＡＢＣ invoice', 10)
    pastAsWritten('ses_lig', 'ﬁle upload', 20)
    pastAsWritten('ses_sharp', 'Straße lookup ❤️', 30)
    pastAsWritten('ses_ascii', 'Plain title', 40)
    // Text of no session (an edit), more rows than one read takes, and text that is not text.
    db.transaction(() => {
      for (let n = 0; n < 600; n++) insertText.run(10_000 + n, `ＤＮＳ ${n}`)
    })()
    insertText.run(-5, 'Ｎｅｇａｔｉｖｅ')
    insertText.run(99_999, null)
    const search = (query: string) =>
      new SqliteCacheStore(db, linesLogger()).sessionHistory(10, undefined, { query }).map((s) => s.id)
    expect(search('strasse')).toEqual([])
    const text = () => db.prepare('SELECT rowid, body FROM session_search ORDER BY rowid').all()
    const textBefore = text() as Array<{ rowid: number; body: string | null }>
    migrateKeepingRows(db, 16, ['session_search*'])
    expect(text()).toEqual(
      textBefore.map(({ rowid, body }) => ({ rowid, body: body === null ? null : foldForSearch(body) })),
    )
    expect(search('abc')).toEqual(['ses_wide'])
    expect(search('file')).toEqual(['ses_lig'])
    expect(search('strasse ❤')).toEqual(['ses_sharp'])
    expect(search('plain')).toEqual(['ses_ascii'])
    expect(
      db.prepare(`SELECT rowid FROM session_search WHERE session_search MATCH '"dns"*'`).all(),
    ).toHaveLength(600)
    expect(
      db.prepare(`SELECT rowid FROM session_search WHERE session_search MATCH 'negative'`).pluck().all(),
    ).toEqual([-5])
    db.close()
  })

  it('0017-retry-keys keeps every row, then a retry key per platform and expert, bounded, forgotten with the rest', () => {
    const { db } = databaseAt(16)
    insertRowsAt(db, 16)
    migrateKeepingRows(db, 17)
    // The store is today's code: it writes the columns of every later migration too.
    migrate(db, cacheMigrations, options)
    const store = new SqliteCacheStore(db, linesLogger())
    const mine = '["https://a.example","exp_1"]'
    expect(store.retryKey(mine, 'message.send {"body":"hi"}')).toBeNull()
    store.keepRetryKey(mine, 'message.send {"body":"hi"}', 'key-1', FIXTURE_NOW)
    store.keepRetryKey(mine, 'message.send {"body":"hi"}', 'key-2', FIXTURE_NOW + 1)
    expect(store.retryKey(mine, 'message.send {"body":"hi"}')).toBe('key-2')
    expect(store.retryKey('["https://a.example","exp_2"]', 'message.send {"body":"hi"}')).toBeNull()
    store.forgetRetryKey(mine, 'message.send {"body":"hi"}')
    expect(store.retryKey(mine, 'message.send {"body":"hi"}')).toBeNull()
    for (let n = 0; n <= MOST_KEPT_RETRY_KEYS; n++)
      store.keepRetryKey(mine, `c${n}`, `k${n}`, FIXTURE_NOW + n)
    expect(store.retryKey(mine, 'c0')).toBeNull()
    expect(store.retryKey(mine, 'c1')).toBe('k1')
    expect(store.retryKey(mine, `c${MOST_KEPT_RETRY_KEYS}`)).toBe(`k${MOST_KEPT_RETRY_KEYS}`)
    store.clear()
    expect(store.retryKey(mine, 'c1')).toBeNull()
    db.close()
  })

  it('0018-parts-through keeps every row, then how far a snapshot in parts ran, until the cursor passes it, forgotten with the rest', () => {
    const { db } = databaseAt(17)
    insertRowsAt(db, 17)
    const before = migrateKeepingRows(db, 18, ['sync_state'])
    expect(dump(db, 'sync_state')).toEqual(
      before.sync_state?.map((row) => ({ ...(row as object), parts_through: null })),
    )
    // The store is today's code: it writes the columns of every later migration too.
    migrate(db, cacheMigrations, options)
    const store = new SqliteCacheStore(db, linesLogger())
    expect(store.partsThrough()).toBe(0)
    const expert = anExpert()
    store.applySnapshot(aSnapshot({ expert, cursor: 10 }), 13)
    expect(store.partsThrough()).toBe(13)
    store.applyEvents([expertUpdated(11, expert), expertUpdated(12, expert)])
    expect(store.partsThrough()).toBe(13)
    store.applyEvents([expertUpdated(13, expert)])
    expect(store.partsThrough()).toBe(0)
    // A snapshot taken at one moment has no parts ahead of it; another in parts, until sign-out.
    store.applySnapshot(aSnapshot({ expert, cursor: 20 }), 25)
    store.applySnapshot(aSnapshot({ expert, cursor: 20 }))
    expect(store.partsThrough()).toBe(0)
    store.applySnapshot(aSnapshot({ expert, cursor: 20 }), 25)
    store.clear()
    expect(store.partsThrough()).toBe(0)
    // Another expert's snapshot brings its own.
    store.applySnapshot(aSnapshot({ expert, cursor: 20 }), 25)
    store.applySnapshot(aSnapshot({ expert: anExpert({ id: 'exp_other' }), cursor: 3 }))
    expect(store.partsThrough()).toBe(0)
    // What a damaged or edited file holds there is read as none.
    db.prepare("UPDATE sync_state SET parts_through = 'many'").run()
    expect(store.partsThrough()).toBe(0)
    db.close()
  })

  it('0019-shown-invites-by-request names the request of each mark its invite still holds, none for the others, and then shows another request under a shown id', () => {
    const { db } = databaseAt(18)
    insertRowsAt(db, 18)
    const mark = db.prepare('INSERT INTO shown_invites (id, at) VALUES (?, ?)')
    mark.run(invite.id, 5)
    mark.run('inv_gone', 6)
    migrateKeepingRows(db, 19, ['shown_invites'])
    expect(dump(db, 'shown_invites')).toEqual([
      { id: invite.id, request_id: request.id, at: 5 },
      { id: 'inv_gone', request_id: '', at: 6 },
    ])
    const store = new SqliteCacheStore(db, linesLogger())
    // The cached invite stays shown; a mark of no known request answers for any, as it did.
    expect(store.unnotifiedOpenInvites(FIXTURE_NOW)).toEqual([])
    const again = anInvite({ id: 'inv_gone', request: aRequest({ id: 'req_2' }) })
    store.applyEvents([inviteCreated(8, again)])
    expect(store.unnotifiedOpenInvites(FIXTURE_NOW)).toEqual([])
    // A mark made from here on names its request: another request's invite under its id is new.
    store.applyEvents([inviteClosed(9, invite.id, 'taken')])
    db.prepare('DELETE FROM invites WHERE id = ?').run(invite.id)
    const other = anInvite({ id: invite.id, request: aRequest({ id: 'req_3' }) })
    store.applyEvents([inviteCreated(10, other)])
    expect(store.unnotifiedOpenInvites(FIXTURE_NOW)).toEqual([other])
    db.close()
  })

  it('0020-reminders-follow-request keeps every row, then forgets the reminders and snooze of a session moved to another request, not of one that stays', () => {
    const { db } = databaseAt(19)
    insertRowsAt(db, 19)
    const mark = db.prepare(
      "INSERT INTO reminders (session_id, booked_start, alert, outcome, at) VALUES (?, ?, '30', 'fired', 1)",
    )
    mark.run(session.id, session.bookedStart)
    db.prepare('INSERT INTO reminder_snoozes (session_id, booked_start, at) VALUES (?, ?, ?)').run(
      session.id,
      session.bookedStart,
      session.bookedStart - 60_000,
    )
    migrateKeepingRows(db, 20, ['reminders', 'reminder_snoozes'])
    // The store runs on the newest schema only: the later migrations add tables it writes.
    migrate(db, cacheMigrations, options)
    const store = new SqliteCacheStore(db, linesLogger())
    const key = { sessionId: session.id, bookedStart: session.bookedStart, alert: '30' }
    const snapshotWith = (s: typeof session, cursor: number) =>
      aSnapshot({ expert: anExpert({ id: 'exp_ada' }), sessions: [s], cursor })
    // Rebuilt with the same session for the same request: what fired stays fired.
    store.applySnapshot(snapshotWith(store.session(session.id) ?? session, 8))
    expect(store.reminderHandled(key)).toBe(true)
    expect(store.snoozedReminders()).toHaveLength(1)
    // Its id now for another request (a platform restored from a backup): another session.
    const other = { ...session, request: aRequest({ id: 'req_other', kind: session.kind }) }
    store.applySnapshot(snapshotWith(other, 9))
    expect(store.session(session.id)?.request.id).toBe('req_other')
    expect(store.reminderHandled(key)).toBe(false)
    expect(store.snoozedReminders()).toEqual([])
    db.close()
  })

  for (let from = 0; from < cacheMigrations.length; from++) {
    it(`opens a version-${from} cache with the current code and keeps its data`, () => {
      const { db, path } = databaseAt(from)
      if (from >= 1) insertRowsAt(db, from)
      db.close()
      const opened = openCache({ path })
      expect(opened.rebuilt).toBeNull()
      expect(opened.db.pragma('user_version', { simple: true })).toBe(cacheMigrations.length)
      const store = new SqliteCacheStore(opened.db, linesLogger())
      if (from >= 1) {
        expect(store.cursor()).toBe(7)
        expect(store.cursorDigest()).toBeNull()
        expect(store.lastSyncedAt()).toBe(FIXTURE_NOW)
        expect(store.openInvites(FIXTURE_NOW)).toEqual([invite])
        expect(store.unnotifiedOpenInvites(FIXTURE_NOW)).toEqual([invite])
        expect(store.session('ses_1')).toStrictEqual(migratedSession)
      } else {
        expect(store.cursor()).toBe(0)
      }
      const key = { sessionId: 'ses_1', bookedStart: session.bookedStart, alert: '30' }
      store.markReminder(key, 'fired', FIXTURE_NOW)
      expect(store.reminderHandled(key)).toBe(true)
      opened.db.close()
    })
  }
})
