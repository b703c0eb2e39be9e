import { describe, expect, it } from 'vitest'
import { mayHaveHappened } from '../../../../src/shared/unanswered-command'
import { BACKOFF_START_MS } from '../../../../src/main/core/connection/backoff'
import { useCleanup } from '../../../support/cleanup'
import {
  acceptedAgainOnce,
  acceptWhoseAnswerIsHeld,
  invitedDirectly,
  pressedUntilTaken,
  startProxiedExpert,
} from '../../../support/proxied-expert'
import { backUpPlatform, restorePlatform } from '../../../support/platform-backup'

describe('a command whose answer the network loses', () => {
  const defer = useCleanup()

  it('accepting an invite: it reached the platform, the link dropped before the answer; sent again with the same key, it is taken once and the expert is told so', async () => {
    const world = await startProxiedExpert(defer, { coreClock: 'link' })
    const { platform, expert, proxy, linkClock: clock, core } = world
    const invite = await invitedDirectly(world, 'Flaky wifi question')
    await core.waitForNotifications(1)

    // The command goes up; nothing the platform sends comes back down.
    proxy.stall(true, 'down')
    const { answer: outcome } = await pressedUntilTaken(world, () =>
      core.runtime.core.command('invite.accept', { inviteId: invite.id, proposedTime: null }),
    )
    proxy.resetAll()
    proxy.stall(false)
    await core.waitForState((s) => s.status === 'reconnecting')
    clock.advance(BACKOFF_START_MS)

    const answered = await outcome
    await core.waitForState((s) => s.status === 'online')
    await core.runtime.core.settled()
    const sessions = platform.server.marketplace.snapshot(expert.id).sessions
    expect(sessions).toHaveLength(1)
    expect(answered).toMatchObject({ ok: true, result: { session: { id: sessions[0]?.id, state: 'live' } } })
    expect(core.runtime.cache.upcomingSessions(0, 10)).toHaveLength(1)
    // The invite was shown once, and nothing about it again.
    expect(core.adapters.notifier.shown.filter((n) => n.kind === 'invite')).toHaveLength(1)
  })
})

describe('a command whose sign-in ends before the answer', () => {
  const defer = useCleanup()

  it('accepting an invite, then signing out before the answer: the expert hears at once that it is not known whether it was done, and no room opens', async () => {
    // The clocks are never moved: an answer that waited for the ack timeout would never come.
    const world = await startProxiedExpert(defer, { coreClock: 'link' })
    const { platform, expert, proxy, core } = world
    const invite = await invitedDirectly(world, 'Signing out mid-join')

    proxy.stall(true, 'down')
    const { answer: outcome } = await pressedUntilTaken(world, () =>
      core.runtime.core.command('invite.accept', { inviteId: invite.id, proposedTime: null }),
    )
    const signedOut = core.runtime.core.signOut()
    const answered = await outcome
    expect(answered).toMatchObject({
      ok: false,
      error: { code: 'dropped', message: expect.stringMatching(/cannot tell whether it was done/) },
    })
    expect(answered.ok ? '' : answered.error.message).not.toMatch(/will not do it twice/)
    proxy.stall(false)
    await signedOut
    expect(core.runtime.core.connection.status).toBe('signed_out')
    // Nothing opens a room for an expert gone; the platform took the invite once.
    expect(platform.server.marketplace.snapshot(expert.id).sessions).toHaveLength(1)
    expect(core.adapters.browser.opened).toEqual([])
  })
})

