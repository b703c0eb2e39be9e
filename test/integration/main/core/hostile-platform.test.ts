import { describe, expect, it } from 'vitest'
import { PlatformLink, type LinkState } from '../../../../src/main/core/connection/platform-link'
import { socketIoTransport } from '../../../../src/main/node/socket-io-transport'
import { createPowerHook } from '../../../../src/main/node/adapters/power-hook'
import { ManualClock, systemClock } from '../../../../src/shared/clock'
import type { Invite } from '../../../../src/shared/protocol'
import { anExpert, anInvite, aRequest, aSnapshot, inviteCreated } from '../../../support/fixtures'
import { startHostilePlatform } from '../../../support/hostile-platform'
import { startTestCore, type TestCore } from '../../../support/test-core'
import { useCleanup } from '../../../support/cleanup'

const quiet = { info: () => {}, warn: () => {}, error: () => {} }

/** Counts a hostile platform's answers; `first` resolves at the first, for a test to wait on. */
function countCalls(): { readonly count: number; readonly first: Promise<void>; call(): number } {
  let count = 0
  let reached: () => void = () => {}
  const first = new Promise<void>((resolve) => (reached = resolve))
  return {
    get count() {
      return count
    },
    first,
    call() {
      if (++count === 1) reached()
      return count
    },
  }
}

/**
 * A platform that speaks for `who`: caught up when the app's digest is that expert's, otherwise a
 * snapshot of that expert (holding `invite` only for Ada).
 */
function answerAs(who: string, request: Record<string, unknown>, invite: Invite): unknown {
  return request.snapshot !== true && request.digest === `d_${who}`
    ? { kind: 'events', events: [], latestId: 1, hasMore: false }
    : {
        kind: 'snapshot',
        snapshot: aSnapshot({
          expert: anExpert({ id: who }),
          openInvites: who === 'exp_ada' ? [invite] : [],
          cursor: 1,
          cursorDigest: `d_${who}`,
          takenAt: Date.now(),
        }),
      }
}

