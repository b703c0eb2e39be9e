// A platform (or a proxy before it) that sends a byte now and then of a message that never ends,
// or half of one and then nothing, and never ends the connection by its heartbeat: the app finds
// the link dead as it finds a silent one, and the expert sees it is not online. A link slow but
// carrying is waited for.
import { describe, expect, it } from 'vitest'
import { useCleanup } from '../../../support/cleanup'
import { startCutProxy } from '../../../support/cut-proxy'
import { FaultProxy } from '../../../support/fault-proxy'
import { startCoreFor } from '../../../support/test-core'
import { startTestPlatform } from '../../../support/test-platform'

/** Short liveness timings, so that a link the app must give up on is given up on soon. */
const TIMINGS = { silenceLimitMs: 2_000, probeTimeoutMs: 1_500, connectTimeoutMs: 2_000 }
/** An invite's account of a few kilobytes: longer to cross a slow link than the silence and the probe's time. */
const LONG_ACCOUNT = 'A long account of the problem. '.repeat(70)

/**
 * A platform whose heartbeat never ends a connection (a broken one), one expert, and a proxy before
 * it carrying what the platform sends at `bytesPerSecond`.
 */
async function platformBehindSlowLink(defer: ReturnType<typeof useCleanup>, bytesPerSecond: number) {
  const platform = await startTestPlatform()
  defer(() => platform.close())
  Object.assign(platform.server.io.engine.opts, { pingInterval: 600_000, pingTimeout: 600_000 })
  const expert = platform.addExpert()
  const proxy = await FaultProxy.start(platform.server.port)
  defer(() => proxy.close())
  proxy.trickle(bytesPerSecond)
  const core = await startCoreFor(proxy.url, expert, { timings: TIMINGS })
  defer(() => core.close(true))
  await core.waitForState((s) => s.status === 'online')
  return { platform, expert, proxy, core }
}

/** As `platformBehindSlowLink`, with a proxy that passes on what the platform sends only as the test says. */
async function platformBehindCutProxy(defer: ReturnType<typeof useCleanup>) {
  const platform = await startTestPlatform()
  defer(() => platform.close())
  Object.assign(platform.server.io.engine.opts, { pingInterval: 600_000, pingTimeout: 600_000 })
  const expert = platform.addExpert()
  const proxy = await startCutProxy(platform.server.port)
  defer(() => proxy.close())
  const core = await startCoreFor(proxy.url, expert, { timings: TIMINGS })
  defer(() => core.close(true))
  await core.waitForState((s) => s.status === 'online')
  return { platform, expert, proxy, core }
}

describe('a link that brings a message part way', () => {
  const defer = useCleanup()

  it('is found dead, and the expert told, when it slows to a byte now and then', async () => {
    const { platform, expert, proxy, core } = await platformBehindSlowLink(defer, 1_000_000)
    proxy.slowTo(2)
    platform.inviteDirectly(expert.id, 'Never whole', LONG_ACCOUNT)
    const told = await core.waitForState((s) => s.status !== 'online' && s.status !== 'checking')
    expect(told).toMatchObject({ status: expect.stringMatching(/^(connecting|reconnecting|offline)$/) })
    expect(core.adapters.notifier.shown).toEqual([])
  })

  it('is waited for while it carries a few hundred bytes a second, and the invite shown over that one connection', async () => {
    const { platform, expert, proxy, core } = await platformBehindSlowLink(defer, 400)
    platform.inviteDirectly(expert.id, 'A long story', LONG_ACCOUNT)
    await core.waitForNotifications(1)
    expect(core.adapters.notifier.shown.map((n) => n.title)).toEqual([
      expect.stringContaining('A long story'),
    ])
    expect(proxy.opened).toBe(1)
  })

  it('is found dead, and the expert told, when it brings half a message and then nothing', async () => {
    const { platform, expert, proxy, core } = await platformBehindCutProxy(defer)
    proxy.hold()
    platform.inviteDirectly(expert.id, 'Cut in half', LONG_ACCOUNT)
    // About half of the invite's message, as one chunk: the rest never comes.
    await proxy.letThrough(LONG_ACCOUNT.length / 2)
    const told = await core.waitForState((s) => s.status !== 'online' && s.status !== 'checking')
    expect(told).toMatchObject({ status: expect.stringMatching(/^(connecting|reconnecting|offline)$/) })
    expect(core.adapters.notifier.shown).toEqual([])
  })

  it('is found dead, and the expert told, when what comes after half a message is no part of it', async () => {
    const { proxy, core } = await platformBehindCutProxy(defer)
    proxy.hold()
    // The first frame of a message sent in several, and then only WebSocket pings, which the app
    // answers but which bring the message no nearer its end: bytes enough, for ever, a few at a time.
    await proxy.inject(Buffer.concat([Buffer.from([0x01, 3]), Buffer.from('42[')]))
    const ping = Buffer.concat([Buffer.from([0x89, 125]), Buffer.alloc(125, 0x70)])
    const pings = Buffer.concat(Array.from({ length: 10 }, () => ping))
    let sending = true
    const send = (): void => void proxy.inject(pings).then(() => sending && setImmediate(send))
    send()
    const told = await core.waitForState((s) => s.status !== 'online' && s.status !== 'checking')
    sending = false
    expect(told).toMatchObject({ status: expect.stringMatching(/^(connecting|reconnecting|offline)$/) })
  })
})
