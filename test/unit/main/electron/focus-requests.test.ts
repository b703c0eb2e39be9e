/**
 * Where a focus request puts the expert: a standby:// link (any web page can open one, at a moment
 * it picks) never takes the keyboard from the app the expert types in, so a Tab and an Enter meant
 * there cannot reach a session's Start; the expert's own presses still focus the window.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { followFocusRequests } from '../../../../src/main/electron/focus-requests'
import type { FocusRequest } from '../../../../src/main/core/notification-actions'
import { fake, FakeBrowserWindow, resetFakeElectron, toldSoon } from '../../../support/fake-electron'
import { testAppWindows } from '../../../support/test-app-windows'
import { createSettingsStore } from '../../../../src/main/core/settings/settings-store'
import { memoryFile } from '../../../support/memory-settings-file'
import { recordingLog } from '../../../support/recording-log'

vi.mock('electron', async () => (await import('../../../support/fake-electron')).electronModule)

const TRAY = { x: 1800, y: 0, width: 24, height: 24 }

/** The app's windows and the requests' follower, as the composition root wires them. */
function setUp(quitting = false, settings?: Parameters<typeof testAppWindows>[1]) {
  const windows = testAppWindows(quitting, settings)
  const follow = followFocusRequests({ ...windows, trayBounds: () => TRAY, isQuitting: () => quitting })
  const main = (): FakeBrowserWindow => windows.mainWindow.get() as unknown as FakeBrowserWindow
  const popover = (): FakeBrowserWindow => windows.popover.get().window as unknown as FakeBrowserWindow
  return { windows, follow, main, popover }
}

/** On Windows (where maximizing a hidden window activates it), a main window the expert left maximized. */
function maximizedLeftOnWindows() {
  fake.platform = 'win32'
  const settings = createSettingsStore(memoryFile(), recordingLog())
  settings.update({ mainWindowPlace: { x: 10, y: 20, width: 900, height: 700, maximized: true } })
  return { settings, ...setUp(false, settings) }
}

const sessionLink: FocusRequest = { kind: 'session', sessionId: 'ses_1', link: true }
const inviteLink: FocusRequest = { kind: 'invite', inviteId: 'inv_1', attention: false, link: true }

/** Whether the OS was asked to draw the expert's eye to Standby (the Dock, or the taskbar button). */
const askedForAttention = (window: FakeBrowserWindow): boolean =>
  process.platform === 'darwin' ? fake.app.dockBounce.mock.calls.length > 0 : window.flashing

beforeEach(() => {
  resetFakeElectron()
  vi.clearAllMocks()
})

describe('a link to a session', () => {
  it('brings the window up over the other apps without taking the keyboard from the one in use', () => {
    const { follow, main } = setUp()
    main().readyToShow()
    main().blur()
    follow(sessionLink)
    expect(main()).toMatchObject({ visible: true, focused: false, raised: 1 })
    expect(FakeBrowserWindow.getFocusedWindow()).toBeNull()
  })

  it('shows a window built for it without the keyboard once painted, unless the expert asked since', () => {
    const { windows, follow, main } = setUp()
    follow(sessionLink)
    main().readyToShow()
    expect(main()).toMatchObject({ visible: true, focused: false })
    // Closed and asked for by the expert (the tray's Open) after a link: the latest ask wins.
    main().close()
    follow(sessionLink)
    windows.showWindow()
    main().readyToShow()
    expect(main()).toMatchObject({ visible: true, focused: true })
  })

  it('brings up a window the expert left maximized without the keyboard, maximized once they come to it', () => {
    // Maximizing a hidden window activates it on Windows and Linux: it would take the keyboard.
    const { settings, windows, follow } = maximizedLeftOnWindows()
    follow(sessionLink)
    const main = windows.mainWindow.get() as unknown as FakeBrowserWindow
    main.readyToShow()
    expect(main).toMatchObject({ visible: true, focused: false, maximized: false })
    expect(FakeBrowserWindow.getFocusedWindow()).toBeNull()
    // Closed before the expert came to it, it still opens maximized next time.
    main.close()
    expect(settings.get().mainWindowPlace).toMatchObject({ maximized: true })
    follow(sessionLink)
    const again = windows.mainWindow.get() as unknown as FakeBrowserWindow
    again.readyToShow()
    windows.showWindow()
    expect(again).toMatchObject({ visible: true, focused: true, maximized: true })
  })

  it('maximizes a window a link brought up once the expert clicks into it, as Electron tells the focus later', async () => {
    const { windows, follow } = maximizedLeftOnWindows()
    follow(sessionLink)
    const main = windows.mainWindow.get() as unknown as FakeBrowserWindow
    main.readyToShow()
    // The expert's click: Electron has the focus on the window now and tells 'focus' a moment later.
    main.focus()
    expect(main.maximized).toBe(false)
    await toldSoon()
    expect(main).toMatchObject({ visible: true, focused: true, maximized: true })
  })

  it('keeps the keyboard the expert asked for when a link comes while the window loads', () => {
    const { windows, follow, main } = setUp()
    windows.showWindow()
    follow(sessionLink)
    main().readyToShow()
    expect(main()).toMatchObject({ visible: true, focused: true })
  })

  it('leaves a minimized window minimized and asks for the expert’s eye: restoring it would activate it', () => {
    const { follow, main } = setUp()
    main().readyToShow()
    main().minimize()
    follow(sessionLink)
    expect(main()).toMatchObject({ minimized: true, focused: false })
    expect(askedForAttention(main())).toBe(true)
  })

  it('leaves the window as it is when the expert is in it already', () => {
    const { follow, main } = setUp()
    main().readyToShow()
    follow(sessionLink)
    expect(main()).toMatchObject({ visible: true, focused: true, raised: 0 })
  })

  it('puts away a popover a link showed, but not one the expert is using', () => {
    const { follow, main, popover } = setUp()
    main().readyToShow()
    main().blur()
    popover().readyToShow()
    follow(inviteLink)
    expect(popover()).toMatchObject({ visible: true, focused: false })
    follow(sessionLink)
    expect(popover().visible).toBe(false)
    follow({ kind: 'invite', inviteId: 'inv_1', attention: false })
    expect(popover().focused).toBe(true)
    follow(sessionLink)
    expect(popover()).toMatchObject({ visible: true, focused: true })
    expect(main().focused).toBe(false)
  })

  it('builds the window anew after it was closed for good, never touching the destroyed one', () => {
    const { follow, main } = setUp()
    const first = main()
    first.readyToShow()
    first.close()
    follow(sessionLink)
    expect(main()).not.toBe(first)
    main().readyToShow()
    expect(main()).toMatchObject({ visible: true, focused: false })
  })

  it('opens nothing while a quit closes the windows', () => {
    setUp(true).follow(sessionLink)
    expect(fake.windows).toEqual([])
  })
})

describe("the expert's own press", () => {
  it('brings the window forward focused, un-minimized, as before', () => {
    const { follow, main } = setUp()
    main().readyToShow()
    main().minimize()
    follow({ kind: 'session', sessionId: 'ses_1' })
    expect(main()).toMatchObject({ minimized: false, visible: true, focused: true })
  })

  it('opens a client’s message in the window focused, and a link to one without the keyboard', () => {
    const { follow, main } = setUp()
    main().readyToShow()
    main().blur()
    follow({ kind: 'invite', inviteId: 'inv_1', attention: false, thread: true, link: true })
    expect(main()).toMatchObject({ visible: true, focused: false })
    follow({ kind: 'invite', inviteId: 'inv_1', attention: false, thread: true })
    expect(main().focused).toBe(true)
  })
})
