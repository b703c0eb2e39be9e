import { describe, expect, it } from 'vitest'
import { Expert, type CommandName, type CommandPayload } from '../../../src/shared/protocol'
import { useTestPlatform } from '../../support/test-platform'

const DAY = 24 * 60 * 60 * 1000

describe('recent response figures on the platform', () => {
  const platform = useTestPlatform()
  let keys = 0

  function run<N extends CommandName>(expertId: string, name: N, payload: CommandPayload<N>): void {
    const ack = platform().server.marketplace.execute(expertId, {
      name,
      idempotencyKey: `response-stats-${++keys}`,
      payload,
    })
    if (!ack.ok) throw new Error(ack.error.message)
  }
  function invite(expertId: string, title: string): string {
    const { request } = platform().inviteDirectly(expertId, title)
    return platform()
      .server.marketplace.db.prepare('SELECT id FROM invites WHERE request_id = ?')
      .pluck()
      .get(request.id) as string
  }
  /** The expert as the wire carries it, checked against the protocol. */
  const stats = (id: string) => Expert.parse(platform().server.marketplace.store.expert(id)).stats.recent

  it('reports median, p90, acceptance and missed invites from the recorded times, and lets them age out', () => {
    const { id } = platform().addExpert()
    const declinedSoon = invite(id, 'Declined after 12 s')
    const declinedLate = invite(id, 'Declined after 30 s')
    invite(id, 'Left to expire')
    const accepted = invite(id, 'Accepted after 6 s')
    const clock = platform().clock

    clock.advance(6_000)
    run(id, 'invite.accept', { inviteId: accepted, proposedTime: null })
    clock.advance(6_000)
    run(id, 'invite.decline', { inviteId: declinedSoon })
    clock.advance(18_000)
    run(id, 'invite.decline', { inviteId: declinedLate })
    clock.advance(30 * 60_000)
    platform().server.marketplace.sweep()

    const week = {
      medianMs: 12_000,
      p90Ms: 30_000,
      answered: 3,
      accepted: 1,
      missed: 1,
      acceptanceRate: 0.25,
    }
    expect(stats(id)).toEqual({ last7Days: week, last30Days: week, platformAverageMs: 60_000 })

    // Eight days on, as after a pause: the figures age by the clock alone, and firing every
    // periodic sweep of eight days one by one is what made this test slow on a busy machine.
    clock.sleep(8 * DAY)
    clock.advance(0)
    const later = stats(id)
    expect(later?.last7Days.answered).toBe(0)
    expect(later?.last7Days.medianMs).toBeNull()
    expect(later?.last30Days).toEqual(week)
  })

  it('tells the expert’s devices when an invite expires, so the missed count does not wait for the next answer', () => {
    const { id } = platform().addExpert()
    invite(id, 'Nobody answers this one')
    const marketplace = platform().server.marketplace
    const before = marketplace.events.latestId(id)
    platform().clock.advance(30 * 60_000)
    marketplace.sweep()

    const replay = marketplace.replay(id, before)
    const missed = (replay.kind === 'events' ? replay.events : []).flatMap((e) =>
      e.type === 'expert.updated' ? [e.payload.expert.stats.recent?.last7Days.missed] : [],
    )
    expect(missed).toEqual([1])
  })
  it('keeps counting an answered invite once its events were compacted away', () => {
    const { id } = platform().addExpert()
    const accepted = invite(id, 'Accepted after 6 s')
    invite(id, 'Still open')
    platform().clock.advance(6_000)
    run(id, 'invite.accept', { inviteId: accepted, proposedTime: null })
    const before = Expert.parse(platform().server.marketplace.store.expert(id)).stats
    const { events } = platform().server.marketplace
    expect(events.prune(1)).toBeGreaterThan(0)

    const after = Expert.parse(platform().server.marketplace.store.expert(id)).stats
    expect(after.recent?.last7Days).toMatchObject({ medianMs: 6_000, answered: 1, accepted: 1 })
    expect(after).toEqual(before)
    expect(
      platform()
        .server.marketplace.snapshot(id)
        .openInvites.map((i) => i.request.title),
    ).toEqual(['Still open'])
  })
})
