import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { ofType } from '../../../support/expert-connection'
import { ManualClock } from '../../../../src/shared/clock'
import type { CacheChange, InviteLists } from '../../../../src/shared/ipc/contract'
import { startCoreFor, startOnlineCore, type TestCore } from '../../../support/test-core'
import { startTestPlatform, TEST_START, type TestPlatform } from '../../../support/test-platform'
import { useCleanup } from '../../../support/cleanup'

describe('an invite that was shown and then closes', () => {
  const defer = useCleanup()

  it('withdrawn by the client: the notifier hears once that it closed, with why', async () => {
    const { platform, expert, core } = await startOnlineCore(defer)
    const created = platform.inviteDirectly(expert.id, 'Hooks question')
    await core.waitForNotifications(1)
    platform.server.marketplace.withdrawRequest(created.request.id)
    await core.waitForNotifications(2)
    const inviteId = core.runtime.cache.missedInvites(core.runtime.core.platformClock.now(), 1)[0]?.id
    expect(core.adapters.notifier.shown).toEqual([
      expect.objectContaining({
        kind: 'invite',
        inviteId,
        title: expect.stringContaining(': Hooks question'),
      }),
      {
        kind: 'invite_closed',
        inviteId,
        requestId: created.request.id,
        reason: 'withdrawn',
        title: 'Hooks question',
        body: 'The client withdrew it.',
      },
    ])
  })

  it('signing out takes down the notifications of the invites still open: no Join acts for an expert gone', async () => {
    const { platform, expert, core } = await startOnlineCore(defer)
    platform.inviteDirectly(expert.id, 'Hooks question')
    await core.waitForNotifications(1)
    const inviteId = core.runtime.cache.openInvites(core.runtime.core.platformClock.now())[0]?.id
    await core.runtime.core.signOut()
    expect(core.adapters.notifier.shown.slice(1)).toEqual([
      expect.objectContaining({ kind: 'all_withdrawn', title: 'Signed out' }),
      expect.objectContaining({ kind: 'invite_closed', inviteId, title: 'Hooks question' }),
    ])
    expect(core.adapters.notifier.onScreen).toEqual([])
  })

  it('declined on another device while this one was closed: the closing is told on catch-up', async () => {
    const platform = await startTestPlatform()
    defer(() => platform.close())
    const expert = platform.addExpert()
    const created = platform.inviteDirectly(expert.id, 'Schema review')
    const core = await startCoreFor(platform.server.url, expert)
    defer(() => core.close(true))
    await core.waitForNotifications(1)
    await core.waitForState((s) => s.status === 'online')
    const inviteId = core.runtime.cache.openInvites(core.runtime.core.platformClock.now())[0]?.id ?? ''
    core.close()
    const elsewhere = await platform.connect(expert.token)
    defer(() => elsewhere.close())
    await elsewhere.command('invite.decline', { inviteId })
    await elsewhere.waitForEvent(ofType('invite.closed'))

    const again = await startCoreFor(platform.server.url, expert, { dir: core.dir })
    defer(() => again.close(true))
    await again.waitForNotifications(1)
    await again.waitForState((s) => s.status === 'online')
    expect(again.adapters.notifier.shown).toEqual([
      {
        kind: 'invite_closed',
        inviteId,
        requestId: created.request.id,
        reason: 'declined',
        title: 'Schema review',
        body: 'You declined it.',
      },
    ])
  })

  it('gone from a snapshot the cache was rebuilt from: the closing is told, without a reason', async () => {
    const platform = await startTestPlatform()
    defer(() => platform.close())
    const expert = platform.addExpert()
    const created = platform.inviteDirectly(expert.id, 'Regex help')
    const core = await startCoreFor(platform.server.url, expert)
    defer(() => core.close(true))
    await core.waitForNotifications(1)
    await core.waitForState((s) => s.status === 'online')
    const inviteId = core.runtime.cache.openInvites(core.runtime.core.platformClock.now())[0]?.id
    core.close()
    // A cursor whose digest is not known makes the next sync start from a snapshot.
    const db = new Database(core.cachePath)
    db.prepare('UPDATE sync_state SET cursor_digest = NULL').run()
    db.close()
    platform.server.marketplace.withdrawRequest(created.request.id)

    const again = await startCoreFor(platform.server.url, expert, { dir: core.dir })
    defer(() => again.close(true))
    await again.waitForNotifications(1)
    await again.waitForState((s) => s.status === 'online')
    expect(again.adapters.notifier.shown).toEqual([
      {
        kind: 'invite_closed',
        inviteId,
        requestId: created.request.id,
        reason: 'gone',
        title: 'Regex help',
        body: 'It is no longer open.',
      },
    ])
  })

  /**
   * An expert whose app was online once (having shown `shownFirst`, if given) and is now closed;
   * `reopen` starts it again on the same data, and resolves once it is online.
   */
  async function appAway(shownFirst?: string) {
    const platform = await startTestPlatform()
    defer(() => platform.close())
    const expert = platform.addExpert()
    const first = await startCoreFor(platform.server.url, expert)
    defer(() => first.close(true))
    await first.waitForState((s) => s.status === 'online')
    if (shownFirst !== undefined) {
      platform.inviteDirectly(expert.id, shownFirst)
      await first.waitForNotifications(1)
    }
    first.close()
    const reopen = async () => {
      const again = await startCoreFor(platform.server.url, expert, { dir: first.dir })
      defer(() => again.close(true))
      await again.waitForState((s) => s.status === 'online')
      return again
    }
    return { platform, expert, reopen }
  }

  it('never shown (created and closed while the app was away): nothing is said about it', async () => {
    const { platform, expert, reopen } = await appAway()
    const created = platform.inviteDirectly(expert.id, 'Gone before seen')
    platform.server.marketplace.withdrawRequest(created.request.id)
    platform.inviteDirectly(expert.id, 'Still open')

    const again = await reopen()
    await again.waitForNotifications(1)
    expect(again.adapters.notifier.shown.map((n) => `${n.kind}: ${n.title}`)).toEqual([
      'invite: Direct Client: Still open',
    ])
  })

  it('never shown though its opening and its closing came on different catch-up pages: nothing is said', async () => {
    // An event first, so that the next start catches up by replay rather than from a snapshot.
    const { platform, expert, reopen } = await appAway('Warm-up')
    const { marketplace } = platform.server
    const client = platform.addClient('Long Client')
    // Each invite about half a replay page, so openings and closings fall on different pages.
    const description = 'A long description of the problem. '.repeat(500)
    const gone = [0, 1, 2].map(
      (i) =>
        marketplace.createRequest({
          clientId: client,
          title: `Gone before seen ${i}`,
          description,
          kind: 'instant',
          direct: { expertId: expert.id, via: 'dashboard' },
        }).request.id,
    )
    for (const id of gone) marketplace.withdrawRequest(id)
    platform.inviteDirectly(expert.id, 'Still open')

    const again = await reopen()
    expect(again.adapters.notifier.shown.map((n) => `${n.kind}: ${n.title}`)).toEqual([
      'invite: Direct Client: Still open',
    ])
  })
})

