// What each live event sets going in the core: a busy expert gets a message or an invite every few
// seconds all day, and each used to re-count the open invites, re-arm the expiry watch, read the
// expert's record and ask the machine for its idle time, whatever the event was.
import { describe, expect, it, vi } from 'vitest'
import type { TrayStatus } from '../../../../src/main/core/ports/tray-state'
import { bookWithNewClient } from '../../../support/booking'
import { useCleanup } from '../../../support/cleanup'
import { startOnlineCore, type TestCore } from '../../../support/test-core'

/** Resolves once `check` holds after a cache change (or at once). */
function cacheHolds(core: TestCore, check: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (check()) return resolve()
    const off = core.runtime.core.cacheChanged.add(() => {
      if (!check()) return
      off()
      resolve()
    })
  })
}

describe('the core’s work for each live event', () => {
  const defer = useCleanup()

  it('a client’s message leaves the tray, the expiry watch and auto-away alone; an invite and the expert’s own record do not', async () => {
    const { platform, expert, core } = await startOnlineCore(defer)
    const requestId = bookWithNewClient(platform, expert.id)
    await cacheHolds(core, () => core.runtime.cache.upcomingSessions(0, 10).length === 1)
    await core.runtime.core.settled()

    const trays: TrayStatus[] = []
    defer(core.adapters.tray.onChange((status) => trays.push(status)))
    const counted = vi.spyOn(core.runtime.cache, 'openInviteCount')
    const nextClose = vi.spyOn(core.runtime.cache, 'nextInviteClose')
    const idle = vi.spyOn(core.adapters.power, 'systemIdleSeconds')

    const message = platform.server.marketplace.clientMessage(requestId, expert.id, 'Are we still on?')
    await cacheHolds(core, () => core.runtime.cache.messages(requestId).some((m) => m.id === message.id))
    expect(trays).toEqual([])
    expect(counted).not.toHaveBeenCalled()
    expect(nextClose).not.toHaveBeenCalled()
    expect(idle).not.toHaveBeenCalled()

    // An invite changes what the tray counts and when the next invite closes.
    platform.inviteDirectly(expert.id, 'Help with a flaky test')
    await cacheHolds(core, () => trays.at(-1)?.openInvites === 1)
    expect(trays.at(-1)?.statusLine).toMatch(/1 open invite/)
    expect(nextClose).toHaveBeenCalled()
    expect(idle).not.toHaveBeenCalled()

    // The expert's own record (their availability) is what auto-away follows.
    const chose = await core.runtime.api['availability.set']({ availability: 'away', onlineUntil: null })
    expect(chose.ok).toBe(true)
    await cacheHolds(core, () => core.runtime.cache.expert()?.availability === 'away')
    expect(idle).toHaveBeenCalled()
  })
})
