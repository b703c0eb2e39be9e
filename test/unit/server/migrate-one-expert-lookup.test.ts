import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../src/shared/sqlite/migrate'
import { platformMigrations } from '../../../server/src/db/migrations'
import { EventLog } from '../../../server/src/event-log'
import { ManualClock } from '../../../src/shared/clock'

/** A database as version 14 left it (`expert_invites` beside `expert_events`), and a statement adding an event of expert 'a'. */
function atVersion14(): {
  db: Database.Database
  event: Database.Statement<[number, string, string, string]>
} {
  const db = new Database(':memory:')
  migrate(db, platformMigrations, { what: 'test database', remedy: '', upTo: 14 })
  db.pragma('foreign_keys = OFF')
  const event = db.prepare<[number, string, string, string]>(
    `INSERT INTO events (expert_id, id, type, at, payload, digest) VALUES ('a', ?, ?, 0, ?, ?)`,
  )
  return { db, event }
}

describe('platform migration 0015-one-expert-lookup', () => {
  it('finds every stored invite through its expert’s stream, those whose event was pruned too', () => {
    const { db, event } = atVersion14()
    event.run(
      2,
      'invite.created',
      JSON.stringify({
        id: 2,
        type: 'invite.created',
        at: 0,
        payload: { invite: { id: 'inv_kept' } },
        digest: 'd2',
      }),
      'd2',
    )
    event.run(
      3,
      'expert.updated',
      JSON.stringify({ id: 3, type: 'expert.updated', at: 0, digest: 'd3' }),
      'd3',
    )
    const place = db.prepare(`INSERT INTO expert_events (expert_id, id, seq) SELECT 'a', id, seq FROM events`)
    place.run()
    // Event 1, inv_pruned's, was pruned: only its invite lookup row is left.
    const invite = db.prepare(
      `INSERT INTO expert_invites (expert_id, state, sent_at, invite_id) VALUES ('a', ?, ?, ?)`,
    )
    invite.run('declined', 1, 'inv_pruned')
    invite.run('open', 2, 'inv_kept')
    migrate(db, platformMigrations, { what: 'test database', remedy: '', upTo: 15 })

    expect(
      db
        .prepare(
          `SELECT invite_id FROM expert_events WHERE expert_id = 'a' AND invite_id IS NOT NULL ORDER BY invite_id`,
        )
        .pluck()
        .all(),
    ).toEqual(['inv_kept', 'inv_pruned'])
    migrate(db, platformMigrations, { what: 'test database', remedy: '' })
    const log = new EventLog(db, new ManualClock(0))
    // The pruned invite's row is no part of the stream: replay starts at the oldest kept event.
    expect(log.replay('a', 0).kind).toBe('out_of_range')
    const page = log.replay('a', 1)
    expect(page.kind === 'events' && page.events.map((e) => e.id)).toEqual([2, 3])
    expect(log.transact(() => log.append('a', 'expert.updated', {} as never)).id).toBe(4)
  })

  it('migrates a database holding an invite event whose stored text is damaged, and still finds its invite', () => {
    const { db, event } = atVersion14()
    // Cut short on disk: the text no longer reads as JSON.
    event.run(
      1,
      'invite.created',
      '{"id":1,"type":"invite.created","at":0,"payload":{"invite":{"id":"inv_da',
      'd1',
    )
    event.run(
      2,
      'expert.updated',
      JSON.stringify({ id: 2, type: 'expert.updated', at: 0, digest: 'd2' }),
      'd2',
    )
    db.prepare(`INSERT INTO expert_events (expert_id, id, seq) SELECT 'a', id, seq FROM events`).run()
    db.prepare('UPDATE platform_meta SET lookups_through_seq = 2').run()
    db.prepare(
      `INSERT INTO expert_invites (expert_id, state, sent_at, invite_id) VALUES ('a', 'declined', 0, 'inv_damaged')`,
    ).run()

    expect(() =>
      migrate(db, platformMigrations, { what: 'test database', remedy: '', upTo: 15 }),
    ).not.toThrow()
    expect(db.pragma('user_version', { simple: true })).toBe(15)
    // Its invite goes on counting in the expert's figures, through a row outside the stream.
    expect(
      db.prepare(`SELECT id < 0 AS kept, invite_id FROM expert_events WHERE invite_id IS NOT NULL`).all(),
    ).toEqual([{ kept: 1, invite_id: 'inv_damaged' }])
    migrate(db, platformMigrations, { what: 'test database', remedy: '' })
    const log = new EventLog(db, new ManualClock(0))
    expect(log.transact(() => log.append('a', 'expert.updated', {} as never)).id).toBe(3)
  })
})
