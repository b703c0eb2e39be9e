import { afterAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../../../../src/shared/clock'
import { FaultProxy } from '../../../support/fault-proxy'
import { startCoreFor, type TestCore } from '../../../support/test-core'
import { startTestPlatform, type TestPlatform } from '../../../support/test-platform'

const INVITES = 1_000
const RESTART_AT = [250, 500, 750]

/** A small deterministic generator, so a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed
  return () => (s = (s * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648
}

/** Let sockets and timers make progress between chaos steps, without waiting on time. */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

describe('chaos', () => {
  let platform: TestPlatform
  let proxy: FaultProxy
  let core: TestCore
  afterAll(async () => {
    core?.close(true)
    await proxy?.close()
    await platform?.close()
  })

  it('delivers 1,000 invites to the notifier exactly once across 3 platform restarts and random drops', async () => {
    platform = await startTestPlatform()
    proxy = await FaultProxy.start(platform.server.port)
    const expert = platform.addExpert()
    const clientId = platform.addClient()
    const clock = new ManualClock(Date.UTC(2026, 0, 5, 9))
    core = await startCoreFor(proxy.url, expert, {
      clock,
      timings: { connectTimeoutMs: 2_000, ackTimeoutMs: 3_000 },
    })
    // Retries wait on the core's manual clock: move it to each next attempt as soon as one is set.
    let reconnects = 0
    const wakers = new Set<() => void>()
    const waitUntil = (done: () => boolean): Promise<void> =>
      new Promise((resolve) => {
        const check = (): void => {
          if (!done()) return
          wakers.delete(check)
          resolve()
        }
        wakers.add(check)
        check()
      })
    core.runtime.core.states.add((state) => {
      if (process.env.CHAOS_DEBUG) console.log('state', clock.now(), JSON.stringify(state))
      if (state.status === 'online') reconnects++
      for (const wake of [...wakers]) wake()
      if ((state.status === 'reconnecting' || state.status === 'offline') && state.nextAttemptAt !== null) {
        const at = state.nextAttemptAt
        queueMicrotask(() => clock.advanceTo(Math.max(clock.now(), at)))
      }
    })
    await core.waitForState((s) => s.status === 'online')

    const rand = rng(42)
    const created: string[] = []
    const restarts = [...RESTART_AT]
    let stalled = false
    while (created.length < INVITES) {
      const burst = Math.min(INVITES - created.length, 1 + Math.floor(rand() * 20))
      for (let i = 0; i < burst; i++) {
        const { request } = platform.server.marketplace.createRequest({
          clientId,
          title: `Chaos ${created.length}`,
          kind: 'instant',
          direct: { expertId: expert.id, via: 'dashboard' },
        })
        created.push(request.id)
      }
      if (stalled) {
        proxy.stall(false)
        stalled = false
      }
      const roll = rand()
      const onlineCount = reconnects
      let cut = false
      if (roll < 0.3) {
        proxy.resetAll()
        cut = true
      } else if (roll < 0.4) {
        proxy.stall(true)
        stalled = true
      } else if (roll < 0.45) {
        proxy.refuse(true)
        await turn()
        proxy.resetAll()
        proxy.refuse(false)
        cut = true
      }
      if (restarts[0] !== undefined && created.length >= restarts[0]) {
        restarts.shift()
        await platform.stopServer()
        await turn()
        await platform.startServer()
        cut = true
      }
      // Mostly let the core come back before the next burst (live delivery and gap replays);
      // sometimes pile the next burst onto a connection that is still down (replay on connect).
      if (cut && rand() < 0.7) {
        proxy.stall(false)
        stalled = false
        await waitUntil(() => reconnects > onlineCount)
      }
      await turn()
    }
    proxy.stall(false)

    await core.waitForNotifications(INVITES)
    await core.waitForState((s) => s.status === 'online')
    await core.runtime.core.settled()
    const latest = platform.server.marketplace.events.latestId(expert.id)
    expect(core.runtime.cache.cursor()).toBe(latest)

    const notified = core.adapters.notifier.shown.flatMap((n) => (n.kind === 'invite' ? [n.inviteId] : []))
    expect(notified).toHaveLength(INVITES)
    expect(new Set(notified).size).toBe(INVITES)
    const inviteIds = platform.server.marketplace.db
      .prepare('SELECT id FROM invites WHERE expert_id = ?')
      .pluck()
      .all(expert.id) as string[]
    expect(new Set(notified)).toEqual(new Set(inviteIds))
    // The chaos really happened: connections were cut and the core came back many times.
    expect(proxy.resets).toBeGreaterThan(20)
    expect(reconnects).toBeGreaterThan(20)
    console.log(`chaos: ${proxy.resets} connections reset, ${reconnects} reconnects, 3 platform restarts`)

    // One more drop after everything arrived: replaying again shows nothing twice.
    proxy.resetAll()
    await core.waitForState((s) => s.status !== 'online')
    await core.waitForState((s) => s.status === 'online')
    await core.runtime.core.settled()
    expect(core.adapters.notifier.shown.filter((n) => n.kind === 'invite')).toHaveLength(INVITES)
  })
})
