// The fake of `electron` must fail where Electron fails, or the tests that use it prove nothing
// about destroyed windows, trays and notifications.
import { beforeEach, describe, expect, it } from 'vitest'
import {
  activateToast,
  electronModule,
  fake,
  FakeBrowserWindow,
  FakeMenu,
  FakeNotification,
  FakeTray,
  resetFakeElectron,
  restartNotificationServer,
} from './'

beforeEach(resetFakeElectron)

describe('the fake app', () => {
  it('quits when its last window is destroyed, unless something listens to window-all-closed', () => {
    new FakeBrowserWindow().close()
    expect(fake.app.quit).toHaveBeenCalledOnce()
    resetFakeElectron()
    let told = false
    fake.app.on('window-all-closed', () => (told = true))
    new FakeBrowserWindow().close()
    expect(told).toBe(true)
    expect(fake.app.quit).not.toHaveBeenCalled()
  })
})

describe('the fake app’s quit', () => {
  it('goes before-quit, every window closed, will-quit, quit, once however often it is asked', () => {
    const heard: string[] = []
    for (const name of ['before-quit', 'will-quit', 'quit', 'window-all-closed'])
      fake.app.on(name, () => heard.push(name))
    const window = new FakeBrowserWindow()
    window.on('closed', () => heard.push('closed'))
    fake.app.quit()
    fake.app.quit()
    expect(heard).toEqual(['before-quit', 'closed', 'will-quit', 'quit'])
    expect(fake.app.quitDone).toBe(true)
  })

  it('is cancelled without a word by a prevented before-quit, window close or will-quit, and can be asked again', () => {
    const window = new FakeBrowserWindow()
    let keepWindow = true
    window.on('close', (event: Electron.Event) => {
      if (keepWindow) event.preventDefault()
    })
    fake.app.quit()
    expect([fake.app.quitting, window.isDestroyed()]).toEqual([false, false])
    keepWindow = false
    fake.app.once('will-quit', (event: Electron.Event) => event.preventDefault())
    fake.app.quit()
    expect([fake.app.quitting, window.isDestroyed(), fake.app.quitDone]).toEqual([false, true, false])
    fake.app.once('before-quit', (event: Electron.Event) => event.preventDefault())
    fake.app.quit()
    expect(fake.app.quitDone).toBe(false)
    fake.app.quit()
    expect(fake.app.quitDone).toBe(true)
  })

  it('is skipped by exit(): every window destroyed at once, without close, then only quit, with the code', () => {
    const heard: unknown[] = []
    for (const name of ['before-quit', 'will-quit', 'window-all-closed'])
      fake.app.on(name, () => heard.push(name))
    fake.app.on('quit', (_event, code) => heard.push(['quit', code]))
    const window = new FakeBrowserWindow()
    window.on('close', () => heard.push('close'))
    window.on('closed', () => heard.push('closed'))
    fake.app.exit(1)
    fake.app.exit(1)
    expect(heard).toEqual(['closed', ['quit', 1]])
    expect([window.isDestroyed(), fake.app.exited, fake.app.quitDone]).toEqual([true, true, true])
  })

  it('takes no quit after exit(): the quit events are over once the exit began', () => {
    const heard: string[] = []
    for (const name of ['before-quit', 'will-quit', 'quit']) fake.app.on(name, () => heard.push(name))
    fake.app.exit(1)
    heard.length = 0
    fake.app.quit()
    expect(heard).toEqual([])
  })

  it('exits before ready with no event at all, as the process ends at once', () => {
    fake.app.holdReady()
    let quit = false
    fake.app.on('quit', () => (quit = true))
    fake.app.exit(1)
    expect([fake.app.exited, quit]).toEqual([true, false])
  })
})

