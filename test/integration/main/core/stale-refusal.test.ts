/**
 * Start pressed too early over a link that lost its answer, then pressed again once it is time:
 * the retry goes under the first key, and the platform answers a key it knows with its first
 * answer, from back then. That refusal said nothing was done, so the press is asked anew.
 */
import { describe, expect, it } from 'vitest'
import { ManualClock } from '../../../../src/shared/clock'
import { bookScheduled } from '../../../support/booking'
import { useCleanup } from '../../../support/cleanup'
import { FaultProxy } from '../../../support/fault-proxy'
import { startCoreFor } from '../../../support/test-core'
import { startTestPlatform, TEST_START } from '../../../support/test-platform'

const MINUTE = 60_000

describe('Start refused as too early, its answer lost, pressed again once it is time', () => {
  const defer = useCleanup()

  it('starts the session, rather than giving the refusal from before again', async () => {
    const platform = await startTestPlatform({ clock: new ManualClock(TEST_START) })
    defer(() => platform.close())
    const expert = platform.addExpert()
    const bookedStart = platform.clock.now() + 60 * MINUTE
    bookScheduled(platform, {
      expertId: expert.id,
      clientId: platform.addClient('Sam'),
      title: 'Later',
      start: bookedStart,
    })
    const proxy = await FaultProxy.start(platform.server.port)
    defer(() => proxy.close())
    const clock = new ManualClock(TEST_START)
    const linkClock = new ManualClock(TEST_START)
    const core = await startCoreFor(proxy.url, expert, { clock, linkClock })
    defer(() => core.close(true))
    await core.waitForState((s) => s.status === 'online')
    await core.runtime.core.settled()
    const [session] = core.runtime.cache.upcomingSessions(platform.clock.now(), 10)
    if (session === undefined) throw new Error('No booked session')
    const api = core.runtime.api

    // Pressed an hour early: the platform refuses, and the link holds its answer until it is replaced.
    proxy.hold('down')
    const marketplace = platform.server.marketplace
    const execute = marketplace.execute.bind(marketplace)
    const refused = new Promise<unknown>((resolve) => {
      marketplace.execute = (expertId, envelope) => {
        const ack = execute(expertId, envelope)
        resolve(ack)
        return ack
      }
    })
    const early = api['sessions.join']({ sessionId: session.id })
    expect(await refused).toMatchObject({ ok: false, error: { code: 'too_early' } })
    marketplace.execute = execute
    linkClock.advance(10_000)
    expect(await early).toMatchObject({ ok: false, error: { code: 'timeout' } })
    linkClock.advance(5_000)
    await core.waitForState((s) => s.status !== 'online')
    await core.waitForState((s) => s.status === 'online')

    platform.clock.advanceTo(bookedStart)
    clock.advanceTo(bookedStart)
    const onTime = await api['sessions.join']({ sessionId: session.id })
    expect(onTime).toMatchObject({ ok: true, result: { session: { id: session.id, state: 'live' } } })
  })
})
