import { afterAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../../../../src/shared/clock'
import { MOST_NOTIFICATIONS_HELD } from '../../../../src/main/core/ports/notifier'
import { FaultProxy } from '../../../support/fault-proxy'
import { seededRandom } from '../../../support/mutation-fuzz'
import { stallTimer, waitingFor, type WaitingFor } from '../../../support/stall-timer'
import { backUpPlatform, restorePlatform } from '../../../support/platform-backup'
import { startCoreFor, type TestCore } from '../../../support/test-core'
import { startTestPlatform, type TestPlatform } from '../../../support/test-platform'

const INVITES = 1_000
const RESTART_AT = [250, 500, 750]
/** The restart at which the platform's database is backed up, and the one at which it is restored. */
const BACKUP_AT = 250
const RESTORE_AT = 500
/** A link that carries a page in slices over many turns, yet lets the run finish. */
const TRICKLE_BYTES_PER_SECOND = 64_000
/** How long the core may do nothing (no state change, no notification) before a step fails saying which. */
const FAILSAFE_MS = 40_000
/** Trickling links run on real time, which a busy machine stretches. */
const RUN_TIMEOUT_MS = 120_000
const TIMINGS = { connectTimeoutMs: 2_000, ackTimeoutMs: 3_000, silenceLimitMs: 8_000, probeTimeoutMs: 5_000 }

/** Let sockets and timers make progress between chaos steps, without waiting on time. */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

describe('chaos', { timeout: RUN_TIMEOUT_MS }, () => {
  let platform: TestPlatform
  let proxy: FaultProxy
  let core: TestCore
  afterAll(async () => {
    core?.close(true)
    await proxy?.close()
    await platform?.close()
  })

  it('delivers 1,000 invites to the notifier exactly once across platform restarts, a restored backup, and dropped, stalled, dead and trickling connections', async () => {
    platform = await startTestPlatform()
    proxy = await FaultProxy.start(platform.server.port)
    const expert = platform.addExpert()
    const clientId = platform.addClient()
    const clock = new ManualClock(Date.UTC(2026, 0, 5, 9))
    // Silence and probes run on their own clock, moved only to let the core find a dead link.
    const linkClock = new ManualClock(Date.UTC(2026, 0, 5, 9))
    core = await startCoreFor(proxy.url, expert, { clock, linkClock, timings: TIMINGS })
    // Retries wait on the core's manual clock: move it to each next attempt as soon as one is set.
    let reconnects = 0
    const wakers = new Set<() => void>()
    // Woken by every state change and notification, each of which is progress and starts the
    // failsafe over: it turns a hang into a message, never a busy machine's slow replay of a thousand.
    const waitUntil = (done: () => boolean, what: WaitingFor): Promise<void> =>
      new Promise((resolve, reject) => {
        const failsafe = stallTimer(FAILSAFE_MS, () => {
          wakers.delete(check)
          reject(
            new Error(
              `chaos: still waiting until ${waitingFor(what)}; nothing happened for ${FAILSAFE_MS} ms`,
            ),
          )
        })
        const check = (): void => {
          if (!done()) return failsafe.progress()
          failsafe.stop()
          wakers.delete(check)
          resolve()
        }
        wakers.add(check)
        check()
      })
    const wakeAll = (): void => {
      for (const wake of [...wakers]) wake()
    }
    core.adapters.notifier.onShow(wakeAll)
    core.runtime.core.states.add((state) => {
      if (process.env.CHAOS_DEBUG)
        console.log('state', Math.round(performance.now()), clock.now(), JSON.stringify(state))
      if (state.status === 'online') reconnects++
      wakeAll()
      if ((state.status === 'reconnecting' || state.status === 'offline') && state.nextAttemptAt !== null) {
        // The next try is told in the platform's time; the core's timers run on this clock.
        const wait = state.nextAttemptAt - core.runtime.core.platformClock.now()
        queueMicrotask(() => clock.advance(Math.max(0, wait)))
      }
    })
    await core.waitForState((s) => s.status === 'online')

    const rand = seededRandom(42)
    const created: string[] = []
    // Read from the platform running now: a restart opens its database anew.
    const inviteIdsOf = (requestId: string): string[] =>
      platform.server.marketplace.db
        .prepare('SELECT id FROM invites WHERE request_id = ?')
        .pluck()
        .all(requestId) as string[]
    const restarts = [...RESTART_AT]
    const done = { dead: 0, trickled: 0, stalledDown: 0 }
    let backup: string | undefined
    let lostByRestore: string[] = []
    let stalled = false
    let trickling = false
    const invite = (): void => {
      const { request } = platform.server.marketplace.createRequest({
        clientId,
        title: `Chaos ${created.length}`,
        kind: 'instant',
        direct: { expertId: expert.id, via: 'dashboard' },
      })
      created.push(...inviteIdsOf(request.id))
    }
    while (created.length < INVITES) {
      const burst = Math.min(INVITES - created.length, 1 + Math.floor(rand() * 20))
      for (let i = 0; i < burst; i++) invite()
      if (stalled) {
        proxy.stall(false)
        stalled = false
      }
      const roll = rand()
      const onlineCount = reconnects
      let cut = false
      if (roll < 0.22) {
        proxy.resetAll()
        cut = true
      } else if (roll < 0.3) {
        proxy.stall(true)
        stalled = true
      } else if (roll < 0.35) {
        // Replays and probes reach the platform; what it sends back waits.
        proxy.stall(true, 'down')
        stalled = true
        done.stalledDown++
      } else if (roll < 0.4) {
        proxy.refuse(true)
        await turn()
        proxy.resetAll()
        proxy.refuse(false)
        cut = true
      } else if (roll < 0.47) {
        // A working link dies without a FIN or RST, both ways or only the platform's side: the core
        // must notice the silence, find its probe unanswered and connect again. (An attempt held
        // before its welcome is the welcome timer's, on the core's clock, which moves only to retries.)
        const direction = rand() < 0.5 ? 'both' : 'down'
        if (core.runtime.core.connection.status === 'online') {
          proxy.hold(direction)
          linkClock.advance(TIMINGS.silenceLimitMs)
          linkClock.advance(TIMINGS.probeTimeoutMs)
          done.dead++
        } else proxy.resetAll()
        cut = true
      } else if (roll < 0.53) {
        // The next connections trickle (or stop trickling); this one is dropped to make way for them.
        trickling = !trickling
        proxy.trickle(trickling ? TRICKLE_BYTES_PER_SECOND : null)
        if (trickling) done.trickled++
        proxy.resetAll()
        cut = true
      }
      if (restarts[0] !== undefined && created.length >= restarts[0]) {
        const at = restarts.shift()
        await platform.stopServer()
        if (at === BACKUP_AT) backup = backUpPlatform(platform)
        if (at === RESTORE_AT && backup !== undefined) {
          restorePlatform(platform, backup)
          proxy.refuse(true)
        }
        await turn()
        await platform.startServer()
        if (at === RESTORE_AT) {
          // Everything since the backup is gone from the platform, shown or not.
          const kept = new Set(platform.server.marketplace.db.prepare('SELECT id FROM invites').pluck().all())
          lostByRestore = created.filter((id) => !kept.has(id))
          // The restored platform grows past the app's cursor before the app is back: only the
          // stream's identity can tell its events from the ones the app already has.
          const cursor = core.runtime.cache.cursor()
          while (platform.server.marketplace.events.latestId(expert.id) <= cursor) invite()
          proxy.refuse(false)
        }
        cut = true
      }
      // Mostly let the core come back before the next burst (live delivery and gap replays);
      // sometimes pile the next burst onto a connection that is still down (replay on connect).
      if (cut && rand() < 0.7) {
        proxy.stall(false)
        stalled = false
        await waitUntil(() => reconnects > onlineCount, 'the core is back online')
      }
      await turn()
    }
    proxy.stall(false)
    proxy.trickle(null)

    const inviteIds = platform.server.marketplace.db
      .prepare('SELECT id FROM invites WHERE expert_id = ?')
      .pluck()
      .all(expert.id) as string[]
    const shownInvites = (): string[] =>
      core.adapters.notifier.shown.flatMap((n) => (n.kind === 'invite' ? [n.inviteId] : []))
    const notShown = (): string[] => {
      const shown = new Set(shownInvites())
      return inviteIds.filter((id) => !shown.has(id))
    }
    // Counted when the wait stalls: counted when it began, it was every invite a slow replay had not reached.
    await waitUntil(
      () => notShown().length === 0,
      () => `every invite the platform holds is shown (${notShown().length} not yet, first ${notShown()[0]})`,
    )
    await core.waitForState((s) => s.status === 'online')
    await core.runtime.core.settled()
    const latest = platform.server.marketplace.events.latestId(expert.id)
    expect(core.runtime.cache.cursor()).toBe(latest)

    const notified = shownInvites()
    // Nothing shown twice, nothing the platform never sent, and everything the platform holds shown.
    expect(notified.length).toBe(new Set(notified).size)
    expect(created).toEqual(expect.arrayContaining(notified))
    expect(notified).toEqual(expect.arrayContaining(inviteIds))
    expect(inviteIds).toHaveLength(INVITES - lostByRestore.length)
    // No Join is left on screen for an invite the restored platform forgot: each one shown was
    // taken off. The screen holds the latest invites, as many as the notifier keeps there.
    const { notifier } = core.adapters
    const onScreen = notifier.onScreen.map((n) => n.inviteId)
    const forgottenShown = lostByRestore.filter((id) => notified.includes(id))
    expect(forgottenShown.length).toBeGreaterThan(0)
    expect(notifier.removed).toEqual(expect.arrayContaining(forgottenShown))
    expect(onScreen.filter((id) => lostByRestore.includes(id))).toEqual([])
    expect(onScreen).toEqual(notified.filter((id) => inviteIds.includes(id)).slice(-MOST_NOTIFICATIONS_HELD))
    // The chaos really happened: connections were cut, held, trickled; the backup lost invites.
    expect(lostByRestore.length).toBeGreaterThan(0)
    expect(done.dead).toBeGreaterThan(1)
    expect(done.trickled).toBeGreaterThan(1)
    expect(done.stalledDown).toBeGreaterThan(1)
    expect(proxy.resets).toBeGreaterThan(20)
    expect(reconnects).toBeGreaterThan(20)
    console.log(
      `chaos: ${proxy.resets} connections reset, ${done.dead} died silently, ${done.trickled} trickle spells, ` +
        `${reconnects} reconnects, 3 platform restarts, ${lostByRestore.length} invites lost with the restored backup`,
    )

    // One more drop after everything arrived: replaying again shows nothing twice.
    const shownBefore = core.adapters.notifier.shown.filter((n) => n.kind === 'invite').length
    proxy.resetAll()
    await core.waitForState((s) => s.status !== 'online')
    await core.waitForState((s) => s.status === 'online')
    await core.runtime.core.settled()
    expect(core.adapters.notifier.shown.filter((n) => n.kind === 'invite')).toHaveLength(shownBefore)
  })
})