describe('the fake app’s single-instance lock', () => {
  it('is held from the request until released, and another copy started meanwhile is told to this one', () => {
    const heard: string[][] = []
    fake.app.on('second-instance', (_event, argv: string[]) => heard.push(argv))
    expect(fake.app.requestSingleInstanceLock()).toBe(true)
    expect(fake.app.requestSingleInstanceLock()).toBe(true)
    expect(fake.app.anotherCopyStarts(['standby', 'standby://invite/inv_1'])).toBe('quits')
    expect(heard).toEqual([['standby', 'standby://invite/inv_1']])
    fake.app.releaseSingleInstanceLock()
    expect(fake.app.anotherCopyStarts()).toBe('runs')
    expect(fake.app.requestSingleInstanceLock()).toBe(false)
    expect(fake.app.anotherCopyStarts()).toBe('quits')
    expect(heard).toHaveLength(1)
  })

  it('is held by a quitting copy until its quit is over, as Electron lets it go after emitting quit', () => {
    fake.app.requestSingleInstanceLock()
    const during: Array<'runs' | 'quits'> = []
    for (const name of ['before-quit', 'will-quit', 'quit'])
      fake.app.on(name, () => during.push(fake.app.anotherCopyStarts()))
    fake.app.quit()
    expect(during).toEqual(['quits', 'quits', 'quits'])
    expect(fake.app.hasSingleInstanceLock()).toBe(false)
    expect(fake.app.anotherCopyStarts()).toBe('runs')
  })

  it('goes with the process on exit(), also before ready', () => {
    fake.app.holdReady()
    fake.app.requestSingleInstanceLock()
    fake.app.exit(1)
    expect(fake.app.anotherCopyStarts()).toBe('runs')
  })
})

describe('the fake app’s links', () => {
  it('answers setAsDefaultProtocolClient with false when the OS refuses, as Electron does', () => {
    expect(fake.app.setAsDefaultProtocolClient('standby')).toBe(true)
    fake.app.protocolClientAllowed = false
    expect(fake.app.setAsDefaultProtocolClient('standby')).toBe(false)
    expect(fake.app.setAsDefaultProtocolClient.mock.calls).toEqual([['standby'], ['standby']])
  })

  it('tells whether an open-url was taken, and can hold the app before ready', async () => {
    expect(fake.app.openUrl('standby://invite/inv_1')).toBe(false)
    fake.app.on('open-url', (event: Electron.Event) => event.preventDefault())
    expect(fake.app.openUrl('standby://invite/inv_1')).toBe(true)
    const release = fake.app.holdReady()
    let ready = false
    const waiting = fake.app.whenReady().then(() => (ready = true))
    await Promise.resolve()
    expect(ready).toBe(false)
    release()
    await waiting
    expect(ready).toBe(true)
  })
})

describe('the fake Tray', () => {
  it('shows a tooltip, which on Linux sends the menu again and so closes one the user has open', () => {
    const tray = new FakeTray('/res/tray.png')
    tray.setToolTip('Standby — Online')
    expect(tray.toolTip).toBe('Standby — Online')
    fake.platform = 'linux'
    fake.trayReportsClicks = false
    const linuxTray = new FakeTray('/res/tray.png')
    linuxTray.setContextMenu(new FakeMenu([{ id: 'open', label: 'Open' }]))
    linuxTray.clickIcon()
    expect(linuxTray.menuShownByClick).toBe(true)
    linuxTray.setToolTip('Standby — Offline')
    expect([linuxTray.toolTip, linuxTray.menuShownByClick]).toEqual(['Standby — Offline', false])
  })

  it('once destroyed, throws "Tray is destroyed" and cannot be clicked', () => {
    const tray = new FakeTray('/res/tray.png')
    tray.destroy()
    expect(() => tray.setToolTip('Standby')).toThrow('Tray is destroyed')
    expect(() => tray.setContextMenu(null)).toThrow('Tray is destroyed')
    expect(() => tray.clickIcon()).toThrow(/no longer on screen/)
    expect(tray.isDestroyed()).toBe(true)
  })

  it('flips a checkbox on click before its action runs, and keeps it flipped until the menu is replaced', () => {
    const tray = new FakeTray('/res/tray.png')
    const seen: Array<boolean | undefined> = []
    const template = [
      { id: 'on', label: 'On', type: 'checkbox', checked: true, click: (item) => seen.push(item.checked) },
    ] satisfies Electron.MenuItemConstructorOptions[]
    tray.setContextMenu(FakeMenu.buildFromTemplate(template))
    tray.clickMenuItem('on')
    expect(seen).toEqual([false])
    expect(tray.menu?.item('on').checked).toBe(false)
    // The template it was built from is not the menu's item.
    expect(template[0]!.checked).toBe(true)
    tray.setContextMenu(FakeMenu.buildFromTemplate(template))
    expect(tray.menu?.item('on').checked).toBe(true)
  })
})

