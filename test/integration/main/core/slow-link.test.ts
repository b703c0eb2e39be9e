import { describe, expect, it } from 'vitest'
import { useCleanup } from '../../../support/cleanup'
import { awayBehindProxy } from '../../../support/away-behind-proxy'
import { FaultProxy } from '../../../support/fault-proxy'
import { startCoreFor, startTestCore } from '../../../support/test-core'
import { startTestPlatform } from '../../../support/test-platform'

const PENDING = 300

describe('catching up over a slow link', () => {
  const defer = useCleanup()

  it('drains a backlog of 300 events through a link far too slow to carry a full page within the ack timeout', async () => {
    // An ack timeout short enough that the whole backlog cannot cross the trickle within it.
    const timings = { connectTimeoutMs: 5_000, ackTimeoutMs: 1_000 }
    const { platform, expert, proxy, again } = await awayBehindProxy(defer, timings)

    for (let i = 1; i <= PENDING; i++) platform.inviteDirectly(expert.id, `Pending while away ${i}`)
    proxy.resetAll()
    proxy.trickle(40_000)

    const core = await startTestCore(again)
    defer(() => core.close(true))
    await core.waitForNotifications(PENDING)
    await core.waitForState((s) => s.status === 'online')
    expect(core.runtime.cache.cursor()).toBe(platform.server.marketplace.events.latestId(expert.id))
    expect(core.runtime.cache.openInviteCount(core.runtime.core.platformClock.now())).toBe(PENDING)
    expect(new Set(core.adapters.notifier.shown.map((n) => n.title)).size).toBe(PENDING)
  })

  it('starts a new cache from a snapshot in parts when the whole one could not cross the link before the connection is checked', async () => {
    const platform = await startTestPlatform()
    defer(() => platform.close())
    const expert = platform.addExpert()
    for (let i = 1; i <= PENDING; i++) platform.inviteDirectly(expert.id, `Open before the first start ${i}`)
    const proxy = await FaultProxy.start(platform.server.port)
    defer(() => proxy.close())
    proxy.trickle(40_000)
    // A link checked after a short silence: an answer that takes longer to cross costs the connection.
    const timings = {
      connectTimeoutMs: 5_000,
      ackTimeoutMs: 1_000,
      silenceLimitMs: 1_000,
      probeTimeoutMs: 1_000,
    }
    const core = await startCoreFor(proxy.url, expert, {
      timings,
    })
    defer(() => core.close(true))
    await core.waitForNotifications(PENDING)
    await core.waitForState((s) => s.status === 'online')
    expect(core.runtime.cache.openInviteCount(core.runtime.core.platformClock.now())).toBe(PENDING)
    expect(new Set(core.adapters.notifier.shown.map((n) => n.title)).size).toBe(PENDING)
  })

  it('catches up on an invite too large to cross the link before the connection is checked, instead of reconnecting for ever', async () => {
    // The invite alone takes about twice the silence and the probe together to cross, yet its
    // bytes keep arriving all along: the link is slow, not dead.
    await catchUpOnLongInvite(defer, QUICK_CHECKS)
  })

  it('connects over a link so slow its handshake takes longer than the connect timeout to cross, as its bytes keep coming, and shows the invite waiting', async () => {
    const platform = await startTestPlatform()
    defer(() => platform.close())
    const expert = platform.addExpert()
    platform.inviteDirectly(expert.id, 'Sent over a very slow link')
    const proxy = await FaultProxy.start(platform.server.port)
    defer(() => proxy.close())
    // The handshake and the welcome are a few hundred bytes: over a second at this rate, twice the
    // connect timeout below (as a link of a few dozen bytes a second is to the five seconds of the app).
    proxy.trickle(400)
    const core = await startCoreFor(proxy.url, expert, {
      timings: { ...QUICK_CHECKS, connectTimeoutMs: 500 },
    })
    defer(() => core.close(true))
    await core.waitForNotifications(1)
    await core.waitForState((s) => s.status === 'online')
    expect(core.adapters.notifier.shown.map((n) => n.title)).toEqual([
      expect.stringContaining('Sent over a very slow link'),
    ])
  })

  it('catches up on an invite that takes longer to cross than the platform is given to answer a replay, as its bytes keep coming', async () => {
    // The invite alone takes about twice the replay's give-up to cross: the platform did answer,
    // and the answer is on its way all along.
    await catchUpOnLongInvite(defer, { ...QUICK_CHECKS, replayGiveUpMs: 2_000 })
  })
})

/**
 * A platform holding one direct invite whose description takes seconds to cross a link trickling
 * 1,000 bytes a second, and a core catching up over that link with `timings`: it shows the invite
 * once and comes online. `defer` closes them after the test.
 */
async function catchUpOnLongInvite(
  defer: ReturnType<typeof useCleanup>,
  timings: LinkTimingsGiven,
): Promise<void> {
  const platform = await startTestPlatform()
  defer(() => platform.close())
  const expert = platform.addExpert()
  const { marketplace } = platform.server
  marketplace.createRequest({
    clientId: marketplace.createClient({ name: 'Sam', timeZone: 'Europe/Berlin' }),
    title: 'A long story',
    description: 'A long account of the problem. '.repeat(120),
    kind: 'instant',
    direct: { expertId: expert.id, via: 'dashboard' },
  })
  const proxy = await FaultProxy.start(platform.server.port)
  defer(() => proxy.close())
  proxy.trickle(1_000)
  const core = await startCoreFor(proxy.url, expert, { timings })
  defer(() => core.close(true))
  await core.waitForNotifications(1)
  await core.waitForState((s) => s.status === 'online')
  expect(core.adapters.notifier.shown.map((n) => n.title)).toEqual([expect.stringContaining('A long story')])
}

/** The link timings a test core is started with. */
type LinkTimingsGiven = NonNullable<NonNullable<Parameters<typeof startCoreFor>[2]>['timings']>

/** Link timings that check a connection within seconds, so a trickling link is tested quickly. */
const QUICK_CHECKS: LinkTimingsGiven = {
  connectTimeoutMs: 5_000,
  ackTimeoutMs: 1_000,
  silenceLimitMs: 1_000,
  probeTimeoutMs: 1_000,
}