describe('a hostile platform', () => {
  const defer = useCleanup()

  /** Ada's core on the hostile platform at `url`, closed after the test. */
  async function adaOn(url: string): Promise<TestCore> {
    const core = await startTestCore({ platformUrl: url, token: 't', expertId: 'exp_ada' })
    defer(() => core.close(true))
    return core
  }

  /** Ada's core on `url` with a manual clock, and every status it passes through, in order. */
  async function adaWithClock(url: string): Promise<{ core: TestCore; clock: ManualClock; seen: string[] }> {
    const clock = new ManualClock(Date.now())
    const core = await startTestCore({ platformUrl: url, token: 't', expertId: 'exp_ada', clock })
    defer(() => core.close(true))
    const seen: string[] = []
    core.runtime.core.states.add(() => seen.push(core.runtime.core.connection.status))
    return { core, clock, seen }
  }

  it.each([
    ['that never ends', () => 'inv_a'],
    ['whose next keeps moving on under new ids', (part: number) => `inv_${1000 + part}`],
  ])('sending a snapshot in parts %s: the core stops asking and says it cannot follow', async (_, nextId) => {
    let parts = 0
    let looping: (outcome: string) => void = () => {}
    const looped = new Promise<string>((resolve) => (looping = resolve))
    const platform = await startHostilePlatform({
      welcome: () => ({ latestEventId: 1 }),
      replay: () => {
        if (++parts === 100) looping('still asking after 100 parts')
        return {
          kind: 'snapshot',
          snapshot: { ...aSnapshot({ cursor: 1 }), next: { list: 'openInvites', id: nextId(parts) } },
        }
      },
    })
    defer(() => platform.close())
    const core = await adaOn(platform.url)
    const outcome = await Promise.race([
      looped,
      core.waitForState((s) => s.status === 'incompatible').then((s) => s.status),
    ])
    expect(outcome).toBe('incompatible')
  })

  it('answering every catch-up with a whole snapshot: the core stops asking and says it cannot follow', async () => {
    let snapshots = 0
    let looping: (outcome: string) => void = () => {}
    const looped = new Promise<string>((resolve) => (looping = resolve))
    const platform = await startHostilePlatform({
      welcome: () => ({ latestEventId: 1 }),
      replay: () => {
        if (++snapshots === 100) looping('still rebuilding after 100 snapshots')
        return { kind: 'snapshot', snapshot: aSnapshot({ cursor: 1, cursorDigest: `d${snapshots}` }) }
      },
    })
    defer(() => platform.close())
    const core = await adaOn(platform.url)
    const outcome = await Promise.race([
      looped,
      core.waitForState((s) => s.status === 'incompatible').then((s) => s.status),
    ])
    expect(outcome).toBe('incompatible')
  })

  it('answering every catch-up with something that is not a replay page: the core retries once unseen, then says so, and keeps asking', async () => {
    const asked = countCalls()
    const platform = await startHostilePlatform({
      welcome: () => ({ latestEventId: 1 }),
      replay: () => {
        asked.call()
        return { kind: 'events', events: 'not a list' }
      },
    })
    defer(() => platform.close())
    const { core, clock, seen } = await adaWithClock(platform.url)
    await asked.first
    await core.runtime.core.settled()
    // One failure, retried after the shortest wait: not worth an "offline" that flashes.
    expect(core.runtime.core.connection.status).toBe('connecting')
    clock.advance(1_000)
    const shown = await core.waitForState((s) => s.status === 'offline')
    expect(asked.count).toBe(2)
    expect(seen).not.toContain('online')
    expect(seen.indexOf('offline')).toBe(seen.length - 1)
    expect(shown).toMatchObject({
      reason: expect.stringMatching(
        /could not catch up with the platform \(The platform sent a malformed replay page\)/,
      ),
    })
  })

  it('a storm of wakes while connecting: one connection, not one per wake', async () => {
    const platform = await startHostilePlatform({
      replay: () => ({ kind: 'snapshot', snapshot: aSnapshot() }),
    })
    defer(() => platform.close())
    const power = createPowerHook()
    const link = new PlatformLink(platform.url, 't', {
      transport: socketIoTransport,
      clock: systemClock,
      power,
      log: quiet,
    })
    defer(() => link.stop())
    const connected = new Promise<LinkState>((resolve) =>
      link.states.add((s) => s.kind === 'connected' && resolve(s)),
    )
    link.start()
    for (let i = 0; i < 100; i++) {
      power.resume()
      power.networkChanged()
    }
    await connected
    expect(platform.connections()).toBe(1)
  })

  it('a wake or a network change during every connection attempt: the attempt goes on instead of starting over', async () => {
    const power = createPowerHook()
    let wakes = 0
    const platform = await startHostilePlatform({
      welcome: () => {
        // The machine reports a wake as each connection reaches the platform, before its welcome.
        if (wakes++ < 20) {
          power.resume()
          power.networkChanged()
        }
        return {}
      },
      replay: () => ({ kind: 'snapshot', snapshot: aSnapshot() }),
    })
    defer(() => platform.close())
    const link = new PlatformLink(platform.url, 't', {
      transport: socketIoTransport,
      clock: systemClock,
      power,
      log: quiet,
    })
    defer(() => link.stop())
    const connected = new Promise<LinkState>((resolve) =>
      link.states.add((s) => s.kind === 'connected' && resolve(s)),
    )
    link.start()
    await connected
    expect(platform.connections()).toBe(1)
  })

  it('welcoming as another expert: the cache of the signed-in expert stays and no invite shows twice', async () => {
    const invite = anInvite({
      request: aRequest({ id: 'req_1', createdAt: Date.now() }),
      expiresAt: Date.now() + 3_600_000,
    })
    let who = 'exp_ada'
    let answered: () => void = () => {}
    const platform = await startHostilePlatform({
      welcome: () => ({ expertId: who, latestEventId: 1 }),
      replay: (request) => (answered(), answerAs(who, request, invite)),
    })
    defer(() => platform.close())
    const core = await adaOn(platform.url)
    await core.waitForNotifications(1)
    await core.waitForState((s) => s.status === 'online')
    who = 'exp_mallory'
    const refused = core.waitForState((s) => s.status === 'reconnecting' && /another account/.test(s.reason))
    const followed = new Promise<string>((resolve) => (answered = () => resolve('followed')))
    platform.io.disconnectSockets()
    expect(await Promise.race([refused.then(() => 'refused'), followed])).toBe('refused')
    expect(core.runtime.cache.expert()?.id).toBe('exp_ada')
    expect(core.runtime.cache.openInvites(core.runtime.core.platformClock.now())).toEqual([invite])
    who = 'exp_ada'
    await core.waitForState((s) => s.status === 'online')
    await core.runtime.core.settled()
    expect(core.runtime.cache.openInvites(core.runtime.core.platformClock.now())).toEqual([invite])
    expect(core.adapters.notifier.shown.filter((n) => n.kind === 'invite')).toHaveLength(1)
  })

  it('sending live events on a connection that then drops: they are not applied on the next one, whose history may differ', async () => {
    const old = anInvite({
      request: aRequest({ id: 'req_old', title: 'From a history since rolled back', createdAt: Date.now() }),
      expiresAt: Date.now() + 3_600_000,
    })
    let connection = 0
    const platform = await startHostilePlatform({
      welcome: () => ({ latestEventId: ++connection === 1 ? 2 : 1 }),
      replay: (request, socket) => {
        if (connection === 1) {
          // Sent while the app is still catching up, then the connection goes.
          socket.emit('platform-event', inviteCreated(2, old, Date.now()))
          socket.disconnect(true)
          return new Promise(() => {})
        }
        return request.digest === 'd1'
          ? { kind: 'events', events: [], latestId: 1, hasMore: false }
          : { kind: 'snapshot', snapshot: aSnapshot({ cursor: 1, cursorDigest: 'd1', takenAt: Date.now() }) }
      },
    })
    defer(() => platform.close())
    const core = await adaOn(platform.url)
    await core.waitForState((s) => s.status === 'online' && connection === 2)
    await core.runtime.core.settled()
    expect(core.runtime.cache.openInvites(core.runtime.core.platformClock.now())).toEqual([])
    expect(core.runtime.cache.cursor()).toBe(1)
    expect(core.adapters.notifier.shown).toEqual([])
  })

  it("sending another expert's snapshot: the signed-in expert's cache stays and no invite shows twice", async () => {
    const invite = anInvite({
      request: aRequest({ id: 'req_1', createdAt: Date.now() }),
      expiresAt: Date.now() + 3_600_000,
    })
    let whose = 'exp_ada'
    const platform = await startHostilePlatform({
      replay: (request) => answerAs(whose, request, invite),
    })
    defer(() => platform.close())
    const core = await adaOn(platform.url)
    await core.waitForNotifications(1)
    await core.waitForState((s) => s.status === 'online')
    whose = 'exp_mallory'
    platform.io.disconnectSockets()
    await core.waitForState((s) => s.status !== 'online')
    const state = await core.waitForState((s) => s.status === 'incompatible' || s.status === 'online')
    expect(state).toMatchObject({ status: 'incompatible', message: expect.stringMatching(/another expert/) })
    expect(core.runtime.cache.expert()?.id).toBe('exp_ada')
    expect(core.runtime.cache.openInvites(core.runtime.core.platformClock.now())).toEqual([invite])
    whose = 'exp_ada'
    platform.io.disconnectSockets()
    await core.waitForState((s) => s.status !== 'incompatible')
    await core.waitForState((s) => s.status === 'online')
    await core.runtime.core.settled()
    expect(core.adapters.notifier.shown.filter((n) => n.kind === 'invite')).toHaveLength(1)
  })

  it('sending a snapshot the core refuses, then a good one: the core stays off line on the bad one, goes online on the good one and applies the live event sent next, once', async () => {
    const answers = countCalls()
    const platform = await startHostilePlatform({
      welcome: () => ({ latestEventId: 1 }),
      replay: (request) => {
        if (request.snapshot !== true && request.digest === 'd1') {
          return { kind: 'events', events: [], latestId: 1, hasMore: false }
        }
        const good = aSnapshot({ cursor: 1, cursorDigest: 'd1', takenAt: Date.now() })
        if (answers.call() > 1) return { kind: 'snapshot', snapshot: good }
        return { kind: 'snapshot', snapshot: { ...good, cursor: 'one' } }
      },
    })
    defer(() => platform.close())
    const { core, clock, seen } = await adaWithClock(platform.url)
    await answers.first
    await core.runtime.core.settled()
    expect(core.runtime.cache.cursor()).toBe(0)
    // The refused snapshot is asked for again after the shortest wait.
    clock.advance(1_000)
    await core.waitForState((s) => s.status === 'online')
    expect(answers.count).toBe(2)
    expect(seen.indexOf('online')).toBe(seen.length - 1)
    const invite = anInvite({
      request: aRequest({ id: 'req_live', createdAt: clock.now() }),
      sentAt: clock.now(),
      expiresAt: clock.now() + 3_600_000,
    })
    platform.io.emit('platform-event', inviteCreated(2, invite, clock.now()))
    await core.waitForNotifications(1)
    await core.runtime.core.settled()
    expect(core.runtime.cache.cursor()).toBe(2)
    expect(core.adapters.notifier.shown.filter((n) => n.kind === 'invite')).toHaveLength(1)
  })
})
