import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { migrate, type Migration } from '../../../src/shared/sqlite/migrate'
import { platformMigrations } from '../../../server/src/db/migrations'
import { m0008ReviewsAndChargebacks } from '../../../server/src/db/migrations/0008-reviews-and-chargebacks'
import { openPlatformDatabase } from '../../../server/src/db/open-database'
import { EventLog } from '../../../server/src/event-log'
import { ManualClock } from '../../../src/shared/clock'

const dirs: string[] = []
function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'standby-migrate-'))
  dirs.push(dir)
  return join(dir, 'nested', 'platform.db')
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

describe('platform migrations', () => {
  it('creates and migrates a fresh file, and reopening it changes nothing', () => {
    const path = tempDb()
    const db = openPlatformDatabase(path)
    expect(db.pragma('user_version', { simple: true })).toBe(platformMigrations.length)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    db.prepare(`INSERT INTO clients (id, name, time_zone) VALUES ('c', 'C', 'UTC')`).run()
    db.close()
    const again = openPlatformDatabase(path)
    expect(again.prepare('SELECT COUNT(*) AS n FROM clients').get()).toEqual({ n: 1 })
    again.close()
  })

  it('0003-stream-identity chains the events already stored, from an epoch of this database', () => {
    const db = new Database(':memory:')
    migrate(db, platformMigrations, { what: 'test database', remedy: '', upTo: 2 })
    const insert = db.prepare('INSERT INTO events (expert_id, id, type, at, payload) VALUES (?, ?, ?, 0, ?)')
    for (const [expert, id] of [
      ['a', 1],
      ['a', 2],
      ['b', 1],
    ] as const)
      insert.run(expert, id, 'expert.updated', JSON.stringify({ id, type: 'expert.updated', at: 0 }))
    migrate(db, platformMigrations, { what: 'test database', remedy: '' })
    const rows = db.prepare('SELECT expert_id, id, digest, payload FROM events ORDER BY seq').all() as Array<{
      digest: string
      payload: string
    }>
    expect(rows.map((r) => r.digest)).toEqual([expect.any(String), expect.any(String), expect.any(String)])
    // Each expert's chain moves with every event.
    expect(rows[0]!.digest).not.toBe(rows[1]!.digest)
    // The wire form carries the digest, so a replay sends it as stored.
    expect(rows.map((r) => (JSON.parse(r.payload) as { digest: string }).digest)).toEqual(
      rows.map((r) => r.digest),
    )
    expect(db.prepare('SELECT stream_epoch FROM platform_meta').pluck().get()).toMatch(/^[0-9a-f]{32}$/)
  })

  it('0004-availability-cause takes every stored availability as the expert’s own choice', () => {
    const db = new Database(':memory:')
    migrate(db, platformMigrations, { what: 'test database', remedy: '', upTo: 3 })
    db.prepare(
      `INSERT INTO experts (id, name, email, password_hash, time_zone, availability, tags)
         VALUES ('e', 'E', 'e@x.test', 'h', 'UTC', 'busy', '[]')`,
    ).run()
    migrate(db, platformMigrations, { what: 'test database', remedy: '' })
    expect(
      db.prepare('SELECT availability, availability_cause, resume_availability FROM experts').get(),
    ).toEqual({ availability: 'busy', availability_cause: 'chosen', resume_availability: null })
  })

  it('0005-session-room-keys gives every stored session a room key of its own', () => {
    const db = new Database(':memory:')
    migrate(db, platformMigrations, { what: 'test database', remedy: '', upTo: 4 })
    // Rows as a version-4 platform holds them, without the accounts they point to.
    db.pragma('foreign_keys = OFF')
    const insert = db.prepare(
      `INSERT INTO sessions (id, request_id, expert_id, client_id, kind, booked_start, state, phase, updated_at)
       VALUES (?, ?, 'e', 'c', 'instant', 0, 'ended', 'context', 0)`,
    )
    insert.run('ses_a', 'req_a')
    insert.run('ses_b', 'req_b')
    migrate(db, platformMigrations, { what: 'test database', remedy: '' })
    const keys = db.prepare('SELECT room_key FROM sessions ORDER BY id').pluck().all() as string[]
    expect(keys).toEqual([expect.stringMatching(/^[0-9a-f]{32}$/), expect.stringMatching(/^[0-9a-f]{32}$/)])
    expect(keys[0]).not.toBe(keys[1])
  })

  it('0006-decline-reason keeps stored invites without a reason and accepts only the known reasons', () => {
    const db = new Database(':memory:')
    migrate(db, platformMigrations, { what: 'test database', remedy: '', upTo: 5 })
    db.pragma('foreign_keys = OFF')
    db.prepare(
      `INSERT INTO invites (id, request_id, expert_id, reason, sent_at, expires_at, state, answered_at)
       VALUES ('inv_a', 'req_a', 'e', 'matched', 0, 1, 'declined', 1)`,
    ).run()
    migrate(db, platformMigrations, { what: 'test database', remedy: '' })
    expect(db.prepare('SELECT decline_reason FROM invites').pluck().get()).toBeNull()
    db.prepare(`UPDATE invites SET decline_reason = 'no_time'`).run()
    expect(() => db.prepare(`UPDATE invites SET decline_reason = 'bored'`).run()).toThrow(/CHECK constraint/)
  })

  it('0011-closing-note keeps every stored session, each without a closing note', () => {
    const db = new Database(':memory:')
    migrate(db, platformMigrations, { what: 'test database', remedy: '', upTo: 10 })
    db.pragma('foreign_keys = OFF')
    db.prepare(
      `INSERT INTO sessions (id, request_id, expert_id, client_id, kind, booked_start, state, phase, updated_at, room_key)
       VALUES ('ses_a', 'req_a', 'e', 'c', 'instant', 0, 'ended', 'context', 0, 'k')`,
    ).run()
    migrate(db, platformMigrations, { what: 'test database', remedy: '' })
    expect(db.prepare('SELECT id, state, closing_note FROM sessions').all()).toEqual([
      { id: 'ses_a', state: 'ended', closing_note: null },
    ])
  })

  it('0012-expert-lookups keeps every stored event and invite found by its expert, and the stream going on from there', () => {
    const db = new Database(':memory:')
    migrate(db, platformMigrations, { what: 'test database', remedy: '', upTo: 11 })
    db.pragma('foreign_keys = OFF')
    const event = db.prepare(
      `INSERT INTO events (expert_id, id, type, at, payload, digest) VALUES (?, ?, 'expert.updated', 0, ?, ?)`,
    )
    for (const [expert, id] of [
      ['a', 1],
      ['b', 1],
      ['a', 2],
    ] as const)
      event.run(
        expert,
        id,
        JSON.stringify({ id, type: 'expert.updated', at: 0, digest: `d${expert}${id}` }),
        `d${expert}${id}`,
      )
    const invite = db.prepare(
      `INSERT INTO invites (id, request_id, expert_id, reason, sent_at, expires_at, state)
       VALUES (?, ?, 'a', 'matched', ?, 9, ?)`,
    )
    invite.run('inv_open', 'req_2', 2, 'open')
    invite.run('inv_declined', 'req_1', 1, 'declined')
    migrate(db, platformMigrations, { what: 'test database', remedy: '', upTo: 12 })
    expect(
      db.prepare(`SELECT invite_id, state FROM expert_invites WHERE expert_id = 'a' ORDER BY sent_at`).all(),
    ).toEqual([
      { invite_id: 'inv_declined', state: 'declined' },
      { invite_id: 'inv_open', state: 'open' },
    ])
    // The lookup follows an invite's state from now on.
    db.prepare(`UPDATE invites SET state = 'expired' WHERE id = 'inv_open'`).run()
    expect(db.prepare(`SELECT state FROM expert_invites WHERE invite_id = 'inv_open'`).pluck().get()).toBe(
      'expired',
    )

    migrate(db, platformMigrations, { what: 'test database', remedy: '' })
    const log = new EventLog(db, new ManualClock(0))
    const page = log.replay('a', 0)
    expect(page.kind === 'events' && page.events.map((e) => [e.id, e.digest])).toEqual([
      [1, 'da1'],
      [2, 'da2'],
    ])
    expect(log.digestAt('b', 1)).toBe('db1')
    expect(log.transact(() => log.append('a', 'expert.updated', {} as never)).id).toBe(3)
  })

  it('0013-token-last-use counts every stored sign-in as used when it was issued', () => {
    const db = new Database(':memory:')
    migrate(db, platformMigrations, { what: 'test database', remedy: '', upTo: 12 })
    db.pragma('foreign_keys = OFF')
    db.prepare(`INSERT INTO tokens (token_hash, expert_id, created_at) VALUES ('h', 'e', 1234)`).run()
    migrate(db, platformMigrations, { what: 'test database', remedy: '' })
    expect(db.prepare('SELECT token_hash, created_at, last_used_at FROM tokens').all()).toEqual([
      { token_hash: 'h', created_at: 1234, last_used_at: 1234 },
    ])
  })

  it('0014-platform-outages keeps the stream’s epoch, with no mark of being alive and no outage yet', () => {
    const db = new Database(':memory:')
    migrate(db, platformMigrations, { what: 'test database', remedy: '', upTo: 13 })
    const epoch = db.prepare('SELECT stream_epoch FROM platform_meta').pluck().get()
    migrate(db, platformMigrations, { what: 'test database', remedy: '' })
    expect(db.prepare('SELECT stream_epoch, alive_at FROM platform_meta').all()).toEqual([
      { stream_epoch: epoch, alive_at: null },
    ])
    expect(db.prepare('SELECT COUNT(*) FROM platform_outages').pluck().get()).toBe(0)
    expect(() =>
      db.prepare('INSERT INTO platform_outages (down_from, down_until) VALUES (5, 5)').run(),
    ).toThrow(/CHECK constraint failed/)
  })

  it('0007-money gives stored experts the default rate, and stored sessions the same as terms of their own', () => {
    const db = new Database(':memory:')
    migrate(db, platformMigrations, { what: 'test database', remedy: '', upTo: 6 })
    db.pragma('foreign_keys = OFF')
    db.prepare(
      `INSERT INTO experts (id, name, email, password_hash, time_zone, availability, tags)
         VALUES ('e', 'E', 'e@x.test', 'h', 'UTC', 'online', '[]')`,
    ).run()
    const insert = db.prepare(
      `INSERT INTO sessions (id, request_id, expert_id, client_id, kind, booked_start, state, phase, updated_at)
       VALUES (?, ?, ?, 'c', 'instant', 0, 'ended', 'context', 0)`,
    )
    insert.run('ses_a', 'req_a', 'e')
    insert.run('ses_orphan', 'req_b', 'gone')
    migrate(db, platformMigrations, { what: 'test database', remedy: '' })
    expect(db.prepare('SELECT rate_minor, rate_currency FROM experts').get()).toEqual({
      rate_minor: 2500,
      rate_currency: 'USD',
    })
    db.prepare(`UPDATE experts SET rate_minor = 4000, rate_currency = 'GBP'`).run()
    expect(
      db.prepare('SELECT rate_minor, rate_currency, cancellation_fee_minor FROM sessions ORDER BY id').all(),
    ).toEqual([
      { rate_minor: 2500, rate_currency: 'USD', cancellation_fee_minor: 1000 },
      { rate_minor: 2500, rate_currency: 'USD', cancellation_fee_minor: 1000 },
    ])
    expect(() => db.prepare(`UPDATE experts SET rate_minor = -1`).run()).toThrow(/CHECK constraint/)
  })

  it('0008-reviews-and-chargebacks keeps stored sessions and holds one review and one chargeback each', () => {
    const db = new Database(':memory:')
    const upTo = m0008ReviewsAndChargebacks.version - 1
    migrate(db, platformMigrations, { what: 'test database', remedy: '', upTo })
    db.pragma('foreign_keys = OFF')
    db.prepare(
      `INSERT INTO sessions (id, request_id, expert_id, client_id, kind, booked_start, state, phase, updated_at, room_key)
       VALUES ('ses_a', 'req_a', 'e', 'c', 'instant', 0, 'ended', 'context', 0, 'k')`,
    ).run()
    migrate(db, platformMigrations, { what: 'test database', remedy: '', upTo: upTo + 1 })
    expect(db.prepare('SELECT id FROM sessions').pluck().all()).toEqual(['ses_a'])
    const review = db.prepare(
      `INSERT INTO reviews (session_id, expert_id, rating, comment, reviewed_at) VALUES ('ses_a', 'e', ?, '', 1)`,
    )
    expect(() => review.run(6)).toThrow(/CHECK constraint/)
    review.run(4)
    expect(() => review.run(5)).toThrow(/UNIQUE|PRIMARY KEY/)
    const chargeback = db.prepare(
      `INSERT INTO chargebacks (session_id, expert_id, reason, recorded_at) VALUES ('ses_a', 'e', '', 1)`,
    )
    chargeback.run()
    expect(() => chargeback.run()).toThrow(/UNIQUE|PRIMARY KEY/)
  })

  it('0009-session-reschedule keeps stored sessions without a proposal and takes only JSON', () => {
    const db = new Database(':memory:')
    migrate(db, platformMigrations, { what: 'test database', remedy: '', upTo: 8 })
    db.pragma('foreign_keys = OFF')
    db.prepare(
      `INSERT INTO sessions (id, request_id, expert_id, client_id, kind, booked_start, state, phase, updated_at)
       VALUES ('ses_a', 'req_a', 'e', 'c', 'scheduled', 1, 'booked', 'context', 0)`,
    ).run()
    migrate(db, platformMigrations, { what: 'test database', remedy: '' })
    expect(db.prepare('SELECT reschedule FROM sessions').pluck().get()).toBeNull()
    db.prepare(`UPDATE sessions SET reschedule = '{"state":"pending"}'`).run()
    expect(() => db.prepare(`UPDATE sessions SET reschedule = 'not json'`).run()).toThrow(/CHECK constraint/)
  })

  it('0010-session-private-notes gives every stored session an empty note', () => {
    const db = new Database(':memory:')
    const before = platformMigrations.findIndex((m) => m.name === '0010-session-private-notes')
    migrate(db, platformMigrations, { what: 'test database', remedy: '', upTo: before })
    db.pragma('foreign_keys = OFF')
    db.prepare(
      `INSERT INTO sessions (id, request_id, expert_id, client_id, kind, booked_start, state, phase, updated_at)
       VALUES ('ses_a', 'req_a', 'e', 'c', 'instant', 0, 'ended', 'context', 0)`,
    ).run()
    migrate(db, platformMigrations, { what: 'test database', remedy: '' })
    expect(db.prepare('SELECT id, private_note FROM sessions').get()).toEqual({
      id: 'ses_a',
      private_note: '',
    })
  })

  it('refuses a database written by a newer server, with what to do', () => {
    const path = tempDb()
    openPlatformDatabase(path).close()
    const raw = new Database(path)
    raw.pragma(`user_version = ${platformMigrations.length + 1}`)
    raw.close()
    expect(() => openPlatformDatabase(path)).toThrow(/newer than this version's .*Run a newer server/)
  })

  it('runs the steps of one start in one transaction: a failing step leaves the database at the version it was found at', () => {
    const db = new Database(':memory:')
    const steps: Migration<Database.Database>[] = [
      { version: 1, name: 'one', up: (d) => d.exec('CREATE TABLE one (x)') },
      {
        version: 2,
        name: 'two',
        up: (d) => {
          d.exec('CREATE TABLE two (x)')
          throw new Error('step two broke')
        },
      },
    ]
    expect(() => migrate(db, steps, { what: 'test database', remedy: '' })).toThrow('step two broke')
    // The version before the start still reads it (a deploy rolled back), with no step half there.
    expect(db.pragma('user_version', { simple: true })).toBe(0)
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all()
    expect(tables).toEqual([])
  })
})
