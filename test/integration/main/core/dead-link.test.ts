import { subscribe, unsubscribe } from 'node:diagnostics_channel'
import type { Socket } from 'node:net'
import { describe, expect, it } from 'vitest'
import { ManualClock } from '../../../../src/shared/clock'
import { useCleanup } from '../../../support/cleanup'
import { FaultProxy } from '../../../support/fault-proxy'
import { recordingLog, type RecordingLog } from '../../../support/recording-log'
import { startCoreFor, type TestCore } from '../../../support/test-core'
import { startTestPlatform, type TestPlatform } from '../../../support/test-platform'

const SILENCE_MS = 8_000
const PROBE_MS = 5_000

describe('a connection that dies without a word', () => {
  const defer = useCleanup()

  async function onlineThroughProxy(log?: RecordingLog): Promise<{
    core: TestCore
    proxy: FaultProxy
    clock: ManualClock
    platform: TestPlatform
    expertId: string
  }> {
    const platform = await startTestPlatform()
    defer(() => platform.close())
    const expert = platform.addExpert()
    const proxy = await FaultProxy.start(platform.server.port)
    defer(() => proxy.close())
    const clock = new ManualClock(Date.UTC(2026, 0, 5, 9))
    const core = await startCoreFor(proxy.url, expert, {
      clock,
      linkClock: clock,
      timings: { silenceLimitMs: SILENCE_MS, probeTimeoutMs: PROBE_MS },
      ...(log && { log }),
    })
    defer(() => core.close(true))
    await core.waitForState((s) => s.status === 'online')
    return { core, proxy, clock, platform, expertId: expert.id }
  }

  it('is probed after a silence, shown as "Checking connection…" meanwhile, and replaced when the probe goes unanswered', async () => {
    const { core, proxy, clock } = await onlineThroughProxy()
    // A blackhole: no FIN, no RST, nothing in either direction.
    proxy.stall(true)
    clock.advance(SILENCE_MS)
    await core.waitForState((s) => s.status === 'checking')
    expect(core.adapters.tray.current?.statusLine).toMatch(/^Checking connection…/)
    clock.advance(PROBE_MS)
    await core.waitForState((s) => s.status !== 'checking' && s.status !== 'online')
    proxy.stall(false)
    await core.waitForState((s) => s.status === 'online')
  })

  it('is probed at once on a wake or a network change, and stays online when the platform answers', async () => {
    const { core } = await onlineThroughProxy()
    for (const signal of [() => core.adapters.power.resume(), () => core.adapters.power.networkChanged()]) {
      const seen: string[] = []
      const off = core.runtime.core.states.add((s) => seen.push(s.status))
      signal()
      await core.waitForState((s) => s.status === 'online' && seen.includes('checking'))
      off()
      // Answered on the same connection: no reconnect in between.
      expect(seen).toEqual(['checking', 'online'])
    }
  })

  it('probes afresh on a network change while a check is out, and takes the earlier check’s answer without a word of anything amiss', async () => {
    const log = recordingLog()
    const { core, proxy, clock } = await onlineThroughProxy(log)
    // A slow link: the platform's answers are held a while, so the check the silence sets off waits.
    proxy.stall(true, 'down')
    clock.advance(SILENCE_MS)
    await core.waitForState((s) => s.status === 'checking')
    core.adapters.power.networkChanged()
    proxy.stall(false)
    await core.waitForState((s) => s.status === 'online')
    // Both checks were answered, in order, on the one connection: neither is a stray answer.
    core.adapters.power.resume()
    await core.waitForState((s) => s.status === 'online')
    expect(log.lines.filter((line) => line.includes('passed it over'))).toEqual([])
  })

  it('is replaced when the platform leaves a probe unanswered, though whole messages still come after it', async () => {
    const { core, clock, platform, expertId } = await onlineThroughProxy()
    // The platform's side of this connection stops answering probes; what it pushes still comes.
    for (const socket of platform.server.io.of('/').sockets.values()) socket.removeAllListeners('probe')
    core.adapters.power.resume()
    await core.waitForState((s) => s.status === 'checking')
    clock.advance(PROBE_MS - 1)
    platform.inviteDirectly(expertId, 'Pushed while the probe waits')
    await core.waitForNotifications(1)
    clock.advance(1)
    await core.waitForState((s) => s.status !== 'checking' && s.status !== 'online')
    await core.waitForState((s) => s.status === 'online')
  })

  it('is replaced within the silence and the probe’s time when the platform’s pushes still come but nothing the app sends reaches it, each invite shown once', async () => {
    const { core, proxy, clock, platform, expertId } = await onlineThroughProxy()
    // Half open: the platform still sends (an invite every second here); what the app sends is held.
    proxy.stall(true, 'up')
    const states: string[] = []
    const off = core.runtime.core.states.add((s) => states.push(s.status))
    let pushed = 0
    for (let t = 0; t < SILENCE_MS + PROBE_MS && !states.includes('connecting'); t += 1_000) {
      platform.inviteDirectly(expertId, `Pushed over the half-open link ${++pushed}`)
      await core.waitForNotifications(pushed)
      clock.advance(1_000)
    }
    off()
    expect(states).toContain('connecting')
    proxy.stall(false)
    await core.waitForState((s) => s.status === 'online')
    platform.inviteDirectly(expertId, 'Sent once the link carries both ways')
    await core.waitForNotifications(pushed + 1)
    const titles = core.adapters.notifier.shown.map((n) => n.title)
    expect(new Set(titles).size).toBe(titles.length)
  })

  it('lets each connection it gave up on go at once, however many links die in a row', async () => {
    // The app's own sockets, as Node makes them: those to the proxy that are not yet destroyed.
    const made: Socket[] = []
    const onSocket = (message: unknown): void => void made.push((message as { socket: Socket }).socket)
    subscribe('net.client.socket', onSocket)
    defer(() => void unsubscribe('net.client.socket', onSocket))
    const { core, proxy, clock } = await onlineThroughProxy()
    const open = (): number => made.filter((s) => !s.destroyed && s.remotePort === proxy.port).length
    // Fewer than the platform's connections per sign-in: it cannot tell these died either.
    for (let i = 0; i < 5; i++) {
      // Dead both ways: the platform never answers the close either.
      proxy.hold()
      clock.advance(SILENCE_MS)
      await core.waitForState((s) => s.status === 'checking')
      clock.advance(PROBE_MS)
      await core.waitForState((s) => s.status !== 'checking' && s.status !== 'online')
      await core.waitForState((s) => s.status === 'online')
    }
    // The one carrying the connection now: not one more for every link found dead.
    expect(open()).toBe(1)
  })
})
