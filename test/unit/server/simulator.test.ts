import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Invite } from '../../../src/shared/protocol'
import { DEMO_EXPERTS, seedDemoAccounts } from '../../../server/src/seed'
import { ClientSimulator } from '../../../server/src/simulator'
import { endedSessionOn } from '../../support/ended-session'
import type { ExpertConnection } from '../../support/expert-connection'
import { startTestPlatform, type TestPlatform } from '../../support/test-platform'

const MINUTE = 60_000

describe('the client simulator', () => {
  let platform: TestPlatform
  let simulator: ClientSimulator
  let experts: ExpertConnection[]

  beforeAll(async () => {
    platform = await startTestPlatform()
    expect(await seedDemoAccounts(platform.server.marketplace)).toBeGreaterThan(0)
    expect(await seedDemoAccounts(platform.server.marketplace)).toBe(0)
    experts = await Promise.all(
      DEMO_EXPERTS.map((e) => platform.connect(platform.server.tokens.issue(e.id, platform.clock.now()))),
    )
    simulator = new ClientSimulator(platform.server.marketplace, platform.clock, platform.logger, {
      requestEveryMs: 20_000,
      seed: 1,
    })
    simulator.start()
    platform.clock.advance(6 * 20_000)
  })
  afterAll(async () => {
    simulator.stop()
    await platform.close()
  })

  /** The first open invite of a kind that any demo expert received, with that expert's socket. */
  function firstInvite(kind: 'instant' | 'scheduled'): Promise<{ socket: ExpertConnection; invite: Invite }> {
    return Promise.any(
      experts.map(async (socket) => {
        const event = await socket.waitForEvent(
          (e) => e.type === 'invite.created' && e.payload.invite.request.kind === kind,
        )
        if (event.type !== 'invite.created') throw new Error('unreachable')
        return { socket, invite: event.payload.invite }
      }),
    )
  }

  it('posts scheduled requests a few minutes ahead, so reminders show in a demo', async () => {
    const { invite } = await firstInvite('scheduled')
    expect(invite.request.proposedTimes.length).toBeGreaterThanOrEqual(1)
    expect(invite.request.proposedTimes[0]! - platform.clock.now()).toBeLessThan(15 * MINUTE)
  })

  it('has clients reply to an expert who messages them', async () => {
    const { socket, invite } = await firstInvite('scheduled')
    await socket.command('message.send', { requestId: invite.request.id, body: 'Is the error on every run?' })
    platform.clock.advance(10_000)
    const reply = await socket.waitForEvent(
      (e) =>
        e.type === 'message.created' &&
        e.payload.message.from === 'client' &&
        e.payload.message.requestId === invite.request.id,
    )
    expect(reply.type === 'message.created' && reply.payload.message.requestId).toBe(invite.request.id)
  })

  it('has clients write now and then, unprompted, on invites and on sessions', async () => {
    const unprompted = (socket: ExpertConnection) =>
      socket.waitForEvent(
        (e) =>
          e.type === 'message.created' &&
          e.payload.message.from === 'client' &&
          !socket.events.some(
            (m) =>
              m.type === 'message.created' &&
              m.payload.message.from === 'expert' &&
              m.payload.message.requestId === e.payload.message.requestId,
          ),
      )
    await Promise.any(experts.map(unprompted))
    const ada = experts[0]!
    const requestIds: string[] = []
    for (let i = 0; i < 6; i++) {
      const { request } = platform.server.marketplace.createRequest({
        clientId: 'cli_sam',
        title: `Unprompted ${i}`,
        kind: 'instant',
        direct: { expertId: DEMO_EXPERTS[0].id, via: 'profile' },
      })
      const invite = await ada.waitForEvent(
        (e) => e.type === 'invite.created' && e.payload.invite.request.id === request.id,
      )
      if (invite.type !== 'invite.created') throw new Error('unreachable')
      await ada.command('invite.accept', { inviteId: invite.payload.invite.id, proposedTime: null })
      requestIds.push(request.id)
    }
    platform.clock.advance(30_000)
    const written = await ada.waitForEvent(
      (e) =>
        e.type === 'message.created' &&
        e.payload.message.from === 'client' &&
        requestIds.includes(e.payload.message.requestId),
    )
    expect(written.type).toBe('message.created')
  })

  it('has the client join an instant session the expert took', async () => {
    const clientId = 'cli_sam'
    const ada = experts[0]!
    platform.server.marketplace.createRequest({
      clientId,
      title: 'Direct',
      kind: 'instant',
      direct: { expertId: DEMO_EXPERTS[0].id, via: 'profile' },
    })
    const invite = await ada.waitForEvent(
      (e) => e.type === 'invite.created' && e.payload.invite.request.title === 'Direct',
    )
    if (invite.type !== 'invite.created') throw new Error('unreachable')
    const ack = await ada.command('invite.accept', { inviteId: invite.payload.invite.id, proposedTime: null })
    expect(ack.ok).toBe(true)
    platform.clock.advance(10_000)
    const joined = await ada.waitForEvent(
      (e) => e.type === 'session.updated' && e.payload.session.clientJoinedAt !== null,
    )
    expect(joined.type).toBe('session.updated')
  })
})

describe('the client simulator after a session', () => {
  let platform: TestPlatform
  let simulator: ClientSimulator

  beforeAll(async () => {
    platform = await startTestPlatform()
    // Every client reviews and charges back here, so one session shows both.
    simulator = new ClientSimulator(platform.server.marketplace, platform.clock, platform.logger, {
      requestEveryMs: 24 * 60 * MINUTE,
      seed: 3,
      reviewChance: 1,
      chargebackChance: 1,
    })
    simulator.start()
  })
  afterAll(async () => {
    simulator.stop()
    await platform.close()
  })

  it('rates an ended session with a comment, and charges a paid one back a little later', () => {
    const marketplace = platform.server.marketplace
    const session = { id: endedSessionOn(platform).sessionId }
    expect(marketplace.store.session(session.id).review).toBeNull()

    platform.clock.advance(MINUTE)
    const { review } = marketplace.store.session(session.id)
    expect(review?.rating).toBeGreaterThanOrEqual(1)
    expect(marketplace.store.session(session.id).chargeback).toBeNull()

    platform.clock.advance(5 * MINUTE)
    expect(marketplace.store.session(session.id).chargeback?.reason).not.toBe('')
    // Each client judges a session once: its own review's update brings no second one.
    expect(platform.logger.lines.filter((l) => l.includes('refused'))).toEqual([])
  })

  it('does not charge back a session that cost its client nothing', () => {
    const marketplace = platform.server.marketplace
    const unpaid = endedSessionOn(platform, { kind: 'charged' }, undefined, { billedMs: 0 }).sessionId
    platform.clock.advance(6 * MINUTE)
    expect(marketplace.store.session(unpaid).review).not.toBeNull()
    expect(marketplace.store.session(unpaid).chargeback).toBeNull()
    expect(platform.logger.lines.filter((l) => l.includes('refused'))).toEqual([])
  })
})
