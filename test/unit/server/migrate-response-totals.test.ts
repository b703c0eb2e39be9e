import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../src/shared/sqlite/migrate'
import { ManualClock } from '../../../src/shared/clock'
import { platformMigrations } from '../../../server/src/db/migrations'
import { recentResponseStats, type InviteTimes } from '../../../server/src/marketplace/response-stats'
import { random } from '../../../server/src/seeded-random'
import { PlatformStore } from '../../../server/src/store/platform-store'

const DAY = 24 * 60 * 60 * 1000
const NOW = 100 * DAY
const EXPERTS = ['a', 'b']
const STATES = ['open', 'accepted', 'declined', 'expired', 'taken', 'withdrawn']

/** A version-15 database with a random history: invites in the streams, pruned ones, and lookup rows without an invite. */
function historyAtVersion15(seed: number): Database.Database {
  const db = new Database(':memory:')
  migrate(db, platformMigrations, { what: 'test database', remedy: '', upTo: 15 })
  db.pragma('foreign_keys = OFF')
  const expert = db.prepare(
    `INSERT INTO experts (id, name, email, password_hash, time_zone, availability, tags)
       VALUES (?, ?, ?, 'h', 'UTC', 'online', '[]')`,
  )
  for (const id of EXPERTS) expert.run(id, id.toUpperCase(), `${id}@x.test`)
  const invite = db.prepare(
    `INSERT INTO invites (id, request_id, expert_id, reason, sent_at, expires_at, state, answered_at)
       VALUES (?, ?, ?, 'direct', ?, ?, ?, ?)`,
  )
  const place = db.prepare('INSERT INTO expert_events (expert_id, id, seq, invite_id) VALUES (?, ?, ?, ?)')
  const next = random(seed)
  for (let n = 1; n <= 400; n++) {
    const expertId = EXPERTS[n % EXPERTS.length] as string
    const sentAt = NOW - Math.floor(next() * 40 * DAY)
    const state = STATES[Math.floor(next() * STATES.length)] as string
    // Answers a set-back clock left before their invite, too.
    const answered = state === 'accepted' || state === 'declined'
    const answeredAt = answered ? sentAt + Math.floor(next() * 200_000) - 20_000 : null
    const inviteId = `inv_${n}`
    const kind = next()
    if (kind > 0.05) invite.run(inviteId, `req_${n}`, expertId, sentAt, sentAt + 60_000, state, answeredAt)
    // Most were pruned (a negative id), the rest are in the stream (the event row is not needed here).
    place.run(expertId, kind < 0.8 ? -n : n, kind < 0.8 ? null : n, inviteId)
  }
  return db
}

/** The figures as version 15 read them, walking each expert's whole lookup. */
function figuresAtVersion15(db: Database.Database, expertId: string) {
  const averageResponseMs = db
    .prepare<[string], number | null>(
      `SELECT CAST(ROUND(AVG(MAX(0, answered_at - invites.sent_at))) AS INTEGER)
         FROM expert_events AS e JOIN invites ON invites.id = e.invite_id
         WHERE e.expert_id = ? AND answered_at IS NOT NULL`,
    )
    .pluck()
    .get(expertId)
  const times = db
    .prepare<[string, number], InviteTimes>(
      `SELECT invites.sent_at AS sentAt, answered_at AS answeredAt, invites.state FROM expert_events AS e
         JOIN invites ON invites.id = e.invite_id WHERE e.expert_id = ? AND invites.sent_at >= ?`,
    )
    .all(expertId, NOW - 30 * DAY)
  return {
    averageResponseMs: averageResponseMs ?? null,
    recent: recentResponseStats(times, NOW),
    openInvites: openInvites(db, expertId),
  }
}

/** The open invites as the snapshot reads them. */
function openInvites(db: Database.Database, expertId: string): string[] {
  return db
    .prepare<[string], string>(
      `SELECT invites.id FROM expert_events AS e JOIN invites ON invites.id = e.invite_id
         WHERE e.expert_id = ? AND invites.state = 'open' ORDER BY invites.sent_at, invites.rowid`,
    )
    .pluck()
    .all(expertId)
}

describe('platform migration 0016-response-totals', () => {
  it('keeps every expert’s response figures and open invites exactly, and keeps only open invites outside the streams', () => {
    const db = historyAtVersion15(16)
    const before = EXPERTS.map((id) => figuresAtVersion15(db, id))
    expect(before.some((f) => f.averageResponseMs !== null && f.recent.last30Days.answered > 0)).toBe(true)

    migrate(db, platformMigrations, { what: 'test database', remedy: '' })

    const store = new PlatformStore(db, new ManualClock(NOW), {
      reviewThreshold: 4,
      freeCancellationHours: 24,
    })
    const after = EXPERTS.map((id) => {
      const { stats } = store.expert(id)
      return {
        averageResponseMs: stats.averageResponseMs,
        recent: stats.recent,
        openInvites: openInvites(db, id),
      }
    })
    expect(after).toEqual(before)
    const outside = db
      .prepare<[], string | null>(
        `SELECT invites.state FROM expert_events AS e LEFT JOIN invites ON invites.id = e.invite_id WHERE e.id < 0`,
      )
      .pluck()
      .all()
    expect(new Set(outside)).toEqual(new Set(['open']))
  })
})