describe('the fake Menu', () => {
  it('pops up over the focused or first window when its own is destroyed, and throws with none, as Electron does', () => {
    const gone = new FakeBrowserWindow()
    const other = new FakeBrowserWindow()
    gone.close()
    FakeMenu.buildFromTemplate([{ label: 'Copy' }]).popup({ window: gone })
    expect(fake.poppedMenus.at(-1)?.window).toBe(other)
    other.close()
    expect(() => FakeMenu.buildFromTemplate([{ label: 'Copy' }]).popup({ window: gone })).toThrow(
      'Cannot open Menu without a BaseWindow present',
    )
  })

  it('refuses an application menu that is not a Menu, as Electron does', () => {
    expect(() => FakeMenu.setApplicationMenu({} as FakeMenu)).toThrow('Invalid menu')
    FakeMenu.setApplicationMenu(null)
    expect(fake.applicationMenu).toBeNull()
  })
})

describe('the fake Notification', () => {
  it('can be closed twice, as in Electron, but not clicked once it is off the screen', () => {
    const notification = new FakeNotification({ title: 'Hooks question' })
    expect(() => notification.click()).toThrow(/no longer on screen/)
    notification.show()
    notification.close()
    expect(() => notification.close()).not.toThrow()
    expect(() => notification.click()).toThrow(/no longer on screen/)
    expect(() => notification.pressAction(0)).toThrow(/no longer on screen/)
    notification.show()
    expect(() => notification.click()).not.toThrow()
  })

  it('times out into the Action Center on Windows (still pressable, a close reported), away on Linux, quietly on macOS', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      resetFakeElectron()
      fake.platform = platform
      const notification = new FakeNotification({ id: 'n' })
      const closes: unknown[] = []
      notification.on('close', (event: { reason?: string }) => closes.push(event.reason))
      notification.show()
      notification.timeOut()
      expect([platform, notification.onScreen, closes]).toEqual([
        platform,
        platform !== 'linux',
        // Electron gives the reason on Windows only.
        platform === 'darwin' ? [] : platform === 'win32' ? ['timedOut'] : [undefined],
      ])
    }
  })

  it('on Windows keeps a dismissed toast in the Action Center (still pressable) until cleared there or closed; elsewhere it is gone', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      resetFakeElectron()
      fake.platform = platform
      const notification = new FakeNotification({ id: 'n' })
      notification.show()
      notification.dismiss()
      expect([platform, notification.onScreen]).toEqual([platform, platform === 'win32'])
    }
    resetFakeElectron()
    fake.platform = 'win32'
    const cleared = new FakeNotification({ id: 'c' })
    cleared.show()
    cleared.dismiss()
    cleared.clearFromActionCenter()
    const closedThere = new FakeNotification({ id: 'd' })
    closedThere.show()
    closedThere.dismiss()
    const closes: unknown[] = []
    closedThere.on('close', (event: { reason?: string }) => closes.push(event.reason))
    closedThere.close()
    // Electron reports no second 'close' for one it takes out of the Action Center.
    expect([cleared.onScreen, closedThere.onScreen, closes]).toEqual([false, false, []])
  })

  it('on macOS and Windows takes the place of one with its id, and closing either takes down what shows under it', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      resetFakeElectron()
      fake.platform = platform
      const older = new FakeNotification({ id: 'same' })
      const newer = new FakeNotification({ id: 'same' })
      const other = new FakeNotification({ id: 'other' })
      for (const n of [older, newer, other]) n.show()
      const byId = platform !== 'linux'
      expect([older.onScreen, newer.onScreen, other.onScreen]).toEqual([!byId, true, true])
      older.close()
      expect([older.onScreen, newer.onScreen, other.onScreen]).toEqual([false, !byId, true])
    }
  })

  it('on macOS hands a press, on Windows a button, to the first object Electron still holds under the id, as its presenter does', () => {
    // Linux has neither ids nor buttons (below).
    for (const platform of ['darwin', 'win32'] as const) {
      resetFakeElectron()
      fake.platform = platform
      const heard: string[] = []
      const make = (name: string): FakeNotification => {
        const notification = new FakeNotification({ id: 'same' })
        notification.on('click', () => heard.push(`${name} click`))
        notification.on('action', (_event: unknown, index: number) => heard.push(`${name} ${index}`))
        notification.show()
        return notification
      }
      make('older')
      const newer = make('newer')
      newer.pressAction(1)
      // A button leaves the older one held under the id; a click on the body ends it.
      newer.click()
      make('newest').click()
      expect([platform, heard]).toEqual([
        platform,
        // Windows hands a button to the first toast of the id it has, a click to its own toast.
        platform === 'darwin'
          ? ['older 1', 'older click', 'newer click']
          : ['older 1', 'newer click', 'newest click'],
      ])
    }
  })

  it('reports the app’s own close() as a close on macOS, and on Linux through the portal: otherwise the OS answers after Electron let go of the object', () => {
    for (const platform of ['darwin', 'win32', 'linux', 'linux portal'] as const) {
      resetFakeElectron()
      fake.platform = platform === 'linux portal' ? 'linux' : platform
      fake.linuxPortal = platform === 'linux portal'
      const notification = new FakeNotification({ id: 'n' })
      let closes = 0
      notification.on('close', () => closes++)
      notification.show()
      notification.close()
      expect([platform, notification.onScreen, closes]).toEqual([
        platform,
        false,
        platform === 'darwin' || platform === 'linux portal' ? 1 : 0,
      ])
    }
  })

  it('on Windows tells a button to handleActivation first, with the toast’s id, kept for a callback registered later', () => {
    fake.platform = 'win32'
    const heard: string[] = []
    const toast = new FakeNotification({ id: 'toast-id' })
    toast.on('action', (_event: unknown, index: number) => heard.push(`object ${index}`))
    toast.show()
    toast.pressAction(1)
    expect(heard).toEqual(['object 1'])
    electronModule.Notification.handleActivation((details) =>
      heard.push(`activation ${details.type} ${details.actionIndex} ${details.arguments}`),
    )
    toast.pressAction(0)
    expect(heard).toEqual([
      'object 1',
      'activation action 1 type=action&action=1&tag=toast-id',
      'activation action 0 type=action&action=0&tag=toast-id',
      'object 0',
    ])
  })

  it('on Windows hands a callback registered late only the last press made before it, as Electron keeps one', () => {
    fake.platform = 'win32'
    activateToast({ type: 'click', arguments: 'first' })
    activateToast({ type: 'click', arguments: 'second' })
    const heard: string[] = []
    electronModule.Notification.handleActivation((details) => heard.push(details.arguments))
    expect(heard).toEqual(['second'])
  })

  it('on Linux loses what it showed, silently, when the notification server restarts; a click follows both servers’ actions', () => {
    fake.platform = 'linux'
    const heard: string[] = []
    const before = new FakeNotification({ title: 'before' })
    before.on('close', () => heard.push('close'))
    before.show()
    restartNotificationServer({ actions: false })
    expect(before.onScreen).toBe(false)
    expect(() => before.close()).not.toThrow()
    // Electron read the first server's capabilities, with actions: the new one ignores the action.
    const after = new FakeNotification({ title: 'after' })
    after.on('click', () => heard.push('click'))
    after.show()
    after.click()
    expect(heard).toEqual([])
    // The other way round, Electron adds no action for a server it read as offering none.
    resetFakeElectron()
    fake.platform = 'linux'
    fake.linuxServerActions = false
    new FakeNotification().show()
    restartNotificationServer({ actions: true })
    const none = new FakeNotification()
    none.on('click', () => heard.push('click'))
    none.show()
    none.click()
    expect(heard).toEqual([])
    expect(() => {
      fake.platform = 'win32'
      restartNotificationServer()
    }).toThrow(/Only Linux/)
  })

  it('on Linux shows no buttons, and hears a click only where the notification server offers actions', () => {
    fake.platform = 'linux'
    const heard: string[] = []
    for (const offersActions of [true, false]) {
      fake.linuxServerActions = offersActions
      const notification = new FakeNotification({ actions: [{ type: 'button', text: 'Join' }] })
      notification.on('click', () => heard.push(`click with actions ${offersActions}`))
      notification.show()
      expect(() => notification.pressAction(0)).toThrow(/never shows on Linux/)
      notification.click()
    }
    expect(heard).toEqual(['click with actions true'])
  })

  it('on macOS a dismissed notification, never closed, still hears a press on a newer one of its id', () => {
    fake.platform = 'darwin'
    const heard: string[] = []
    const older = new FakeNotification({ id: 'same', actions: [{ type: 'button', text: 'Open' }] })
    older.on('close', () => heard.push('older close'))
    older.on('click', () => heard.push('older click'))
    older.show()
    older.dismiss()
    const newer = new FakeNotification({ id: 'same' })
    newer.on('click', () => heard.push('newer click'))
    newer.show()
    newer.click()
    expect(heard).toEqual(['older close', 'older click'])
  })

  it('on macOS tells no dismissal of a notification without buttons, and still holds it under its id', () => {
    fake.platform = 'darwin'
    const heard: string[] = []
    const plain = new FakeNotification({ id: 'plain', title: 'A message' })
    plain.on('close', () => heard.push('plain close'))
    plain.on('click', () => heard.push('plain click'))
    plain.show()
    plain.dismiss()
    expect([plain.onScreen, heard]).toEqual([false, []])
    const next = new FakeNotification({ id: 'plain' })
    next.show()
    next.click()
    expect(heard).toEqual(['plain click'])
  })

  it('on macOS hands a press on this run’s notification to the object getHistory made of it', async () => {
    fake.platform = 'darwin'
    const heard: string[] = []
    const shown = new FakeNotification({ id: 'same' })
    shown.on('click', () => heard.push('shown'))
    shown.show()
    const [copy] = await FakeNotification.getHistory()
    copy!.on('click', () => heard.push('copy'))
    shown.click()
    expect(heard).toEqual(['copy'])
  })

  it('on macOS leaves in Notification Center what an object getHistory() made closes; the one that showed it takes it down', async () => {
    fake.platform = 'darwin'
    FakeNotification.delivered({ id: 'earlier' })
    const shown = new FakeNotification({ id: 'same' })
    shown.show()
    const [earlier, copy] = await FakeNotification.getHistory()
    earlier!.on('click', () => expect.fail('a closed object hears no press'))
    earlier!.close()
    copy!.close()
    expect([earlier!.onScreen, shown.onScreen]).toEqual([true, true])
    // Electron holds nothing under its id any more: a press on it reaches no one.
    earlier!.click()
    shown.close()
    FakeNotification.remove('earlier')
    expect([earlier!.onScreen, shown.onScreen]).toEqual([false, false])
  })

  it('on macOS hands a press to the newer object once the earlier one of its id was closed', () => {
    fake.platform = 'darwin'
    const heard: string[] = []
    const older = new FakeNotification({ id: 'same' })
    older.on('click', () => heard.push('older'))
    older.show()
    older.close()
    const newer = new FakeNotification({ id: 'same' })
    newer.on('click', () => heard.push('newer'))
    newer.show()
    newer.click()
    expect(heard).toEqual(['newer'])
  })

  it('closes only through the object that showed it: another with the same id, never shown, closes nothing', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      resetFakeElectron()
      fake.platform = platform
      const shown = new FakeNotification({ id: 'same' })
      shown.show()
      new FakeNotification({ id: 'same' }).close()
      expect([platform, shown.onScreen]).toEqual([platform, true])
      // Closed once, its object no longer reaches the OS: a newer one under the id stays.
      shown.close()
      const newer = new FakeNotification({ id: 'same' })
      newer.show()
      shown.close()
      expect([platform, newer.onScreen]).toEqual([platform, true])
    }
  })
})

