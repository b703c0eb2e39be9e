import { subscribe, unsubscribe } from 'node:diagnostics_channel'
import type { Socket } from 'node:net'
import { describe, expect, it } from 'vitest'
import { BACKOFF_CAP_MS } from '../../../../src/main/core/connection/backoff'
import { ManualClock } from '../../../../src/shared/clock'
import { useCleanup } from '../../../support/cleanup'
import { FaultProxy } from '../../../support/fault-proxy'
import { recordingLog, type RecordingLog } from '../../../support/recording-log'
import { startCoreFor, type TestCore } from '../../../support/test-core'
import { startTestPlatform, type TestPlatform } from '../../../support/test-platform'

const SILENCE_MS = 8_000
const PROBE_MS = 5_000
const STEP_MS = 250

/** Moves the clock in steps until the core is online again (no attempt goes while it stands); how far it moved. */
async function untilOnline(core: TestCore, clock: ManualClock): Promise<number> {
  let waited = 0
  while (core.runtime.core.connection.status !== 'online') {
    clock.advance(STEP_MS)
    waited += STEP_MS
    await new Promise((resolve) => setImmediate(resolve))
  }
  return waited
}

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
      await untilOnline(core, clock)
    }
    // The one carrying the connection now: not one more for every link found dead.
    expect(open()).toBe(1)
  })

  it('is reconnected ever more slowly, logged once, when every connection dies soon after being let in', async () => {
    const log = recordingLog()
    const { core, proxy, clock } = await onlineThroughProxy(log)
    const before = log.lines.length
    const waits: number[] = []
    // Fewer than the platform's connections per sign-in: it cannot tell these died either.
    for (let i = 0; i < 5; i++) {
      proxy.hold()
      clock.advance(SILENCE_MS)
      await core.waitForState((s) => s.status === 'checking')
      clock.advance(PROBE_MS)
      const after = await core.waitForState((s) => s.status !== 'checking' && s.status !== 'online')
      const next = 'nextAttemptAt' in after ? after.nextAttemptAt : null
      waits.push(next === null ? 0 : next - core.runtime.core.platformClock.now())
      await untilOnline(core, clock)
    }
    // The first is a restart's, reconnected at once; from the second in a row on, the waits grow.
    expect(waits[0]).toBe(0)
    for (let i = 2; i < waits.length; i++) expect(waits[i]).toBeGreaterThanOrEqual(waits[i - 1] ?? 0)
    expect(waits.at(-1)).toBeGreaterThanOrEqual(0.75 * BACKOFF_CAP_MS)
    const lines = log.lines.slice(before).filter((line) => !/platform for its time|clock is/.test(line))
    expect(lines).toEqual([
      expect.stringMatching(/^info No word from the platform for a while: checking the connection$/),
      expect.stringMatching(/^warn The connection did not answer a check within 5 s\. Reconnecting\.$/),
      expect.stringMatching(/^info No word from the platform for a while: checking the connection$/),
      expect.stringMatching(
        /^warn Connection lost again soon after the platform let Standby in \(The connection did not answer a check within 5 s\.\); retrying ever more slowly/,
      ),
    ])
  })
})
