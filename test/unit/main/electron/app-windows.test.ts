/**
 * The app's windows as the composition root holds them: "show the window" puts the popover away and
 * builds the main window anew after it was closed, but not during a quit, where and as large as it
 * was closed; the live pages are only those of windows alive now.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createSettingsStore } from '../../../../src/main/core/settings/settings-store'
import { MAIN_WINDOW_SIZE } from '../../../../src/shared/window-sizes'
import {
  fake,
  removeDisplay,
  resetFakeElectron,
  type FakeBrowserWindow,
  type FakeWebContents,
} from '../../../support/fake-electron'
import { memoryFile } from '../../../support/memory-settings-file'
import { recordingLog } from '../../../support/recording-log'
import { testAppWindows } from '../../../support/test-app-windows'

vi.mock('electron', async () => (await import('../../../support/fake-electron')).electronModule)

const setUp = testAppWindows

/** The main window the app built last, as the fake has it. */
const newestWindow = (): FakeBrowserWindow =>
  fake.windows.filter((w) => w.options.title === 'Standby' && w.options.frame !== false).at(-1)!

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

  it('opens the main window again where and as large as the expert left it, maximized if it was', () => {
    const settings = createSettingsStore(memoryFile(), recordingLog())
    const windows = setUp(false, settings)
    windows.showWindow()
    const first = newestWindow()
    // Electron's own place for a new window: its size, centred.
    expect(first.getNormalBounds()).toMatchObject(MAIN_WINDOW_SIZE)
    // A display scaled by a fraction reports parts of pixels: kept whole.
    first.moveTo({ x: 300.4, y: 79.6, width: 1000, height: 760.2 })
    first.close()

    windows.showWindow()
    const second = newestWindow()
    expect(second).not.toBe(first)
    expect(second.getNormalBounds()).toEqual({ x: 300, y: 80, width: 1000, height: 760 })
    second.maximize()
    second.close()

    windows.showWindow()
    const third = newestWindow()
    // Maximized only once painted: maximizing shows a window.
    expect(third.isMaximized()).toBe(false)
    third.readyToShow()
    expect(third.isMaximized()).toBe(true)
    expect(third.getNormalBounds()).toEqual({ x: 300, y: 80, width: 1000, height: 760 })
  })

  it('opens the saved size centred on the primary screen when the screen it was on is gone', () => {
    fake.displays.push({ id: 2, workArea: { x: 1440, y: 0, width: 1920, height: 1040 } })
    const settings = createSettingsStore(memoryFile(), recordingLog())
    const windows = setUp(false, settings)
    windows.showWindow()
    newestWindow().moveTo({ x: 2000, y: 100, width: 1000, height: 700 })
    newestWindow().close()
    fake.displays.pop()

    windows.showWindow()
    expect(newestWindow().getNormalBounds()).toEqual({ x: 220, y: 112, width: 1000, height: 700 })
  })

  describe('when the screen a window is on is unplugged and nothing moves the window', () => {
    const SECOND_SCREEN = { id: 2, workArea: { x: 1440, y: 0, width: 1920, height: 1040 } }
    const ON_SECOND = { x: 2000, y: 100, width: 1000, height: 700 }
    /** Where the primary screen takes a window of that size: centred in its work area. */
    const BACK_ON_FIRST = { x: 220, y: 112, width: 1000, height: 700 }

    /** The painted main window, open on the second screen; the windows and it. */
    function openOnSecondScreen() {
      fake.displays.push(SECOND_SCREEN)
      const windows = setUp()
      windows.showWindow()
      const main = newestWindow()
      main.readyToShow()
      main.moveTo(ON_SECOND)
      return { windows, main }
    }

    it('brings the open window back onto a screen that is there, at its size', () => {
      const { main } = openOnSecondScreen()
      removeDisplay(2)
      expect(main.getNormalBounds()).toEqual(BACK_ON_FIRST)
    })

    it('shows the window where it can be seen when Open brings it forward, or the expert restores it', () => {
      const { windows, main } = openOnSecondScreen()
      // Minimized meanwhile: nothing is moved then, only once it is brought back.
      main.minimize()
      removeDisplay(2)
      expect(main.getNormalBounds()).toMatchObject({ x: 2000 })
      windows.showWindow()
      expect(main).toMatchObject({ visible: true, minimized: false, focused: true })
      expect(main.getNormalBounds()).toEqual(BACK_ON_FIRST)
      // Restored by the expert at the taskbar, not through Standby, it comes back where it can be seen too.
      main.moveTo({ x: 5000, y: 100, width: 1000, height: 700 })
      main.minimize()
      main.restore()
      expect(main.getNormalBounds()).toEqual(BACK_ON_FIRST)
      // One whose title bar can still be grabbed on a screen is left where the expert put it.
      main.moveTo({ x: -900, y: 300, width: 1000, height: 700 })
      windows.showWindow()
      expect(main.getNormalBounds()).toMatchObject({ x: -900, y: 300 })
    })

    it('brings a maximized or full-screen window back once the expert returns it to its normal size', () => {
      const { main } = openOnSecondScreen()
      main.maximize()
      removeDisplay(2)
      // Maximized, it fills the screen the OS gives it; its normal place is still where the screen was.
      expect(main.getNormalBounds()).toMatchObject({ x: 2000 })
      main.unmaximize()
      expect(main.getNormalBounds()).toEqual(BACK_ON_FIRST)

      fake.displays.push(SECOND_SCREEN)
      main.moveTo(ON_SECOND)
      main.setFullScreen(true)
      removeDisplay(2)
      main.setFullScreen(false)
      expect(main.getNormalBounds()).toEqual(BACK_ON_FIRST)
    })

    it('brings the window back when a screen it was on is made smaller under it', () => {
      const windows = setUp()
      windows.showWindow()
      const main = newestWindow()
      main.readyToShow()
      main.moveTo({ x: 1200, y: 800, width: 1000, height: 700 })
      // A lower resolution: Electron tells it as a change of the display's metrics.
      fake.displays[0] = { id: 1, workArea: { x: 0, y: 0, width: 1024, height: 740 } }
      fake.screenEvents.emit('display-metrics-changed', {}, fake.displays[0], ['bounds', 'workArea'])
      expect(main.getNormalBounds()).toEqual({ x: 12, y: 20, width: 1000, height: 700 })
    })

    it('leaves both windows where they are while no screen is attached at all, and Open still brings the window up', () => {
      const { windows, main } = openOnSecondScreen()
      const popover = windows.popover.get().window as unknown as FakeBrowserWindow
      popover.readyToShow()
      popover.show()
      // Every monitor asleep or unplugged: there is no place to move either to.
      removeDisplay(2)
      expect(main.getNormalBounds()).toEqual(BACK_ON_FIRST)
      removeDisplay(1)
      expect(main.getNormalBounds()).toEqual(BACK_ON_FIRST)
      expect(popover.visible).toBe(true)
      main.minimize()
      windows.showWindow()
      expect(main).toMatchObject({ visible: true, minimized: false, focused: true })
      expect(main.getNormalBounds()).toEqual(BACK_ON_FIRST)
    })

    it('puts the popover away, to be placed beside the tray at its next opening', () => {
      fake.displays.push(SECOND_SCREEN)
      const windows = setUp()
      const popover = windows.popover.get().window as unknown as FakeBrowserWindow
      popover.readyToShow()
      popover.moveTo({ x: 3000, y: 40, width: 360, height: 480 })
      popover.show()
      removeDisplay(2)
      expect(popover.visible).toBe(false)
    })
  })

  it('gives both windows the right-click menu', () => {
    const windows = setUp()
    for (const window of [windows.mainWindow.get(), windows.popover.get().window]) {
      const before = fake.poppedMenus.length
      ;(window.webContents as unknown as FakeWebContents).rightClick({
        isEditable: false,
        selectionText: 'TypeError: x is undefined',
      })
      expect(
        fake.poppedMenus.slice(before).map(({ menu }) => menu.template.map((item) => item.role)),
      ).toEqual([['copy']])
    }
  })
})