describe('the fake shell', () => {
  it('records each URL it opens, and rejects as Electron does without a handler or a URL', async () => {
    await fake.shell.openExternal('https://example.com/a')
    await expect(fake.shell.openExternal('not a url')).rejects.toThrow('Failed to open')
    fake.shell.noHandler = true
    await expect(fake.shell.openExternal('https://example.com/b')).rejects.toThrow('Failed to open')
    expect(fake.shell.opened).toEqual(['https://example.com/a'])
  })
})

describe('the fake Notification’s statics', () => {
  it('exist only where Electron has them, and refuse a wrong argument', () => {
    fake.platform = 'win32'
    expect(() => FakeNotification.remove('x')).toThrow(new TypeError('Notification.remove is not a function'))
    expect(() => FakeNotification.getHistory()).toThrow(TypeError)
    fake.platform = 'darwin'
    expect(() => FakeNotification.handleActivation(() => undefined)).toThrow(TypeError)
    expect(() => FakeNotification.remove(42 as unknown as string)).toThrow(TypeError)
  })

  it('record what was removed, and take it off the screen', async () => {
    const shown = new FakeNotification({ id: 'a' })
    shown.show()
    const earlier = FakeNotification.delivered({ id: 'b' })
    // This run's too, as a new object under its id: closing that one takes this run's down.
    const history = await FakeNotification.getHistory()
    expect(history.map((n) => n.id)).toEqual(['b', 'a'])
    expect(history[0]).toBe(earlier)
    expect(history[1]).not.toBe(shown)
    FakeNotification.remove(['a', 'b'])
    expect(fake.notificationCalls.remove).toEqual(['a', 'b'])
    expect([shown.onScreen, earlier.onScreen]).toEqual([false, false])
    expect(() => earlier.click()).toThrow(/no longer on screen/)
  })
})

