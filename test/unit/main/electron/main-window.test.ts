import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createAppOrigin } from '../../../../src/main/electron/app-origin'
import { type Logger } from '../../../../src/main/node/log'
import {
  bringToFront,
  createMainWindow,
  type MainWindowOptions,
} from '../../../../src/main/electron/main-window'
import { MOST_RELOADS } from '../../../../src/main/electron/page-recovery'
import { ManualClock } from '../../../../src/shared/clock'
import { fake, newestMade, resetFakeElectron, type FakeBrowserWindow } from '../../../support/fake-electron'

vi.mock('electron', async () => (await import('../../../support/fake-electron')).electronModule)

const log: Logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() }

function openWindow(overrides: Partial<MainWindowOptions> = {}): FakeBrowserWindow {
  createMainWindow({
    preloadPath: '/app/out/preload/index.cjs',
    origin: createAppOrigin({}),
    isQuitting: () => false,
    openExternal: fake.shell.openExternal,
    log,
    ...overrides,
  })
  return newestMade(fake.windows, 'window')
}

beforeEach(() => {
  resetFakeElectron()
  vi.clearAllMocks()
})

describe('the main window', () => {
  it('runs its page sandboxed, context-isolated, without Node, with web security, and with our preload', () => {
    const { options } = openWindow()
    expect(options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: '/app/out/preload/index.cjs',
    })
  })

  it('has developer tools in a development build only: a packaged window cannot open them at all', () => {
    expect(openWindow().options.webPreferences?.devTools).toBe(true)
    fake.app.isPackaged = true
    expect(openWindow().options.webPreferences?.devTools).toBe(false)
  })

  it('loads the built renderer from the app’s scheme, or the dev server when there is one', () => {
    expect(openWindow().loaded).toEqual({ url: 'standby-app://app/' })
    const dev = openWindow({
      origin: createAppOrigin({ devServerUrl: 'http://localhost:5173/' }),
    })
    expect(dev.loaded).toEqual({ url: 'http://localhost:5173/' })
  })

  it('stays hidden until the page has painted, then shows', () => {
    const window = openWindow()
    expect(window.visible).toBe(false)
    window.readyToShow()
    expect(window.visible).toBe(true)
  })

  it('refuses to navigate away from the app, but allows its own pages', () => {
    const { webContents } = openWindow()
    expect(webContents.navigate('https://evil.example/phish')).toBe(true)
    expect(webContents.navigate('file:///etc/passwd')).toBe(true)
    expect(webContents.navigate('standby-app://app/#/sessions')).toBe(false)
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('https://evil.example/phish'))
    expect(fake.shell.openExternal).not.toHaveBeenCalled()
  })

  it('keeps every frame of the page on the app, however it would leave', () => {
    const { webContents } = openWindow()
    expect(webContents.navigateFrame('https://evil.example/frame', { isMainFrame: false })).toBe(true)
    expect(webContents.navigateFrame('https://evil.example/top', { isMainFrame: true })).toBe(true)
    expect(webContents.navigateFrame('standby-app://app/#/settings', { isMainFrame: false })).toBe(false)
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('https://evil.example/frame'))
    expect(fake.shell.openExternal).not.toHaveBeenCalled()
  })

  it('refuses a redirect that would take the page away from the app', () => {
    const { webContents } = openWindow()
    expect(webContents.redirect('https://evil.example/landing')).toBe(true)
    expect(webContents.redirect('standby-app://app/')).toBe(false)
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('https://evil.example/landing'))
  })

  it('plays no navigation on a page that is gone', () => {
    const window = openWindow()
    const { webContents } = window
    window.destroy()
    expect(() => webContents.redirect('https://evil.example/')).toThrow(/no longer on screen/)
    expect(() => webContents.navigateFrame('https://evil.example/', { isMainFrame: false })).toThrow(
      /no longer on screen/,
    )
  })

  it('denies window.open; web links open in the system browser instead', () => {
    const { webContents } = openWindow()
    expect(webContents.openWindow('https://example.com/help')).toEqual({ action: 'deny' })
    expect(fake.shell.openExternal).toHaveBeenCalledWith('https://example.com/help')
  })

  it('denies window.open of anything that is not a web link, without opening it anywhere', () => {
    const { webContents } = openWindow()
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'standby-app://app/',
    ]) {
      expect(webContents.openWindow(url)).toEqual({ action: 'deny' })
    }
    expect(fake.shell.openExternal).not.toHaveBeenCalled()
  })

  it('is destroyed when closed, freeing its memory, and says Standby stays in the tray', () => {
    const onClosedToTray = vi.fn()
    const window = openWindow({ onClosedToTray })
    window.readyToShow()
    window.close()
    expect(window.destroyed).toBe(true)
    expect(onClosedToTray).toHaveBeenCalledOnce()
  })

  it('closes without the tray remark when the app is quitting', () => {
    let quitting = false
    const onClosedToTray = vi.fn()
    const window = openWindow({ isQuitting: () => quitting, onClosedToTray })
    quitting = true
    window.close()
    expect(window.destroyed).toBe(true)
    expect(onClosedToTray).not.toHaveBeenCalled()
  })

  it('closes without the tray remark when Windows ends the session', () => {
    const onClosedToTray = vi.fn()
    const window = openWindow({ onClosedToTray })
    window.emit('session-end', { reasons: ['logoff'] })
    window.close()
    expect(window.destroyed).toBe(true)
    expect(onClosedToTray).not.toHaveBeenCalled()
  })

  it('is not brought forward before it has painted: it shows itself, focused, on its first frame', () => {
    const window = openWindow()
    bringToFront(window)
    expect(window.visible).toBe(false)
    window.readyToShow()
    expect(window).toMatchObject({ visible: true, focused: true })
  })

  it('shows anyway once its page is given up on before its first frame, so Open still brings up a window', () => {
    const window = openWindow({
      clock: new ManualClock(0),
      place: { bounds: { x: 10, y: 10, width: 900, height: 700 }, maximized: true },
    })
    for (let crash = 0; crash < MOST_RELOADS; crash++) window.webContents.renderProcessGone('crashed')
    expect(window.visible).toBe(false)
    window.webContents.renderProcessGone('crashed')
    expect(window).toMatchObject({ visible: true, focused: true, maximized: true })
    // Open from the tray after the expert went elsewhere brings it back, empty or not.
    window.blur()
    window.minimize()
    bringToFront(window)
    expect(window).toMatchObject({ minimized: false, visible: true, focused: true })
    // The frame that comes at last takes no focus from where the expert has gone since.
    window.blur()
    window.readyToShow()
    expect(window.focused).toBe(false)
  })

  it('tells the expert once, in a box, that its page could not be brought back and what to do', () => {
    const window = openWindow({ clock: new ManualClock(0), logFolder: '/home/ada/.config/Standby/logs' })
    for (let crash = 0; crash < MOST_RELOADS; crash++) window.webContents.renderProcessGone('crashed')
    // Reloading still: nothing to tell.
    expect(fake.dialog.showMessageBox).not.toHaveBeenCalled()
    window.webContents.renderProcessGone('crashed')
    window.webContents.renderProcessGone('crashed')
    expect(fake.dialog.showMessageBox).toHaveBeenCalledOnce()
    expect(fake.dialog.showMessageBox.mock.calls[0]![0]).toMatchObject({
      type: 'error',
      message: 'Standby’s window could not load',
      detail:
        'Its page stopped or failed to load again and again, so Standby stopped reloading it for now. ' +
        'Standby loads it again when you next open it after a minute; if it stays empty, quit Standby from ' +
        'its tray icon and start it again. If this keeps happening, send the log to support. ' +
        'The log is in /home/ada/.config/Standby/logs.',
    })
  })

  it('waits for its first frame however long it takes (a keychain prompt at the start), and shows nothing twice', () => {
    const clock = new ManualClock(0)
    const slow = openWindow({ clock })
    clock.advance(10 * 60_000)
    expect(slow.visible).toBe(false)
    const painted = openWindow({ clock })
    painted.readyToShow()
    painted.blur()
    for (let crash = 0; crash <= MOST_RELOADS; crash++) painted.webContents.renderProcessGone('crashed')
    expect(painted.focused).toBe(false)
    const quitting = openWindow({ clock, isQuitting: () => true })
    for (let crash = 0; crash <= MOST_RELOADS; crash++) quitting.webContents.renderProcessGone('crashed')
    expect(quitting.visible).toBe(false)
  })

  it('comes back to the front, un-minimized and focused', () => {
    const window = openWindow()
    window.readyToShow()
    window.minimize()
    bringToFront(window)
    expect(window).toMatchObject({ minimized: false, visible: true, focused: true })
  })

  it('does not show itself on a first frame that comes while it closes (a quit right after the start)', () => {
    fake.pendingCloses = true
    const window = openWindow({
      place: { bounds: { x: 10, y: 10, width: 900, height: 700 }, maximized: true },
    })
    window.close()
    window.readyToShow()
    expect(window).toMatchObject({ visible: false, focused: false, maximized: false })
    bringToFront(window)
    expect(window.visible).toBe(false)
    window.finishClose()
    expect(window.destroyed).toBe(true)
  })
})
