/**
 * The app's windows as the composition root holds them: "show the window" puts the popover away and
 * builds the main window anew after it was closed, but not during a quit; the live pages are only
 * those of windows alive now.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createAppOrigin } from '../../../../src/main/electron/app-origin'
import { createAppWindows } from '../../../../src/main/electron/app-windows'
import { type Logger } from '../../../../src/main/node/log'
import { fake, resetFakeElectron } from '../../../support/fake-electron'

vi.mock('electron', async () => (await import('../../../support/fake-electron')).electronModule)

const log: Logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() }

function setUp(quitting = false) {
  return createAppWindows({
    windowOptions: {
      preloadPath: '/app/out/preload/index.cjs',
      origin: createAppOrigin({}),
      openExternal: fake.shell.openExternal,
      log,
    },
    overlayPath: '/app/resources/tray/overlay.png',
    isQuitting: () => quitting,
    onClosedToTray: () => undefined,
    log,
  })
}

beforeEach(() => {
  resetFakeElectron()
  vi.clearAllMocks()
})

describe('the app windows', () => {
  it('shows the main window once painted and puts the popover away', () => {
    const windows = setUp()
    const popover = windows.popover.get().window
    popover.show()
    windows.showWindow()
    const main = fake.windows.at(-1)!
    expect(popover.isVisible()).toBe(false)
    main.emit('ready-to-show')
    expect(main.visible).toBe(true)
  })

  it('builds the main window anew after it was closed, and lists only the live pages', () => {
    const windows = setUp()
    const first = windows.mainWindow.get()
    windows.popover.get()
    expect(windows.livePages()).toHaveLength(2)
    first.close()
    expect(windows.livePages()).toHaveLength(1)
    windows.showWindow()
    expect(windows.mainWindow.current()).not.toBe(first)
    expect(windows.livePages()).toHaveLength(2)
  })

  it('opens no window while a quit is closing them', () => {
    setUp(true).showWindow()
    expect(fake.windows).toEqual([])
  })
})
