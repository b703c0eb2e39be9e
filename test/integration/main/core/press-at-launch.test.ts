/**
 * A press on a notification heard while Standby is still making its connection: on Windows a press
 * on a toast launches the app and is heard at once, before the platform can have answered. Its
 * command waits for that attempt, then goes, for whoever is signed in once it is over.
 */
import { describe, expect, it } from 'vitest'
import type { AppNotice } from '../../../../src/main/core/notification-actions'
import type { AppNotification } from '../../../../src/main/core/ports/notifier'
import { useCleanup } from '../../../support/cleanup'
import { startCoreFor, startTestCore, type TestCore } from '../../../support/test-core'
import { startTestPlatform } from '../../../support/test-platform'

describe('a press heard while Standby still connects', () => {
  const defer = useCleanup()

  /**
   * Ada was notified of an instant invite and Standby stopped; it starts again, still connecting.
   * `signedOutElsewhere`: the sign-in ended meanwhile (on another device), so the platform refuses it.
   */
  async function restartedWithInviteShown({ signedOutElsewhere = false } = {}) {
    const platform = await startTestPlatform()
    defer(() => platform.close())
    const ada = platform.addExpert()
    const first = await startCoreFor(platform.server.url, ada, { clock: platform.clock })
    platform.inviteDirectly(ada.id, 'Query plan')
    await first.waitForNotifications(1)
    const shown = first.adapters.notifier.onScreen[0]!
    first.close()
    if (signedOutElsewhere) platform.server.tokens.revoke(ada.token)
    const core = await startTestCore({
      platformUrl: platform.server.url,
      token: ada.token,
      expertId: ada.id,
      dir: first.dir,
      clock: platform.clock,
    })
    defer(() => core.close(true))
    const notices: AppNotice[] = []
    core.runtime.notificationActions.notices.add((notice) => notices.push(notice))
    return { platform, ada, core, shown, notices }
  }

  const inviteState = (core: TestCore, inviteId: string) => core.runtime.cache.invite(inviteId)?.state

  it('Join on the toast that launched Standby joins once the connection is up, and tells no failure', async () => {
    const { platform, ada, core, shown, notices } = await restartedWithInviteShown()
    expect(core.runtime.core.connection.status).toBe('connecting')
    const notification: AppNotification = shown
    await core.runtime.notificationActions.activate({ action: 'primary', notification })
    expect(notices).toEqual([])
    expect(core.adapters.notifier.shown.filter((n) => n.kind === 'notice')).toEqual([])
    const [session] = platform.server.marketplace.snapshot(ada.id).sessions
    expect(session).toMatchObject({ request: { title: 'Query plan' } })
    await core.waitForState((s) => s.status === 'online')
    expect(inviteState(core, shown.inviteId)).toBe('accepted')
  })

  it('Decline on it declines once the connection is up', async () => {
    const { platform, ada, core, shown, notices } = await restartedWithInviteShown()
    await core.runtime.notificationActions.activate({ action: 'decline', notification: shown })
    expect(notices).toEqual([])
    expect(platform.server.marketplace.snapshot(ada.id).openInvites).toEqual([])
  })

  it('Join on it once the platform refuses the sign-in acts for no one: nothing is sent, and it says why', async () => {
    const { platform, ada, core, shown } = await restartedWithInviteShown({ signedOutElsewhere: true })
    expect(core.runtime.core.connection.status).toBe('connecting')
    await core.runtime.notificationActions.activate({ action: 'primary', notification: shown })
    expect(core.runtime.core.connection.status).toBe('signed_out')
    expect(platform.server.marketplace.snapshot(ada.id).openInvites).toHaveLength(1)
    // Told why, on screen, without the client's words: whoever is at the computer may not be Ada.
    const told = core.adapters.notifier.shown.filter((n) => n.kind === 'notice')
    expect(told).toEqual([
      expect.objectContaining({
        title: 'Could not join',
        body: expect.stringMatching(/no one is signed in now, so nothing was sent\. Sign in/),
      }),
    ])
    expect(JSON.stringify(told)).not.toContain('Query plan')
  })
})
