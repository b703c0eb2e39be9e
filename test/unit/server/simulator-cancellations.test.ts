import { afterEach, describe, expect, it } from 'vitest'
import { ClientSimulator, type SimulatorOptions } from '../../../server/src/simulator'
import { bookScheduled } from '../../support/booking'
import type { ExpertConnection } from '../../support/expert-connection'
import { startTestPlatform, type TestPlatform } from '../../support/test-platform'

const MINUTE = 60_000

describe('simulated clients ahead of a booked session', () => {
  const running: Array<{ platform: TestPlatform; simulator: ClientSimulator }> = []
  afterEach(async () => {
    for (const { platform, simulator } of running.splice(0)) {
      simulator.stop()
      await platform.close()
    }
  })

  /** A platform whose simulator posts nothing of its own, and one expert with a session booked in two hours. */
  async function world(options: Partial<SimulatorOptions>) {
    const platform = await startTestPlatform()
    const simulator = new ClientSimulator(platform.server.marketplace, platform.clock, platform.logger, {
      requestEveryMs: 24 * 60 * MINUTE,
      seed: 3,
      ...options,
    })
    running.push({ platform, simulator })
    simulator.start()
    const expert = platform.addExpert()
    const socket: ExpertConnection = await platform.connect(expert.token)
    const bookedStart = platform.clock.now() + 120 * MINUTE
    bookScheduled(platform, {
      expertId: expert.id,
      clientId: platform.addClient('Sam'),
      title: 'Query plan',
      start: bookedStart,
    })
    const booked = await socket.waitForEvent((e) => e.type === 'session.updated')
    const sessionId = booked.type === 'session.updated' ? booked.payload.session.id : ''
    return { platform, socket, sessionId, bookedStart }
  }

  it('sometimes cancel ahead of time, with a note', async () => {
    const { platform, socket } = await world({ cancelShare: 1 })
    platform.clock.advance(MINUTE)
    const cancelled = await socket.waitForEvent(
      (e) => e.type === 'session.updated' && e.payload.session.state === 'cancelled',
    )
    expect(cancelled.type === 'session.updated' && cancelled.payload.session.cancellation).toMatchObject({
      by: 'client',
      reason: 'client_cancelled',
    })
  })

  it('answer the expert’s proposal of another time, and join at the new time when they accept', async () => {
    const { platform, socket, sessionId, bookedStart } = await world({ cancelShare: 0, acceptShare: 1 })
    const later = bookedStart + 60 * MINUTE
    expect(await socket.command('session.proposeTime', { sessionId, proposedStart: later })).toMatchObject({
      ok: true,
    })
    platform.clock.advance(20_000)
    await socket.waitForEvent(
      (e) => e.type === 'session.updated' && e.payload.session.reschedule?.state === 'accepted',
    )
    // Past the old time the client waits; around the new one they join.
    platform.clock.advance(later - platform.clock.now() + 2 * MINUTE)
    const joined = await socket.waitForEvent(
      (e) => e.type === 'session.updated' && e.payload.session.clientJoinedAt !== null,
    )
    expect(joined.type === 'session.updated' && joined.payload.session.clientJoinedAt).toBeGreaterThanOrEqual(
      later - 2 * MINUTE,
    )
  })

  it('decline a proposal when they do not accept it', async () => {
    const { platform, socket, sessionId, bookedStart } = await world({ cancelShare: 0, acceptShare: 0 })
    await socket.command('session.proposeTime', { sessionId, proposedStart: bookedStart + 60 * MINUTE })
    platform.clock.advance(20_000)
    const declined = await socket.waitForEvent(
      (e) => e.type === 'session.updated' && e.payload.session.reschedule?.state === 'declined',
    )
    expect(declined.type === 'session.updated' && declined.payload.session.bookedStart).toBe(bookedStart)
  })
})