describe('the fakes of the badge, the overlay and the tray image', () => {
  beforeEach(resetFakeElectron)

  it('have a badge count on macOS and Linux, and on Windows one drawn over every window’s own overlay, as Electron does', () => {
    fake.platform = 'linux'
    expect(fake.app.setBadgeCount(2)).toBe(true)
    expect(fake.app.getBadgeCount()).toBe(2)
    fake.platform = 'win32'
    const window = new FakeBrowserWindow()
    window.show()
    window.setOverlayIcon(null, '')
    expect(fake.app.setBadgeCount(5)).toBe(true)
    expect(window.overlay?.description).toBe('5 badge')
  })

  it('on Windows lose an overlay set on a window with no taskbar button: not shown yet, or hidden', () => {
    fake.platform = 'win32'
    const window = new FakeBrowserWindow()
    const shows: string[] = []
    window.on('show', () => shows.push('show'))
    window.setOverlayIcon('overlay' as never, '1 open invite')
    expect(window.overlay).toBeNull()
    window.show()
    window.show()
    expect(shows).toEqual(['show'])
    window.setOverlayIcon('overlay' as never, '1 open invite')
    expect(window.overlay?.description).toBe('1 open invite')
    window.hide()
    window.show()
    expect([window.overlay, shows]).toEqual([null, ['show', 'show']])
  })

  it('answer true on a Linux dock without LauncherEntry badges, as Electron cannot tell, and show nothing', () => {
    fake.platform = 'linux'
    fake.app.launcherBadges = false
    expect(fake.app.setBadgeCount(3)).toBe(true)
    expect([fake.app.getBadgeCount(), fake.app.badgeShown]).toEqual([3, null])
  })

  it('answer false on Linux without a count or without the app’s desktop name, keeping the count', () => {
    fake.platform = 'linux'
    expect(fake.app.setBadgeCount(2)).toBe(true)
    expect(fake.app.setBadgeCount()).toBe(false)
    fake.app.desktopNameKnown = false
    expect(fake.app.setBadgeCount(5)).toBe(false)
    expect([fake.app.getBadgeCount(), fake.app.badgeShown]).toEqual([2, '2'])
  })

  it('show a dot on macOS for a call without a count, and a saturated count past the most', () => {
    fake.platform = 'darwin'
    expect(fake.app.setBadgeCount()).toBe(true)
    expect([fake.app.getBadgeCount(), fake.app.badgeShown]).toEqual([0, '•'])
    fake.app.setBadgeCount(150)
    expect([fake.app.getBadgeCount(), fake.app.badgeShown]).toEqual([150, '99+'])
  })

  it('refuse a badge count that is no whole number, as Electron’s argument conversion does', () => {
    expect(() => fake.app.setBadgeCount(2.5)).toThrow(TypeError)
    expect(() => fake.app.setBadgeCount(Number.NaN)).toThrow('conversion failure')
  })

  it('refuse an overlay or a tray image on what was destroyed', () => {
    fake.platform = 'win32'
    const window = new FakeBrowserWindow()
    window.destroy()
    expect(() => window.setOverlayIcon(null, '')).toThrow('Object has been destroyed')
    const tray = new FakeTray('/res/tray-online.png')
    tray.destroy()
    expect(() => tray.setImage('/res/tray-away.png')).toThrow('Tray is destroyed')
    expect(() => tray.getBounds()).toThrow('Tray is destroyed')
  })

  it('say where the tray icon is, except on Linux, where Electron answers an empty rectangle, a click’s too', () => {
    const tray = new FakeTray('/res/tray-online.png')
    const clicks: unknown[] = []
    tray.on('click', (_event, bounds) => clicks.push(bounds))
    expect(tray.getBounds().width).toBeGreaterThan(0)
    tray.clickIcon()
    fake.platform = 'linux'
    expect(tray.getBounds()).toEqual({ x: 0, y: 0, width: 0, height: 0 })
    tray.clickIcon()
    expect(clicks).toEqual([tray.bounds, { x: 0, y: 0, width: 0, height: 0 }])
  })
})