describe('an invite whose time runs out while the platform cannot be reached', () => {
  const defer = useCleanup()

  it('has its notification taken down at its expiry, and the platform’s later word is not told again', async () => {
    const { platform, core, appClock } = await shownOneInvite(defer)
    const inviteId = core.adapters.notifier.onScreen[0]?.inviteId

    await platform.stopServer()
    // Past the instant invite's five minutes, by this computer's clock (the platform's as estimated).
    appClock.advance(6 * MINUTE)
    expect(core.adapters.notifier.onScreen).toEqual([])
    const closings = () => core.adapters.notifier.shown.filter((n) => n.kind === 'invite_closed')
    expect(closings()).toEqual([expect.objectContaining({ inviteId, body: 'It expired.' })])

    await backHavingExpiredIt(platform, core, appClock)
    expect(core.runtime.cache.openInvites(core.runtime.core.platformClock.now())).toEqual([])
    expect(closings()).toHaveLength(1)
  })

  it('stops counting as open in the tray and the pages at its expiry, and nothing of it is lost', async () => {
    const { platform, core, appClock } = await shownOneInvite(defer)
    const pushes: CacheChange[] = []
    defer(
      core.runtime.forwardPushes((channel, payload) => {
        if (channel === 'cache.changed') pushes.push(payload as CacheChange)
      }),
    )
    const tray = () => core.adapters.tray.current
    const list = async () => (await core.runtime.api['invites.list']()) as InviteLists
    expect(tray()?.openInvites).toBe(1)
    const [invite] = (await list()).open
    if (invite === undefined) throw new Error('The invite is not listed as open')

    await platform.stopServer()
    appClock.advanceTo(invite.expiresAt - 1)
    expect(tray()?.openInvites).toBe(1)
    appClock.advanceTo(invite.expiresAt)
    expect(tray()?.openInvites).toBe(0)
    expect(tray()?.statusLine).not.toContain('open invite')
    expect(pushes.at(-1)).toMatchObject({ full: false, invites: [{ id: invite.id, state: 'expired' }] })
    expect(await list()).toEqual({ open: [], missed: [{ ...invite, state: 'expired' }] })
    // The cache keeps the platform's last word until the platform's own closing arrives.
    expect(core.runtime.cache.invite(invite.id)?.state).toBe('open')

    await backHavingExpiredIt(platform, core, appClock)
    expect(core.runtime.cache.invite(invite.id)?.state).toBe('expired')
    expect((await list()).missed.map((i) => [i.id, i.state])).toEqual([[invite.id, 'expired']])
    expect(tray()?.openInvites).toBe(0)
  })
})