describe('an accept taken by the platform whose answer never came back in time', () => {
  const defer = useCleanup()

  it('is told as not known, shows as taken once back online, and Join pressed again is answered as done, under the same key, opening the room once', async () => {
    // Times the answer's wait; reconnecting runs in real time.
    const world = await startProxiedExpert(defer)
    const { platform, expert, proxy, linkClock, core } = world
    const invite = await invitedDirectly(world, 'Answer lost for good')
    const api = core.runtime.api

    proxy.stall(true, 'down')
    const { answer: first } = await pressedUntilTaken(world, () =>
      api['invites.accept']({ inviteId: invite.id, proposedTime: null }),
    )
    // The network is gone for longer than the answer may take.
    proxy.refuse(true)
    proxy.resetAll()
    proxy.stall(false)
    await core.waitForState((s) => s.status === 'reconnecting')
    linkClock.advance(10_000)
    const told = await first
    expect(!told.ok && mayHaveHappened(told.error)).toBe(true)
    expect(core.adapters.browser.opened).toEqual([])

    proxy.refuse(false)
    await core.waitForState((s) => s.status === 'online')
    await core.runtime.core.settled()
    const now = core.runtime.core.platformClock.now()
    expect(core.runtime.cache.openInvites(now)).toEqual([])
    const [session] = platform.server.marketplace.snapshot(expert.id).sessions
    expect(core.runtime.cache.upcomingSessions(0, 10)).toMatchObject([{ id: session?.id, state: 'live' }])

    expect(await acceptedAgainOnce(world, invite)).toBe(session?.id)
  })
})

describe('a command whose answer a stalled link holds (no close, nothing comes back)', () => {
  const defer = useCleanup()

  it('ends within the wait with an answer that says it may have happened; once the dead link is replaced, pressed again it is answered as done, and done once', async () => {
    const world = await startProxiedExpert(defer)
    const { linkClock, core } = world
    const invite = await invitedDirectly(world, 'Stalled answer')

    const told = await acceptWhoseAnswerIsHeld(world, invite)
    expect(told).toMatchObject({ ok: false, error: { code: 'timeout' } })
    expect(!told.ok && told.error.message).toMatch(/Sending it again is safe/)

    // The silent link is probed, the probe goes unanswered, and a new connection replaces it.
    linkClock.advance(5_000)
    await core.waitForState((s) => s.status !== 'online')
    await core.waitForState((s) => s.status === 'online')
    await core.runtime.core.settled()
    await acceptedAgainOnce(world, invite)
  })
})

describe('a command whose answer was lost, then the platform is restored from a backup', () => {
  const defer = useCleanup()

  it('pressed again once the link is back on the restored platform: done there once, and the window shows only what the platform holds', async () => {
    const world = await startProxiedExpert(defer)
    const { platform, expert, proxy, core } = world
    const invite = await invitedDirectly(world, 'Restored question')
    // The backup holds the invite open, and nothing of the accept to come.
    await platform.stopServer()
    const backup = backUpPlatform(platform)
    await platform.startServer()
    await core.waitForState((s) => s.status === 'online')

    const told = await acceptWhoseAnswerIsHeld(world, invite)
    expect(!told.ok && mayHaveHappened(told.error)).toBe(true)

    await platform.stopServer()
    restorePlatform(platform, backup)
    await platform.startServer()
    proxy.resetAll()
    await core.waitForState((s) => s.status === 'online')
    await core.runtime.core.settled()
    expect(platform.server.marketplace.snapshot(expert.id).sessions).toEqual([])

    const session = await acceptedAgainOnce(world, invite)
    expect(core.runtime.cache.upcomingSessions(0, 10).map((s) => s.id)).toEqual([session])
  })
})

describe('an answer held past its wait, then let through on the same connection', () => {
  const defer = useCleanup()

  it('is told as not known at the wait; the late answer opens nothing by itself, and Join pressed again is done once, opening the room once', async () => {
    const world = await startProxiedExpert(defer)
    const { proxy, linkClock, core } = world
    const invite = await invitedDirectly(world, 'Answer arriving late')

    proxy.stall(true, 'down')
    const { answer } = await pressedUntilTaken(world, () =>
      core.runtime.api['invites.accept']({ inviteId: invite.id, proposedTime: null }),
    )
    linkClock.advance(10_000)
    const told = await answer
    expect(!told.ok && mayHaveHappened(told.error)).toBe(true)

    // The link wakes up before it is found dead: the late answer and the events behind it arrive.
    proxy.stall(false)
    await core.waitForState((s) => s.status === 'online')
    await core.runtime.core.settled()
    expect(core.adapters.browser.opened).toEqual([])
    await acceptedAgainOnce(world, invite)
    expect(core.adapters.notifier.shown.filter((n) => n.kind === 'invite')).toHaveLength(1)
  })
})
