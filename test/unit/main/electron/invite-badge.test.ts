import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createInviteBadge } from '../../../../src/main/electron/invite-badge'
import { fake, FakeBrowserWindow, resetFakeElectron } from '../../../support/fake-electron'
import { recordingLog } from '../../../support/recording-log'

vi.mock('electron', async () => (await import('../../../support/fake-electron')).electronModule)

beforeEach(resetFakeElectron)

function badgeOn(platform: NodeJS.Platform, window: () => FakeBrowserWindow | undefined = () => undefined) {
  fake.platform = platform
  const log = recordingLog()
  const badge = createInviteBadge({
    overlayPath: '/res/tray-overlay.png',
    // The fake stands in for Electron's window.
    window: window as never,
    platform,
    log,
  })
  return { badge, log }
}

describe('the open invites’ badge', () => {
  it.each(['darwin', 'linux'] as const)('on %s is the app’s badge count, cleared at 0', (platform) => {
    const { badge } = badgeOn(platform)
    badge.show(3)
    expect([fake.app.badgeCount, fake.app.badgeShown]).toEqual([3, '3'])
    badge.show(0)
    expect([fake.app.badgeCount, fake.app.badgeShown]).toEqual([0, null])
  })

  it('on a Linux dock without launcher badges shows nothing and goes on working', () => {
    fake.app.launcherBadges = false
    const { badge, log } = badgeOn('linux')
    expect(() => badge.show(3)).not.toThrow()
    expect(fake.app.badgeShown).toBeNull()
    // The dock may gain badges later (another dock started): the next count is offered again.
    fake.app.launcherBadges = true
    badge.show(4)
    expect(fake.app.badgeShown).toBe('4')
    expect(log.lines).toEqual([])
  })

  it('on Windows is an overlay on the window’s taskbar button that says the count', () => {
    const window = new FakeBrowserWindow()
    window.show()
    const { badge } = badgeOn('win32', () => window)
    badge.show(2)
    expect(window.overlay).toEqual({
      image: expect.objectContaining({ path: '/res/tray-overlay.png' }),
      description: '2 open invites',
    })
    badge.show(1)
    expect(window.overlay?.description).toBe('1 open invite')
    badge.show(0)
    expect(window.overlay).toBeNull()
  })

  it('on Windows waits for a window, puts the count on the next one built once it is shown, and never touches a destroyed one', () => {
    const slot: { window?: FakeBrowserWindow } = {}
    const { badge } = badgeOn('win32', () => slot.window)
    badge.show(4)
    // Built hidden, as the main window is until it has painted: no taskbar button to draw on yet.
    const window = (slot.window = new FakeBrowserWindow())
    badge.applyTo(window as never)
    window.show()
    expect(window.overlay?.description).toBe('4 open invites')
    window.destroy()
    expect(() => badge.show(5)).not.toThrow()
    const next = new FakeBrowserWindow()
    badge.applyTo(next as never)
    next.show()
    expect(next.overlay?.description).toBe('5 open invites')
  })

  it('on Windows draws the count again on a window shown after it was hidden, and the count then current', () => {
    const window = new FakeBrowserWindow()
    const { badge } = badgeOn('win32', () => window)
    badge.applyTo(window as never)
    window.show()
    badge.show(2)
    window.hide()
    badge.show(3)
    window.show()
    expect(window.overlay?.description).toBe('3 open invites')
  })

  it('says in the log when the overlay image is missing', () => {
    fake.imagesExist = false
    const window = new FakeBrowserWindow()
    window.show()
    const { badge, log } = badgeOn('win32', () => window)
    badge.show(1)
    expect(log.text()).toContain('/res/tray-overlay.png')
  })
})
