/**
 * Signing out while a press on a notification waits for the platform's answer, against the
 * platform over a link that holds the answer: the press ends at once, and nothing about it is
 * told to whoever is at the computer after the expert who pressed is gone.
 */
import { describe, expect, it } from 'vitest'
import type { AppNotice } from '../../../../src/main/core/notification-actions'
import { useCleanup } from '../../../support/cleanup'
import { pressedUntilTaken, startProxiedExpert } from '../../../support/proxied-expert'

describe('signing out while Join from a notification waits for its answer', () => {
  const defer = useCleanup()

  it('ends the press without waiting out the answer’s time, tells nothing of it, opens no room', async () => {
    // The link's clock is never moved: a press that waited for the answer's timeout would never end.
    const world = await startProxiedExpert(defer)
    const { platform, expert, proxy, core } = world
    platform.inviteDirectly(expert.id, 'Pressed, then signed out')
    await core.waitForNotifications(1)
    const notification = core.adapters.notifier.onScreen[0]!
    const notices: AppNotice[] = []
    core.runtime.notificationActions.notices.add((notice) => notices.push(notice))

    proxy.hold('down')
    const { answer: pressed } = await pressedUntilTaken(world, () =>
      core.runtime.notificationActions.activate({ action: 'primary', notification }),
    )
    const shownBefore = core.adapters.notifier.shown.length
    const signedOut = core.runtime.core.signOut()
    await pressed
    proxy.resetAll()
    await signedOut

    expect(core.runtime.core.connection.status).toBe('signed_out')
    expect(notices).toEqual([])
    expect(core.adapters.notifier.shown.slice(shownBefore).filter((n) => n.kind === 'notice')).toEqual([])
    expect(core.adapters.browser.opened).toEqual([])
    expect(platform.server.marketplace.snapshot(expert.id).sessions).toHaveLength(1)
  })
})
