import { describe, expect, it } from 'vitest'
import type { RecordingNotifier } from '../../../../src/main/node/adapters'
import { ManualClock, type Clock } from '../../../../src/shared/clock'
import { HTTP_PATHS } from '../../../../src/shared/protocol'
import { bookedWorld } from '../../../support/booked-world'
import { bookWithNewClient } from '../../../support/booking'
import { useCleanup } from '../../../support/cleanup'
import { startCoreFor, type TestCore } from '../../../support/test-core'
import { startTestPlatform, TEST_START } from '../../../support/test-platform'
import { addExpert } from '../../../support/expert-with-password'

/** Everything of the notifier's still on screen, by kind. */
function onScreen(notifier: RecordingNotifier) {
  return {
    invites: notifier.onScreen,
    reminders: notifier.remindersOnScreen,
    messages: notifier.messagesOnScreen,
    notices: notifier.noticesOnScreen,
  }
}

const nothing = { invites: [], reminders: [], messages: [], notices: [] }

/** The token signed out on another device: the platform revokes it and cuts its sockets. */
async function signOutElsewhere(platformUrl: string, token: string): Promise<void> {
  const revoked = await fetch(`${platformUrl}${HTTP_PATHS.signOut}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  })
  expect(revoked.ok).toBe(true)
}

describe('what is left on screen once the expert is gone', () => {
  const defer = useCleanup()

  /**
   * An expert online with a booked session, whose client has written, an open invite, and a
   * notice about them: one notification of each kind that stays on screen. The app runs on the
   * computer's clock unless given `appClock`.
   */
  async function expertWithEverythingOnScreen(appClock?: Clock) {
    const platform = await startTestPlatform()
    defer(() => platform.close())
    const expert = platform.addExpert()
    const requestId = bookWithNewClient(platform, expert.id)
    const { marketplace } = platform.server
    const core = await startCoreFor(
      platform.server.url,
      expert,
      appClock === undefined ? {} : { clock: appClock },
    )
    defer(() => core.close(true))
    await core.waitForState((s) => s.status === 'online')
    await core.runtime.core.settled()
    const { notifier } = core.adapters
    marketplace.clientMessage(requestId, expert.id, 'My card ends 4242, is that fine?')
    await core.waitForNotifications(notifier.shown.length + 1)
    platform.inviteDirectly(expert.id, 'Hooks question')
    await core.waitForNotifications(notifier.shown.length + 1)
    notifier.show({ kind: 'notice', title: 'Sam cancelled Query plan', body: 'Sam pays the fee.' })
    expect(notifier.messagesOnScreen).toHaveLength(1)
    expect(notifier.onScreen).toHaveLength(1)
    return { platform, expert, core, notifier, requestId }
  }

  const withdrawals = (core: TestCore) =>
    core.adapters.notifier.shown.filter((n) => n.kind === 'all_withdrawn').map((n) => n.title)

  it('signed out here: the client’s message, the invite and the notices leave the screen; none can be pressed', async () => {
    const { core, notifier, requestId } = await expertWithEverythingOnScreen()
    await core.runtime.core.signOut()
    expect(onScreen(notifier)).toEqual(nothing)
    expect(withdrawals(core)).toEqual(['Signed out'])
    expect(() => notifier.press({ requestId }, 'open')).toThrow(/is on screen; it was removed/)
  })

  it('signed out by the platform (signed out on another device): they leave the screen, the cache stays for signing in again', async () => {
    const { platform, expert, core, notifier } = await expertWithEverythingOnScreen()
    await signOutElsewhere(platform.server.url, expert.token)
    await core.waitForState((s) => s.status === 'signed_out')
    expect(onScreen(notifier)).toEqual(nothing)
    expect(withdrawals(core)).toEqual(['Signed out by the platform'])
    expect(core.runtime.cache.expert()?.id).toBe(expert.id)
  })

  /** Bea signs in on the same computer, with no sign-out before. */
  async function beaSignsIn(platform: Awaited<ReturnType<typeof startTestPlatform>>, core: TestCore) {
    await addExpert(platform.server.marketplace, { name: 'Bea', email: 'bea@example.test' })
    const outcome = await core.runtime.core.signIn(platform.server.url, 'bea@example.test', 'right')
    expect(outcome).toMatchObject({ ok: true })
  }

  it('another expert signs in on the same computer: nothing of the one before stays on screen', async () => {
    const { platform, core, notifier } = await expertWithEverythingOnScreen()
    await beaSignsIn(platform, core)
    expect(onScreen(notifier)).toEqual(nothing)
    expect(withdrawals(core)).toEqual(['Signed in as another expert, or on another platform'])
  })

  it('signed out by the platform with a session coming up: its reminders are not shown to whoever is at the computer', async () => {
    const { platform, core, pass } = await bookedWorld(defer, 'Schema review')
    const { notifier } = core.adapters
    pass(30 * 60_000)
    expect(notifier.remindersOnScreen.map((r) => r.title)).toEqual(['In 30 minutes: Schema review'])
    await signOutElsewhere(platform.server.url, (await core.adapters.secrets.load())?.token ?? '')
    // Its sockets are cut; the next attempt, on the app's clock, hears the token refused.
    await core.waitForState((s) => s.status === 'reconnecting')
    pass(5_000)
    await core.waitForState((s) => s.status === 'signed_out')
    const told = notifier.shown.length
    pass(20 * 60_000)
    pass(20 * 60_000)
    // Withdrawals show nothing; nothing else is told.
    const shownSince = notifier.shown.slice(told).filter((n) => !n.kind.endsWith('_closed'))
    expect(shownSince).toEqual([])
    expect(onScreen(notifier)).toEqual(nothing)
  })

  it('restarted signed out with the cache kept: an earlier run’s invite notification gets no Join back', async () => {
    // Both runs keep the platform's time, so the restart, which never hears the platform, reads the
    // invite as open by its own clock (TestCoreOptions.clock says why).
    const clock = new ManualClock(TEST_START)
    const { platform, expert, core } = await expertWithEverythingOnScreen(clock)
    const [invite] = core.runtime.cache.openInvites(core.runtime.core.platformClock.now())
    const inviteId = invite?.id ?? ''
    expect(core.runtime.core.earlierInvite(inviteId)).toMatchObject({ kind: 'invite', inviteId })
    core.close()
    // As after a refused token: the stored sign-in is forgotten, the cache kept for reading offline.
    const restarted = await startCoreFor(platform.server.url, expert, {
      dir: core.dir,
      signedOut: true,
      clock,
    })
    defer(() => restarted.close())
    const { core: standby, cache } = restarted.runtime
    expect(cache.openInvites(standby.platformClock.now()).map((i) => i.id)).toEqual([inviteId])
    expect(standby.earlierInvite(inviteId)).toBeNull()
  })

  it('a press kept for a page that had not loaded yet is not shown to the next one to sign in', async () => {
    const { core, notifier } = await expertWithEverythingOnScreen()
    const [invite] = notifier.onScreen
    notifier.press({ inviteId: invite?.inviteId ?? '' }, 'open')
    await core.runtime.core.signOut()
    const { api } = core.runtime
    expect([api['focus.take']({ surface: 'popover' }), api['focus.take']({ surface: 'window' })]).toEqual([
      null,
      null,
    ])
  })

  it('a press kept for a page that had not loaded yet is not shown to another expert signed in since', async () => {
    const { platform, core, notifier } = await expertWithEverythingOnScreen()
    const [invite] = notifier.onScreen
    notifier.press({ inviteId: invite?.inviteId ?? '' }, 'open')
    await beaSignsIn(platform, core)
    expect(core.runtime.api['focus.take']({ surface: 'popover' })).toBeNull()
  })
})