describe('an invite seen to expire, then the estimate of the platform’s clock moves back', () => {
  const defer = useCleanup()

  it('stays expired in the tray and the pages: no Join comes back for it', async () => {
    const { platform, core, appClock } = await shownOneInvite(defer)
    const list = async () => (await core.runtime.api['invites.list']()) as InviteLists
    const [invite] = (await list()).open
    if (invite === undefined) throw new Error('The invite is not listed as open')
    await platform.stopServer()
    appClock.advanceTo(invite.expiresAt)
    expect((await list()).open).toEqual([])
    // Two answers agreeing that the platform's clock is some seconds behind the estimate.
    const clock = core.runtime.core.platformClock
    for (let n = 0; n < 2; n++) {
      const reading = clock.reading()
      clock.record({ sent: reading, received: reading, serverTime: clock.now() - 20_000 })
    }
    expect(clock.now()).toBe(invite.expiresAt - 20_000)
    expect((await list()).open).toEqual([])
    // Anything that redraws the tray (here, notifications blocked in the OS) counts again.
    core.adapters.notifier.setHealth({ status: 'silenced', advice: 'Allow notifications.' })
    expect(core.adapters.tray.current?.openInvites).toBe(0)
  })
})

describe('an invite whose time runs out while the computer sleeps, offline', () => {
  const defer = useCleanup()

  it('has its notification taken down and stops counting as open as soon as the computer wakes', async () => {
    const { platform, core, appClock } = await shownOneInvite(defer)
    expect(core.adapters.tray.current?.openInvites).toBe(1)
    await platform.stopServer()
    // Asleep past the invite's five minutes: the wall clock ran on, while timers (which count on a
    // clock that stops in sleep) still wait the delay they were given.
    appClock.step(6 * MINUTE)
    core.adapters.power.resume()
    expect(core.adapters.notifier.onScreen).toEqual([])
    expect(core.adapters.tray.current?.openInvites).toBe(0)
  })
})

describe('an invite taken for expired at a wake just after the computer’s clock was set forward', () => {
  const defer = useCleanup()

  it('has its notification back once the platform’s answer says it is still open, shown once', async () => {
    const { core, appClock } = await shownOneInvite(defer)
    const [shown] = core.adapters.notifier.onScreen
    const clock = core.runtime.core.platformClock
    // Set forward 20 minutes and read at once (the window's countdown): taken for a setting.
    appClock.step(20 * MINUTE)
    clock.now()
    await Promise.resolve()
    // The screen unlocked a moment later: the wake reads the step as the sleep, past the five minutes.
    appClock.advance(2_000)
    const settled = new Promise<void>((resolve) => clock.borneOut.add(() => resolve()))
    core.adapters.power.resume()
    expect(core.adapters.notifier.onScreen).toEqual([])
    // The wake's probe: the platform's time says the step was a setting, and the invite is open.
    await settled
    expect(core.runtime.cache.openInvites(clock.now()).map((i) => i.id)).toEqual([shown?.inviteId])
    expect(core.adapters.notifier.onScreen).toEqual([shown])
    const invitesShown = core.adapters.notifier.shown.filter((n) => n.kind === 'invite')
    expect(invitesShown).toEqual([shown, shown])
  })
})

const MINUTE = 60_000

/** A platform and an online core on a clock of its own, shown one direct instant invite. */
async function shownOneInvite(defer: (fn: () => Promise<void> | void) => void) {
  const appClock = new ManualClock(TEST_START)
  const { platform, expert, core } = await startOnlineCore(defer, { appClock })
  platform.inviteDirectly(expert.id, 'Quick question')
  await core.waitForNotifications(1)
  return { platform, core, appClock }
}

/** The stopped platform comes back having expired the invite too, and the core catches up. */
async function backHavingExpiredIt(
  platform: TestPlatform,
  core: TestCore,
  appClock: ManualClock,
): Promise<void> {
  platform.clock.advance(6 * MINUTE)
  await platform.startServer()
  platform.server.marketplace.sweep()
  await reconnect(core, appClock)
}

/** Move the app's clock to each planned retry until the core is online again. */
async function reconnect(core: TestCore, clock: ManualClock): Promise<void> {
  for (let step = 0; step < 20; step++) {
    const state = await core.waitForState(
      (s) =>
        s.status === 'online' ||
        ((s.status === 'reconnecting' || s.status === 'offline') && s.nextAttemptAt !== null),
    )
    if (state.status === 'online') return
    if (state.status !== 'reconnecting' && state.status !== 'offline') continue
    clock.advanceTo(Math.max(clock.now(), state.nextAttemptAt ?? clock.now()))
    await core.waitForState((s) => s.status === 'online' || JSON.stringify(s) !== JSON.stringify(state))
  }
  throw new Error(`The core did not come back online: ${JSON.stringify(core.runtime.core.connection)}`)
}
