import { describe, expect, it } from 'vitest'
import { Expert } from '../../../src/shared/protocol'
import { recentResponseStats, type InviteTimes } from '../../../server/src/marketplace/response-stats'
import { random } from '../../../server/src/seeded-random'
import { useTestPlatform } from '../../support/test-platform'

const DAY = 24 * 60 * 60 * 1000

describe('response figures across compactions', () => {
  const platform = useTestPlatform()
  let keys = 0

  /** The figures as every invite the expert ever had gives them: what the lookup walk used to read. */
  function figuresFromEveryInvite(expertId: string) {
    const db = platform().server.marketplace.db
    const now = platform().clock.now()
    const averageResponseMs = db
      .prepare<[string], number | null>(
        `SELECT CAST(ROUND(AVG(MAX(0, answered_at - sent_at))) AS INTEGER) FROM invites
           WHERE expert_id = ? AND answered_at IS NOT NULL`,
      )
      .pluck()
      .get(expertId)
    const times = db
      .prepare<[string, number], InviteTimes>(
        `SELECT sent_at AS sentAt, answered_at AS answeredAt, state FROM invites WHERE expert_id = ? AND sent_at >= ?`,
      )
      .all(expertId, now - 30 * DAY)
    const openInvites = db
      .prepare<[string], string>(`SELECT id FROM invites WHERE expert_id = ? AND state = 'open' ORDER BY id`)
      .pluck()
      .all(expertId)
    return {
      averageResponseMs: averageResponseMs ?? null,
      recent: recentResponseStats(times, now),
      openInvites,
    }
  }

  function figuresAsServed(expertId: string) {
    const marketplace = platform().server.marketplace
    const { stats } = Expert.parse(marketplace.store.expert(expertId))
    const openInvites = marketplace
      .snapshot(expertId)
      .openInvites.map((i) => i.id)
      .sort()
    return { averageResponseMs: stats.averageResponseMs, recent: stats.recent, openInvites }
  }

  function openInvitesOf(expertId: string): string[] {
    return platform()
      .server.marketplace.db.prepare<[string], string>(
        `SELECT id FROM invites WHERE expert_id = ? AND state = 'open' ORDER BY id`,
      )
      .pluck()
      .all(expertId)
  }

  function answer(expertId: string, inviteId: string, name: 'invite.decline' | 'invite.accept'): void {
    const payload = name === 'invite.accept' ? { inviteId, proposedTime: null } : { inviteId }
    const ack = platform().server.marketplace.execute(expertId, {
      name,
      idempotencyKey: `past-invites-${++keys}`,
      payload,
    } as never)
    if (!ack.ok) throw new Error(ack.error.message)
  }

  it('are the same as every invite gives them, through a random history of answers, expiries, clock steps and compactions', () => {
    const next = random(14)
    const experts = [platform().addExpert().id, platform().addExpert().id]
    const { clock } = platform()
    const marketplace = platform().server.marketplace
    let compactions = 0
    let keptOpen = 0
    const keptOutsideStreams = () =>
      marketplace.db.prepare<[], string>(`SELECT invite_id FROM expert_events WHERE id < 0`).pluck().all()
    for (let step = 0; step < 240; step++) {
      const expertId = experts[Math.floor(next() * experts.length)] as string
      const open = openInvitesOf(expertId)
      const roll = next()
      if (roll < 0.35) platform().inviteDirectly(expertId, `Request ${step}`)
      else if (roll < 0.55 && open.length > 0) {
        clock.advance(Math.floor(next() * 60_000))
        answer(expertId, open[Math.floor(next() * open.length)] as string, 'invite.decline')
      } else if (roll < 0.6 && open.length > 0) {
        clock.advance(Math.floor(next() * 60_000))
        answer(expertId, open[Math.floor(next() * open.length)] as string, 'invite.accept')
      } else if (roll < 0.72) {
        clock.advance(Math.floor(next() * 20 * 60_000))
        marketplace.sweep()
      } else if (roll < 0.77) clock.step(-Math.floor(next() * 120_000))
      else if (roll < 0.92) {
        marketplace.events.prune(1 + Math.floor(next() * 6))
        compactions++
        keptOpen += keptOutsideStreams().length
      } else {
        clock.sleep(Math.floor(next() * 10 * DAY))
        clock.advance(0)
      }
      for (const id of experts)
        expect(figuresAsServed(id), `step ${step}`).toEqual(figuresFromEveryInvite(id))
    }
    // The history pruned invites still open (kept in the lookup) and closed ones (folded out of it).
    expect(compactions).toBeGreaterThan(10)
    expect(keptOpen).toBeGreaterThan(0)
    expect(marketplace.db.prepare('SELECT COUNT(*) FROM expert_past_invites').pluck().get()).toBeGreaterThan(
      10,
    )
    // What the lookup keeps outside the streams is only invites still open when they were pruned.
    const stillOpen = new Set(experts.flatMap(openInvitesOf))
    for (const inviteId of keptOutsideStreams()) expect(stillOpen.has(inviteId)).toBe(true)
  })
})
