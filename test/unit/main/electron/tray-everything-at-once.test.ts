// The tray with every condition at once: offline, open invites, unread messages and notifications
// that do not reach the expert. Each must still be said somewhere the OS shows, and the icon must
// show the most urgent one.
import { describe, expect, it, vi } from 'vitest'
import { trayStatus, NOTIFICATIONS_OFF } from '../../../../src/main/core/tray/tray-status'
import { trayView } from '../../../../src/main/core/tray/tray-view'
import { trayMenuTemplate } from '../../../../src/main/electron/tray'

vi.mock('electron', async () => (await import('../../../support/fake-electron')).electronModule)

const ADVICE = 'Notifications could not be shown. Allow Standby in the system’s notification settings.'
const NOW = Date.UTC(2026, 0, 5, 9, 0)

/** Offline for a while, two invites open, three messages unread, notifications failing. */
function everythingAtOnce() {
  const status = trayStatus(
    { status: 'offline', nextAttemptAt: NOW + 30_000, reason: 'No network.', lastSyncedAt: NOW - 60_000 },
    2,
    { status: 'failing', advice: ADVICE },
  )
  const invites = ['i1', 'i2'].map((id) => ({
    id,
    request: { title: `Request ${id}`, kind: 'instant' as const },
  }))
  return trayView({
    status,
    expert: { availability: 'online', availabilityCause: 'chosen', idleMinutes: null },
    invites,
    nextSession: null,
    now: NOW,
    unreadMessages: 3,
  })
}

describe('the tray offline, with invites, unread messages and notifications off at once', () => {
  it('shows the offline icon and says every condition in its line and tooltip', () => {
    const view = everythingAtOnce()
    expect(view.icon).toBe('offline')
    expect(view.statusLine).toMatch(new RegExp(`· ${NOTIFICATIONS_OFF}$`))
    expect(view.tooltip).toContain('3 unread messages')
    expect(view.tooltip).toContain(ADVICE)
    expect(view.badgeCount).toBe(2)
    expect(view.presence).toMatchObject({ online: true, changeable: false })
  })

  it('on Linux, where the tooltip says the state alone, has the menu say the rest', () => {
    const view = everythingAtOnce()
    const noop = (): void => undefined
    const menu = trayMenuTemplate(view, { onOpen: noop, onQuit: noop, onAvailability: noop }, 'linux')
    const ids = menu.map((item) => item.id)
    expect(ids).toEqual(
      expect.arrayContaining([
        'status',
        'status-reason',
        'notifications-advice',
        'invite:i1',
        'unread-messages',
      ]),
    )
    expect(menu.find((item) => item.id === 'availability')).toMatchObject({ enabled: false })
  })
})