describe('the fakes of what Linux lacks', () => {
  it('never play a screen lock or unlock on Linux, where Electron emits neither', () => {
    fake.platform = 'linux'
    expect(() => fake.powerMonitor.play('lock-screen')).toThrow(/never emits lock-screen on Linux/)
    expect(() => fake.powerMonitor.play('unlock-screen')).toThrow(/never emits unlock-screen on Linux/)
    expect(() => fake.powerMonitor.play('resume')).not.toThrow()
  })
})

describe('the fakes before the app is ready', () => {
  it('refuse windows, trays, notifications and the screen, as Electron does, and allow them once ready', () => {
    const release = fake.app.holdReady()
    expect(fake.app.isReady()).toBe(false)
    expect(() => new FakeBrowserWindow()).toThrow('Cannot create BrowserWindow before app is ready')
    expect(() => new FakeTray('/res/tray.png')).toThrow('Cannot create Tray before app is ready')
    expect(() => new FakeNotification({ title: 'x' })).toThrow(
      'Cannot create Notification before app is ready',
    )
    expect(() => electronModule.screen).toThrow(/can't be used before the app 'ready' event/)
    release()
    expect(() => new FakeNotification({ title: 'x' })).not.toThrow()
    expect(electronModule.screen.getCursorScreenPoint()).toEqual(fake.cursor)
  })
})

describe('the fake Notification on Windows', () => {
  it('refuses an id or groupId longer than a toast’s tag, and a groupTitle without a groupId', () => {
    fake.platform = 'win32'
    expect(() => new FakeNotification({ id: 'x'.repeat(65) })).toThrow(/id exceeds Windows limit/)
    expect(() => new FakeNotification({ groupId: 'g'.repeat(65) })).toThrow(/groupId exceeds Windows limit/)
    expect(() => new FakeNotification({ groupTitle: 'Invites' })).toThrow(/groupTitle requires groupId/)
    expect(() => new FakeNotification({ id: 'x'.repeat(64), groupId: 'g', groupTitle: 'G' })).not.toThrow()
    fake.platform = 'darwin'
    expect(() => new FakeNotification({ id: 'x'.repeat(65) })).not.toThrow()
  })
})

describe('the fakes of what one OS alone has', () => {
  it('have safeStorage’s backend on Linux only, unknown before ready, and no encryption before ready', async () => {
    expect(() => fake.safeStorage.getSelectedStorageBackend()).toThrow(TypeError)
    fake.platform = 'linux'
    const release = fake.app.holdReady()
    expect(fake.safeStorage.getSelectedStorageBackend()).toBe('unknown')
    expect(await fake.safeStorage.isAsyncEncryptionAvailable()).toBe(false)
    await expect(fake.safeStorage.encryptStringAsync('t')).rejects.toThrow(/before app is ready/)
    release()
    expect(fake.safeStorage.getSelectedStorageBackend()).toBe('gnome_libsecret')
    expect(await fake.safeStorage.isAsyncEncryptionAvailable()).toBe(true)
  })

  it('have setAppUserModelId on Windows only', () => {
    expect(() => fake.app.setAppUserModelId('app.standby')).toThrow(TypeError)
    fake.platform = 'win32'
    fake.app.setAppUserModelId('app.standby')
    expect(fake.app.appUserModelId).toBe('app.standby')
  })
})

describe('the fake autoUpdater', () => {
  it('quits in Electron’s order: before-quit-for-update, the windows closed, then the quit', () => {
    const heard: string[] = []
    fake.autoUpdater.on('before-quit-for-update', () => heard.push('before-quit-for-update'))
    fake.app.on('before-quit', () => heard.push('before-quit'))
    new FakeBrowserWindow().on('closed', () => heard.push('closed'))
    fake.autoUpdater.quitAndInstall()
    expect(heard).toEqual(['before-quit-for-update', 'closed', 'before-quit'])
    expect(fake.app.quitDone).toBe(true)
  })

  it('with installFailure, says so with an error once the windows are closed, and does not quit', () => {
    const heard: string[] = []
    fake.app.on('window-all-closed', () => undefined)
    fake.autoUpdater.on('error', (_error: Error, message: string) => heard.push(`error: ${message}`))
    new FakeBrowserWindow().on('closed', () => heard.push('closed'))
    fake.autoUpdater.installFailure = 'No update available, can’t quit and install'
    fake.autoUpdater.quitAndInstall()
    expect(heard).toEqual(['closed', 'error: No update available, can’t quit and install'])
    expect([fake.app.quitting, fake.app.quitDone]).toEqual([false, false])
  })
})
