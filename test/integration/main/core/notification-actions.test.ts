/**
 * Presses on invite notifications, on the reference platform with two experts' cores: the loser's
 * notification is removed when the invite is taken, Join from a notification takes the invite,
 * and a Join that comes too late says so at once, as a notification and in the window.
 */
import { describe, expect, it } from 'vitest'
import type { AppNotice, FocusRequest } from '../../../../src/main/core/notification-actions'
import { adminFetch } from '../../../support/admin-api'
import { useCleanup } from '../../../support/cleanup'
import { startCoreFor, type TestCore } from '../../../support/test-core'
import { startTestPlatform } from '../../../support/test-platform'

describe('pressing an invite notification', () => {
  const defer = useCleanup()

  /** A platform with Ada and Grace online, both just notified of one matched instant invite. */
  async function twoExpertsInvited() {
    const platform = await startTestPlatform()
    defer(() => platform.close())
    const experts = [platform.addExpert({ tags: ['react'] }), platform.addExpert({ tags: ['react'] })]
    const [ada, grace] = await Promise.all(experts.map((e) => startCoreFor(platform.server.url, e)))
    for (const core of [ada!, grace!]) {
      defer(() => core.close(true))
      await core.waitForState((s) => s.status === 'online')
    }
    const { request } = platform.server.marketplace.createRequest({
      clientId: platform.addClient('Sam Okafor'),
      title: 'Hooks question',
      description: 'useEffect runs twice',
      kind: 'instant',
      tags: ['react'],
      fanOut: 2,
    })
    await Promise.all([ada!.waitForNotifications(1), grace!.waitForNotifications(1)])
    const inviteOf = (core: TestCore): string => core.adapters.notifier.onScreen[0]!.inviteId
    return { platform, experts, ada: ada!, grace: grace!, request, inviteOf }
  }

  it('Join takes the invite; the losing expert’s notification is removed at once', async () => {
    const { ada, grace, inviteOf } = await twoExpertsInvited()
    grace.adapters.notifier.press({ inviteId: inviteOf(grace) }, 'primary')
    const adaInvite = inviteOf(ada)
    // Ada's core hears that the invite closed: the only notification it then shows is the removal.
    await ada.waitForNotifications(2)
    expect(ada.adapters.notifier.removed).toEqual([adaInvite])
    expect(ada.adapters.notifier.onScreen).toEqual([])
    await grace.waitForNotifications(2)
    expect(grace.adapters.notifier.shown.at(-1)).toMatchObject({
      kind: 'invite_closed',
      body: 'You accepted it.',
    })
    expect(grace.runtime.cache.openInvites(grace.runtime.core.platformClock.now())).toEqual([])
  })

  it('the client wrote to both first: the losing expert’s message leaves the screen with the invite, the winner’s stays', async () => {
    const { platform, ada, grace, request, inviteOf, experts } = await twoExpertsInvited()
    const { marketplace } = platform.server
    for (const [core, expert] of [
      [ada, experts[0]!],
      [grace, experts[1]!],
    ] as const) {
      marketplace.clientMessage(request.id, expert.id, 'Can you look at it right now?')
      await core.waitForNotifications(2)
    }
    expect(ada.adapters.notifier.messagesOnScreen).toHaveLength(1)
    grace.adapters.notifier.press({ inviteId: inviteOf(grace) }, 'primary')
    await ada.waitForNotifications(3)
    expect(ada.adapters.notifier.onScreen).toEqual([])
    expect(ada.adapters.notifier.messagesOnScreen).toEqual([])
    expect(() => ada.adapters.notifier.press({ requestId: request.id }, 'open')).toThrow(/on screen/)
    await grace.waitForNotifications(3)
    // Grace's thread goes on in her session, so the client's question still waits for her.
    expect(grace.adapters.notifier.messagesOnScreen).toEqual([
      expect.objectContaining({ requestId: request.id, body: 'Can you look at it right now?' }),
    ])
  })

  it('Join after another expert was faster: a follow-up notification and an in-app notice say so', async () => {
    const { platform, experts, ada, grace, inviteOf } = await twoExpertsInvited()
    const notices: AppNotice[] = []
    ada.runtime.notificationActions.notices.add((notice) => notices.push(notice))
    // Grace wins on the platform; Ada presses Join before her core has heard.
    const ack = platform.server.marketplace.execute(experts[1]!.id, {
      name: 'invite.accept',
      idempotencyKey: 'grace-wins',
      payload: { inviteId: inviteOf(grace), proposedTime: null },
    })
    expect(ack.ok).toBe(true)
    ada.adapters.notifier.press({ inviteId: inviteOf(ada) }, 'primary')
    await ada.waitForNotifications(3)
    const followUp = ada.adapters.notifier.shown.find((n) => n.kind === 'notice')
    expect(followUp).toMatchObject({ title: 'Another expert was faster' })
    expect(followUp?.body).toContain('Sam Okafor: Hooks question')
    expect(notices).toEqual([
      {
        text: expect.stringContaining('Another expert was faster: Sam Okafor: Hooks question'),
        tone: 'warning',
      },
    ])
  })

  it('Decline from the notification declines the invite, giving no reason', async () => {
    const { platform, ada, inviteOf } = await twoExpertsInvited()
    const inviteId = inviteOf(ada)
    ada.adapters.notifier.press({ inviteId }, 'decline')
    await ada.waitForNotifications(2)
    expect(ada.adapters.notifier.shown.at(-1)).toMatchObject({
      kind: 'invite_closed',
      body: 'You declined it.',
    })
    expect(ada.runtime.cache.missedInvites(ada.runtime.core.platformClock.now(), 1)[0]?.state).toBe(
      'declined',
    )
    const recorded = await (await adminFetch(platform.server, 'GET', `/admin/invites/${inviteId}`)).json()
    expect(recorded).toMatchObject({ invite: { state: 'declined' }, declineReason: null })
  })

  // A Join again shows the window, where the session is; a Decline again has nothing more to show.
  it.each([
    ['Join', 'primary', [{ kind: 'window' }]],
    ['Decline', 'decline', []],
  ] as const)(
    '%s pressed again once the first took effect acts once and tells no failure',
    async (_name, action, windows) => {
      const { ada } = await twoExpertsInvited()
      const notification = ada.adapters.notifier.onScreen[0]!
      const notices: AppNotice[] = []
      ada.runtime.notificationActions.notices.add((notice) => notices.push(notice))
      await ada.runtime.notificationActions.activate({ action, notification })
      const focus: FocusRequest[] = []
      ada.runtime.notificationActions.focusRequests.add((request) => focus.push(request))
      await ada.runtime.notificationActions.activate({ action, notification })
      expect(focus).toEqual(windows)
      expect(notices).toEqual([])
      expect(ada.adapters.notifier.shown.filter((n) => n.kind === 'notice')).toEqual([])
    },
  )
})
