// The composition root, booted against the fake Electron: the pieces are tested on their own
// elsewhere; this checks they are wired to each other the way a user would notice.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { openCache } from '../../../src/main/db/open-cache'
import { SqliteCacheStore } from '../../../src/main/db/sqlite-cache-store'
import { consoleLogger } from '../../../src/main/node/log'
import {
  electronModule,
  endWindowsSession,
  fake as fakeState,
  type FakeTray,
  FakeWebContents,
  resetFakeElectron,
  toldSoon,
} from '../../support/fake-electron'
import { aSession, aSnapshot, anInvite } from '../../support/fixtures'
import { useTestPlatform } from '../../support/test-platform'
import { encodeSignIn } from '../../../src/main/node/stored-sign-in'
import type { StoredSignIn } from '../../../src/main/core/ports/secrets'
import { hashPassword } from '../../../server/src/auth'
import {
  KEPT_RUNNING_NOTICE,
  RELAUNCHED_AFTER_ERROR_FLAG,
  RELAUNCHED_NOTICE,
  relaunchRecord,
} from '../../../src/main/core/startup/last-resort'
import { RELAUNCH_RECORD_FILE } from '../../../src/main/electron/last-resort'
import { invokeChannels } from '../../../src/shared/ipc/contract'

vi.mock('electron', async () => (await import('../../support/fake-electron')).electronModule)

/** Starts the app from scratch, as launching the executable would. */
let userData: string | undefined

async function launch(before?: (fake: typeof fakeState) => void): Promise<typeof fakeState> {
  const fake = await start(before)
  expect(fake.app.exit).not.toHaveBeenCalled()
  return fake
}

/** Launches and lets the start fail or not. */
async function start(before?: (fake: typeof fakeState) => void): Promise<typeof fakeState> {
  await (
    await beginStart(before)
  ).started
  return fakeState
}

/** Loads the composition root on a fresh fake and its own user data; its start may still be under way. */
async function beginStart(before?: (fake: typeof fakeState) => void): Promise<{ started: Promise<unknown> }> {
  resetFakeElectron()
  userData = mkdtempSync(join(tmpdir(), 'standby-userdata-'))
  fakeState.paths.userData = userData
  fakeState.paths.appData = join(userData, 'app-data')
  fakeState.paths.logs = join(userData, 'logs')
  // The composition root asks process.platform: the fake plays that OS, not another.
  fakeState.platform = process.platform
  before?.(fakeState)
  vi.resetModules()
  const { started } = await import('../../../src/main/index')
  return { started }
}

/**
 * The pointer rests on the tray icon (x 1000..1024) as it clicks: where a Linux tray, which does not
 * say where its icon is, places the popover.
 */
function pointerOnTrayIcon(fake: typeof fakeState): void {
  fake.cursor = { x: 1011, y: 12 }
}

/** The expert moves the window and changes two settings, the second paced to be written later. */
async function moveWindowAndChangeSettings(fake: typeof fakeState): Promise<void> {
  const window = fake.windows[0]!
  window.moveTo({ x: 40, y: 60, width: 1000, height: 700 })
  const page = { sender: window.webContents, frameUrl: 'standby-app://app/' }
  await expect(fake.ipcMain.invoke('settings.update', page, { soundEnabled: false })).resolves.toMatchObject({
    ok: true,
  })
  // Within a second of the first: answered as made, written when the second ends (or sooner if asked).
  await fake.ipcMain.invoke('settings.update', page, { remindersEnabled: false })
}

/** Both settings and where the window was are on disk for the next start. */
function expectSettingsAndPlaceWritten(): void {
  const onDisk = JSON.parse(readFileSync(join(userData!, 'settings.json'), 'utf8')) as Record<string, unknown>
  expect(onDisk).toMatchObject({ soundEnabled: false, remindersEnabled: false })
  expect(onDisk['mainWindowPlace']).toEqual({ x: 40, y: 60, width: 1000, height: 700, maximized: false })
}

/**
 * The process's listeners before a test, of the events the app listens for on it (its last resort,
 * the signals that quit it): each launch adds its own, taken off after.
 */
const PROCESS_EVENTS = ['uncaughtException', 'unhandledRejection', 'SIGINT', 'SIGTERM', 'SIGHUP'] as const
let listenersBefore = new Map<string, ReadonlyArray<unknown>>()
/** What the app added on `event` since the test began. */
function addedListeners(event: (typeof PROCESS_EVENTS)[number]): Array<(error: unknown) => void> {
  const before = listenersBefore.get(event) ?? []
  return (process as NodeJS.EventEmitter)
    .listeners(event)
    .filter((listener) => !before.includes(listener)) as Array<(error: unknown) => void>
}
/**
 * The app's own listener of `signal`. Not electron-store's `when-exit` (a `once`, wrapped so): it
 * raises the signal at the real process, which would end the test run.
 */
function signalListener(signal: 'SIGINT' | 'SIGTERM' | 'SIGHUP'): ((signal: string) => void) | undefined {
  const before = listenersBefore.get(signal) ?? []
  return (process as NodeJS.EventEmitter)
    .rawListeners(signal)
    .find((listener) => !before.includes(listener) && !('listener' in listener)) as
    ((signal: string) => void) | undefined
}

afterEach(() => {
  for (const event of PROCESS_EVENTS)
    for (const listener of addedListeners(event)) (process as NodeJS.EventEmitter).off(event, listener)
  if (userData !== undefined) rmSync(userData, { recursive: true, force: true })
  userData = undefined
  // The console's spies start empty in each test: what an earlier test logged is not counted.
  vi.restoreAllMocks()
})

beforeEach(() => {
  listenersBefore = new Map(
    PROCESS_EVENTS.map((event) => [event, (process as NodeJS.EventEmitter).listeners(event)]),
  )
  vi.spyOn(console, 'error').mockImplementation(() => {})
  vi.spyOn(console, 'info').mockImplementation(() => {})
  vi.spyOn(console, 'warn').mockImplementation(() => {})
})

describe('launching Standby', () => {
  it('as a second copy: quits without opening a window or a tray icon', async () => {
    const fake = await launch((f) => {
      f.app.lockAvailable = false
    })
    expect(fake.app.quit).toHaveBeenCalledOnce()
    expect(fake.windows).toHaveLength(0)
    expect(fake.trays).toHaveLength(0)
  })

  it('as the first copy: a locked-down window and popover, a tray icon, and session security', async () => {
    const fake = await launch()
    expect(fake.windows).toHaveLength(2)
    for (const window of fake.windows) {
      expect(window.options.webPreferences).toMatchObject({
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
      })
    }
    expect(fake.trays).toHaveLength(1)
    expect(fake.trays[0]?.menu?.item('status').label).toMatch(/Signed out/)
    const { responseHeaders } = fake.session.receiveResponse('http://localhost/', {})
    expect(responseHeaders).toHaveProperty('Content-Security-Policy')
    // A session made later (electron-updater makes one) is held to the same rules.
    const made = electronModule.session.fromPartition('persist:later')
    expect([made.download('https://evil.example/x.exe'), made.checkPermission('hid')]).toEqual([true, false])
    // A web contents made later, by anything, is held to the same rules as the windows'.
    const later = new FakeWebContents()
    expect([later.navigate('https://evil.example/'), later.attachWebview('https://evil.example/')]).toEqual([
      true,
      true,
    ])
  })

  it('writes a crash of the GPU process, told on the app alone, to its log', async () => {
    const fake = await launch()
    fake.app.childProcessGone({ type: 'GPU', reason: 'crashed', exitCode: 139 })
    const log = readFileSync(join(userData!, 'logs', 'standby.log'), 'utf8')
    expect(log).toMatch(/graphics process \(GPU\), which draws its windows, crashed \(exit code 139\)/)
  })

  it('leaves every channel a page can reach to the checked contract handlers: no library keeps one of its own', async () => {
    const fake = await launch()
    // electron-store listens on raw ipcMain.on as its stores open, answering any frame unchecked.
    expect([...fake.ipcMain.listeners.keys()]).toEqual([])
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual([...invokeChannels].sort())
  })

  it('packaged: no developer tools in any window, nor Electron’s default menu that would open them', async () => {
    // A packaged app has a resources folder (process.resourcesPath): an empty one here.
    const resources = mkdtempSync(join(tmpdir(), 'standby-resources-'))
    Object.assign(process, { resourcesPath: resources })
    try {
      const fake = await launch((f) => {
        f.app.isPackaged = true
      })
      expect(fake.applicationMenu).not.toBe('default')
      expect(fake.windows).toHaveLength(2)
      for (const window of fake.windows) expect(window.options.webPreferences?.devTools).toBe(false)
    } finally {
      Reflect.deleteProperty(process, 'resourcesPath')
      rmSync(resources, { recursive: true, force: true })
    }
  })

  // Linux keeps the login item as an autostart entry: here in a folder of the test's own.
  it.runIf(process.platform === 'linux')(
    'packaged: asks the system again about launch at login as a window gains focus, and tells the page what changed',
    async () => {
      const resources = mkdtempSync(join(tmpdir(), 'standby-resources-'))
      const config = mkdtempSync(join(tmpdir(), 'standby-config-'))
      Object.assign(process, { resourcesPath: resources })
      vi.stubEnv('XDG_CONFIG_HOME', config)
      try {
        const fake = await launch((f) => {
          f.app.isPackaged = true
        })
        const window = fake.windows[0]!
        const page = { sender: window.webContents, frameUrl: 'standby-app://app/' }
        await fake.ipcMain.invoke('settings.update', page, { launchAtLogin: true })
        const told = () => window.contents.sentOf('settings.loginItemChanged')
        expect(told().at(-1)).toEqual({ applied: true })
        // The expert removes Standby in the desktop's startup settings, then comes back to its window.
        rmSync(join(config, 'autostart'), { recursive: true, force: true })
        window.focus()
        await toldSoon()
        expect(told().at(-1)).toMatchObject({ applied: false })
      } finally {
        vi.unstubAllEnvs()
        Reflect.deleteProperty(process, 'resourcesPath')
        for (const dir of [resources, config]) rmSync(dir, { recursive: true, force: true })
      }
    },
  )

  it('loads its pages from its own scheme, declared before the app is ready and served with the policy', async () => {
    const fake = await launch()
    const [declared] = fake.protocol.registerSchemesAsPrivileged.mock.calls[0]!
    expect(declared).toEqual([
      {
        scheme: 'standby-app',
        privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
      },
    ])
    expect(fake.protocol.registerSchemesAsPrivileged.mock.invocationCallOrder[0]).toBeLessThan(
      fake.app.whenReady.mock.invocationCallOrder[0]!,
    )
    expect(fake.windows[0]!.loaded).toEqual({ url: 'standby-app://app/' })
    const page = await fake.protocol.request('standby-app://app/')
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'")
    expect(await page.text()).toContain('<div id="root">')
    expect((await fake.protocol.request('standby-app://app/../../main/index.ts')).status).toBe(404)
  })

  it('focuses the existing window when a second copy is started', async () => {
    const fake = await launch()
    const window = fake.windows[0]!
    window.readyToShow()
    window.minimize()
    fake.app.secondInstance()
    expect(window).toMatchObject({ visible: true, focused: true, minimized: false, destroyed: false })
  })

  it('destroys the window on close and stays in the tray; Open builds it again, shown from its first frame', async () => {
    const fake = await launch()
    const window = fake.windows[0]!
    window.readyToShow()
    window.close()
    expect(window.destroyed).toBe(true)
    expect(fake.app.quit).not.toHaveBeenCalled()
    fake.trays[0]!.clickMenuItem('open')
    const reopened = fake.windows.at(-1)!
    expect(reopened).not.toBe(window)
    expect(reopened.loaded).toEqual({ url: 'standby-app://app/' })
    // Nothing on screen until the page has painted.
    expect(reopened.visible).toBe(false)
    reopened.readyToShow()
    expect(reopened).toMatchObject({ visible: true, focused: true })
  })

  it('says once, ever, that closing the window left Standby in the tray', async () => {
    const fake = await launch()
    const notices = (): ReadonlyArray<string> =>
      fake.notifications.map((notification) => String(notification.options.title))
    fake.windows[0]!.close()
    expect(notices()).toEqual(['Standby is still running'])
    fake.trays[0]!.clickMenuItem('open')
    fake.windows.at(-1)!.readyToShow()
    fake.windows.at(-1)!.close()
    expect(notices()).toEqual(['Standby is still running'])
  })

  it('says nothing of the tray when a restart to update closes the window (macOS closes it before before-quit)', async () => {
    const fake = await launch()
    fake.autoUpdater.quitAndInstall()
    expect(fake.windows[0]!.destroyed).toBe(true)
    expect(fake.notifications).toEqual([])
    expect(fake.app.quit).toHaveBeenCalledOnce()
  })

  it('goes on working when Squirrel could not install the update (macOS): Open builds the window again', async () => {
    const fake = await launch()
    fake.autoUpdater.installFailure = 'No update available, can’t quit and install'
    fake.autoUpdater.quitAndInstall()
    expect(fake.windows[0]!.destroyed).toBe(true)
    expect(fake.app.quitDone).toBe(false)
    fake.trays[0]!.clickMenuItem('open')
    const reopened = fake.windows.at(-1)!
    expect(reopened.destroyed).toBe(false)
    reopened.readyToShow()
    expect(reopened).toMatchObject({ visible: true, focused: true })
  })

  it('goes on working after a quit something prevented as it began: closing the window says Standby is in the tray', async () => {
    const fake = await launch()
    // A listener added later (a library's) keeps the app running: Electron says nothing more.
    fake.app.on('before-quit', (event: Electron.Event) => event.preventDefault())
    fake.app.quit()
    expect(fake.app.quitDone).toBe(false)
    fake.windows[0]!.close()
    expect(fake.notifications.map((notification) => String(notification.options.title))).toEqual([
      'Standby is still running',
    ])
  })

  it('remembers the notice across launches', async () => {
    const first = await launch()
    const kept = userData!
    first.windows[0]!.close()
    expect(first.notifications).toHaveLength(1)
    first.app.emit('will-quit')
    const second = await launch((fake) => {
      rmSync(fake.paths.userData!, { recursive: true, force: true })
      fake.paths.userData = userData = kept
    })
    second.windows[0]!.close()
    expect(second.notifications).toHaveLength(0)
  })

  it('starts in the tray alone with --hidden (login items start it so), building the window when asked', async () => {
    process.argv.push('--hidden')
    try {
      const fake = await launch()
      expect(fake.windows).toHaveLength(1)
      expect(fake.windows[0]!.loaded).toEqual({ url: 'standby-app://app/?view=popover' })
      expect(fake.trays).toHaveLength(1)
      fake.trays[0]!.clickMenuItem('open')
      const window = fake.windows.at(-1)!
      window.readyToShow()
      expect(window).toMatchObject({ visible: true, loaded: { url: 'standby-app://app/' } })
    } finally {
      process.argv.splice(process.argv.indexOf('--hidden'), 1)
    }
  })

  it('stays in the tray when a second launch also asks for --hidden (a second login entry, a session restore)', async () => {
    process.argv.push('--hidden')
    try {
      const fake = await launch()
      fake.app.secondInstance(['/opt/Standby/standby', '--hidden'])
      expect(fake.windows.map((window) => window.loaded)).toEqual([
        { url: 'standby-app://app/?view=popover' },
      ])
      // A plain second launch still brings the window forward.
      fake.app.secondInstance(['/opt/Standby/standby'])
      expect(fake.windows.at(-1)!.loaded).toEqual({ url: 'standby-app://app/' })
    } finally {
      process.argv.splice(process.argv.indexOf('--hidden'), 1)
    }
  })

  it('shows the signed-out icon, with no badge, until someone signs in', async () => {
    const fake = await launch()
    const tray = fake.trays[0]!
    expect(tray.image).toMatchObject({ path: expect.stringMatching(/resources\/tray-signed-out[^/]*$/) })
    // The tooltip, where the tray shows one (not on Linux), and the menu's first line say it.
    if (fake.platform !== 'linux') expect(tray.toolTip).toMatch(/^Standby — Signed out/)
    expect(tray.menu?.item('status').label).toMatch(/^Signed out/)
    expect(fake.app.badgeCount).toBe(0)
  })

  it('opens the popover next to the tray icon on a click, and puts it away when it loses focus', async () => {
    const fake = await launch(pointerOnTrayIcon)
    const popover = fake.windows[1]!
    expect(popover.loaded).toEqual({ url: 'standby-app://app/?view=popover' })
    expect(popover.visible).toBe(false)
    popover.readyToShow()
    fake.trays[0]!.clickIcon()
    expect(popover).toMatchObject({ visible: true, focused: true })
    // Centred under the icon (x 1000..1024), just below the menu bar.
    expect(popover.position).toEqual([832, 28])
    popover.blur()
    await toldSoon()
    expect(popover.visible).toBe(false)
  })

  it('brings the full window forward from the popover’s Open Standby', async () => {
    const fake = await launch()
    const [window, popover] = [fake.windows[0]!, fake.windows[1]!]
    window.readyToShow()
    window.minimize()
    fake.trays[0]!.clickIcon()
    const page = 'standby-app://app/?view=popover'
    await fake.ipcMain.invoke('app.showWindow', { sender: popover.webContents, frameUrl: page })
    expect(window).toMatchObject({ visible: true, focused: true })
    expect(popover.visible).toBe(false)
  })

  it('shows a new popover on a tray click after the popover was closed (Alt+F4, Cmd+W)', async () => {
    const fake = await launch(pointerOnTrayIcon)
    const closed = fake.windows[1]!
    closed.close()
    expect(closed.destroyed).toBe(true)
    fake.trays[0]!.clickIcon()
    const popover = fake.windows.at(-1)!
    expect(popover).not.toBe(closed)
    expect(popover.loaded).toEqual({ url: 'standby-app://app/?view=popover' })
    // Shown once its page painted, never as an empty frame.
    expect(popover.visible).toBe(false)
    popover.readyToShow()
    expect(popover).toMatchObject({ visible: true, focused: true, destroyed: false })
    expect(popover.position).toEqual([832, 28])
  })

  describe('while a closed window’s page still unloads (Electron destroys it only then)', () => {
    it('Open builds a new main window, which stays when the closed one goes', async () => {
      const fake = await launch((f) => {
        f.pendingCloses = true
      })
      const closing = fake.windows[0]!
      closing.readyToShow()
      closing.close()
      const built = fake.windows.length
      fake.trays[0]!.clickMenuItem('open')
      expect(fake.windows).toHaveLength(built + 1)
      const reopened = fake.windows.at(-1)!
      expect(reopened.loaded).toEqual({ url: 'standby-app://app/' })
      reopened.readyToShow()
      closing.finishClose()
      expect(reopened).toMatchObject({ visible: true, focused: true, destroyed: false })
    })

    it('a tray click shows a new popover, which stays when the closed one goes', async () => {
      const fake = await launch((f) => {
        pointerOnTrayIcon(f)
        f.pendingCloses = true
      })
      const closing = fake.windows[1]!
      closing.close()
      fake.trays[0]!.clickIcon()
      const popover = fake.windows.at(-1)!
      expect(popover).not.toBe(closing)
      popover.readyToShow()
      closing.finishClose()
      expect(popover).toMatchObject({ visible: true, focused: true, destroyed: false })
    })
  })

  it('still brings the window forward from Open, a second launch and the Dock once the popover was closed', async () => {
    const fake = await launch()
    fake.windows[1]!.close()
    const ways: ReadonlyArray<() => void> = [
      () => fake.trays[0]!.clickMenuItem('open'),
      () => fake.app.secondInstance(),
      () => fake.app.emit('activate'),
    ]
    for (const open of ways) {
      fake.windows.find((window) => !window.destroyed)!.close()
      open()
      const window = fake.windows.at(-1)!
      window.readyToShow()
      expect(window).toMatchObject({ visible: true, focused: true, destroyed: false })
    }
  })

  it('answers the new popover’s page, and no longer the closed one’s', async () => {
    const fake = await launch()
    const closed = fake.windows[1]!
    closed.close()
    fake.trays[0]!.clickIcon()
    const popover = fake.windows.at(-1)!
    const page = 'standby-app://app/?view=popover'
    await expect(
      fake.ipcMain.invoke('connection.getState', { sender: popover.webContents, frameUrl: page }),
    ).resolves.toMatchObject({ ok: true })
    await expect(
      fake.ipcMain.invoke('connection.getState', { sender: closed.contents, frameUrl: page }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'forbidden_sender' } })
  })

  it('opens a new window when the OS closed the last one at session end', async () => {
    const fake = await launch()
    const window = fake.windows[0]!
    window.emit('session-end')
    window.close()
    expect(window.destroyed).toBe(true)
    fake.trays[0]!.clickMenuItem('open')
    const reopened = fake.windows.at(-1)!
    expect(reopened).not.toBe(window)
    expect(reopened.loaded).toEqual({ url: 'standby-app://app/' })
    reopened.readyToShow()
    expect(reopened).toMatchObject({ visible: true, focused: true })
  })

  it('keeps a setting changed just before a Windows logout, and where the window was, with no quit to write them', async () => {
    const fake = await launch((f) => {
      f.platform = 'win32'
    })
    await moveWindowAndChangeSettings(fake)
    // Windows ends the session: each window hears it, none is closed, and the process ends with no quit.
    endWindowsSession()
    expectSettingsAndPlaceWritten()
  })

  it.each(['SIGTERM', 'SIGHUP'] as const)(
    'quits on a Linux logout’s or a closed terminal’s %s as from the tray, writing the last setting and where the window was',
    async (signal) => {
      const fake = await launch((f) => {
        f.platform = 'linux'
      })
      await moveWindowAndChangeSettings(fake)
      signalListener(signal)!(signal)
      expect(fake.app.quit).toHaveBeenCalledOnce()
      expect(fake.app.quitDone).toBe(true)
      expect(fake.app.exit).not.toHaveBeenCalled()
      expectSettingsAndPlaceWritten()
    },
  )

  it('stays in the tray when the popover is closed after the OS closed the window', async () => {
    const fake = await launch()
    const [window, popover] = [fake.windows[0]!, fake.windows[1]!]
    window.emit('session-end')
    window.close()
    popover.close()
    expect(fake.app.quit).not.toHaveBeenCalled()
    fake.trays[0]!.clickIcon()
    fake.windows.at(-1)!.readyToShow()
    expect(fake.windows.at(-1)).toMatchObject({ visible: true, destroyed: false })
  })

  it('answers the popover page too', async () => {
    const fake = await launch()
    const page = 'standby-app://app/?view=popover'
    await expect(
      fake.ipcMain.invoke('connection.getState', { sender: fake.windows[1]!.webContents, frameUrl: page }),
    ).resolves.toMatchObject({ ok: true, value: { status: 'signed_out' } })
  })

  it('quits from the tray, really closing the window', async () => {
    const fake = await launch()
    fake.trays[0]!.clickMenuItem('quit')
    expect(fake.app.quit).toHaveBeenCalledOnce()
    expect(fake.windows[0]!.destroyed).toBe(true)
    // Nothing holds the quit back: every window closed, then will-quit (which closes the core), then quit.
    expect(fake.app.quitDone).toBe(true)
  })

  it('starts again on a link macOS hands over as it quits, as on a second launch’s, rather than drop the click', async () => {
    const fake = await launch()
    fake.app.once('will-quit', () =>
      fake.app.emit('open-url', { preventDefault: () => undefined }, 'STANDBY://invite/inv_9/'),
    )
    fake.trays[0]!.clickMenuItem('quit')
    expect(fake.app.quitDone).toBe(true)
    // Once, on the link as Standby writes it, last as a click puts it.
    expect(fake.app.relaunch).toHaveBeenCalledOnce()
    const [options] = fake.app.relaunch.mock.calls[0] as [{ args: string[] }]
    expect(options.args.at(-1)).toBe('standby://invite/inv_9')
  })

  it('builds no popover for a click on the icon while the quit winds down', async () => {
    const fake = await launch()
    fake.pendingCloses = true
    fake.trays[0]!.clickMenuItem('quit')
    fake.trays[0]!.clickIcon()
    for (const window of fake.windows.filter((candidate) => candidate.closing)) window.finishClose()
    expect(fake.app.quitDone).toBe(true)
    expect(fake.windows.filter((window) => !window.isDestroyed())).toEqual([])
  })

  it('on Linux takes its notifications off the screen at the quit: a press on one then reaches no one', async () => {
    const fake = await launch((f) => {
      f.platform = 'linux'
    })
    if (process.platform !== 'linux') return
    fake.windows[0]!.close()
    const [stillRunning] = fake.notifications
    expect(stillRunning?.onScreen).toBe(true)
    fake.trays[0]!.clickMenuItem('quit')
    expect(fake.notifications.filter((notification) => notification.onScreen)).toEqual([])
  })

  it('takes its icon out of the tray at the quit, so Windows shows none of a Standby that is gone', async () => {
    const fake = await launch()
    fake.trays[0]!.clickMenuItem('quit')
    expect(fake.trays.map((tray) => tray.isDestroyed())).toEqual([true])
  })

  it('quits from the tray while the keychain still answers: the cache closed cleanly, nothing started after', async () => {
    let tray: FakeTray | undefined
    const fake = await start((f) => {
      saveSignIn(f, { platformUrl: 'http://127.0.0.1:4', token: 't'.repeat(43), expertId: 'exp_1' })
      // The cache is open and the tray is up; the keychain answers only after the expert pressed Quit.
      f.safeStorage.isAsyncEncryptionAvailable.mockImplementationOnce(async () => {
        tray = f.trays[0]
        tray!.clickMenuItem('quit')
        return true
      })
    })
    expect(tray).toBeDefined()
    expect(fake.app.quitDone).toBe(true)
    // Not a failed start: no dialog, no exit code.
    expect(fake.app.exit).not.toHaveBeenCalled()
    expect(fake.dialog.showErrorBox).not.toHaveBeenCalled()
    // Closed as at any quit, so the next start skips the full check of the file.
    expect(existsSync(join(userData!, 'cache.db-open'))).toBe(false)
    // The saved sign-in was read after the quit: no connection was begun with it.
    expect(fake.trays[0]!.menu?.item('status').label).not.toMatch(/Connecting/)
    const log = readFileSync(join(userData!, 'logs', 'standby.log'), 'utf8')
    expect(log).not.toMatch(/error/i)
  })

  it('opens the window from a notification pressed while the keychain still answers, before the core can act on presses', async () => {
    const fake = await launch((f) => {
      saveSignIn(f, { platformUrl: 'http://127.0.0.1:4', token: 't'.repeat(43), expertId: 'exp_1' })
      f.safeStorage.isAsyncEncryptionAvailable.mockImplementationOnce(async () => {
        // The window closed while Standby starts says it stays in the tray; the expert presses that.
        f.windows[0]!.close()
        f.notifications.find(({ options }) => options.title === 'Standby is still running')!.click()
        return true
      })
    })
    const mains = fake.windows.filter(
      (window) => !window.isDestroyed() && (window.loaded as { url: string }).url === 'standby-app://app/',
    )
    expect(mains).toHaveLength(1)
    mains[0]!.readyToShow()
    expect(mains[0]).toMatchObject({ visible: true, focused: true })
  })

  it('quit before it was ready (macOS while launching): opens no window, tray or cache after', async () => {
    const fake = await launch((f) => {
      // The quit comes while the app waits for 'ready'.
      f.app.whenReady.mockImplementationOnce(async () => f.app.quit())
    })
    expect(fake.app.quitDone).toBe(true)
    expect(fake.windows).toEqual([])
    expect(fake.trays).toEqual([])
    expect(existsSync(join(userData!, 'cache.db'))).toBe(false)
  })

  it('answers app.getInfo from its own window and refuses another one', async () => {
    const fake = await launch()
    const { webContents } = fake.windows[0]!
    // In tests the renderer directory is src/renderer, next to src/main/index.ts.
    const page = 'standby-app://app/'
    await expect(
      fake.ipcMain.invoke('app.getInfo', { sender: webContents, frameUrl: page }),
    ).resolves.toMatchObject({
      ok: true,
      value: { version: '1.2.3' },
    })
    const stranger = new FakeWebContents()
    await expect(
      fake.ipcMain.invoke('app.getInfo', { sender: stranger, frameUrl: page }),
    ).resolves.toMatchObject({
      ok: false,
      error: { code: 'forbidden_sender' },
    })
  })

  it('writes its log file in the logs folder, and Settings opens that folder', async () => {
    const fake = await launch()
    const logs = join(userData!, 'logs')
    expect(readFileSync(join(logs, 'standby.log'), 'utf8')).not.toBe('')
    const from = { sender: fake.windows[0]!.webContents, frameUrl: 'standby-app://app/' }
    await expect(fake.ipcMain.invoke('logs.getFolder', from)).resolves.toEqual({
      ok: true,
      value: { path: logs, opened: false, problem: null },
    })
    await expect(fake.ipcMain.invoke('logs.openFolder', from)).resolves.toEqual({
      ok: true,
      value: { path: logs, opened: true, problem: null },
    })
    expect(fake.shell.openPath).toHaveBeenCalledWith(logs)
  })

  it('tells Settings that the log file cannot be written, and what to do, rather than the console alone', async () => {
    const fake = await launch((state) =>
      mkdirSync(join(state.paths.logs!, 'standby.log'), { recursive: true }),
    )
    const from = { sender: fake.windows[0]!.webContents, frameUrl: 'standby-app://app/' }
    await expect(fake.ipcMain.invoke('logs.getFolder', from)).resolves.toMatchObject({
      ok: true,
      value: { problem: expect.stringMatching(/cannot write its log file .*Move or rename what stands at/) },
    })
  })

  it('meets an error nothing caught with a log entry and one relaunch, not Electron’s box with the stack', async () => {
    const fake = await launch()
    const [onException] = addedListeners('uncaughtException')
    expect(addedListeners('unhandledRejection')).toHaveLength(1)
    onException!(new TypeError('Cannot read properties of undefined (reading "title")'))
    expect(fake.dialog.showErrorBox).not.toHaveBeenCalled()
    expect(fake.app.relaunch).toHaveBeenCalledWith({
      args: expect.arrayContaining([RELAUNCHED_AFTER_ERROR_FLAG]),
    })
    // It quits as any quit does: the window really closes, the cache with it.
    expect(fake.app.quitDone).toBe(true)
    expect(readFileSync(join(userData!, 'logs', 'standby.log'), 'utf8')).toContain(
      'An unexpected error reached the top of the main process',
    )
  })

  it('goes on without a word to the expert when the terminal it was started from is closed', async () => {
    const fake = await launch()
    // What Node does with a console write that finds no reader: an error on the stream, thrown
    // as uncaught when no one listens to it, at every line the app logs from then on.
    const gone = (): Error => Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })
    expect(() => process.stdout.emit('error', gone())).not.toThrow()
    expect(() => process.stderr.emit('error', gone())).not.toThrow()
    expect(fake.app.relaunch).not.toHaveBeenCalled()
    expect(fake.notifications).toEqual([])
    expect(readFileSync(join(userData!, 'logs', 'standby.log'), 'utf8')).toContain(
      'The console Standby wrote its stdout to is gone (EPIPE)',
    )
  })

  it.each(['tray', 'update'] as const)(
    'does not come back after an error during a quit (%s): the expert’s, or a restart to install an update',
    async (quit) => {
      const fake = await launch()
      const [onException] = addedListeners('uncaughtException')
      const fail = (): void => onException!(new Error('closing the cache failed'))
      if (quit === 'tray') {
        fake.app.on('will-quit', fail)
        fake.trays[0]!.clickMenuItem('quit')
      } else {
        fake.autoUpdater.on('before-quit-for-update', fail)
        fake.autoUpdater.quitAndInstall()
      }
      expect(fake.app.quitDone).toBe(true)
      expect(fake.app.relaunch).not.toHaveBeenCalled()
    },
  )

  it('says it keeps running after an error early in the start, before notifications could be shown, soon after a relaunch', async () => {
    const fake = await launch((f) => {
      // Relaunched a minute ago: this run keeps going rather than relaunch again.
      writeFileSync(join(f.paths.userData!, RELAUNCH_RECORD_FILE), relaunchRecord(Date.now() - 60_000))
      // The first window's page is made before the notifier.
      f.app.once('web-contents-created', () => addedListeners('uncaughtException')[0]!(new Error('early')))
    })
    expect(fake.app.relaunch).not.toHaveBeenCalled()
    expect(fake.notifications.map(({ options }) => options.title)).toContain(KEPT_RUNNING_NOTICE.title)
  })

  it('says why it restarted when it was relaunched after an unexpected error', async () => {
    process.argv.push(RELAUNCHED_AFTER_ERROR_FLAG)
    try {
      const fake = await launch()
      expect(fake.notifications.map(({ options }) => options.title)).toContain(RELAUNCHED_NOTICE.title)
    } finally {
      process.argv.splice(process.argv.indexOf(RELAUNCHED_AFTER_ERROR_FLAG), 1)
    }
  })

  it('shows what failed and what to do when it cannot start, names the log, and exits', async () => {
    let blocked = ''
    const fake = await start((f) => {
      // The profile's folder is a file: the cache cannot be created in it.
      blocked = join(f.paths.userData!, 'profile')
      writeFileSync(blocked, '')
      f.paths.userData = blocked
    })
    expect(fake.dialog.showErrorBox).toHaveBeenCalledOnce()
    const [title, message] = fake.dialog.showErrorBox.mock.calls[0]!
    expect(title).toBe('Standby could not open its offline cache')
    // It names the file in the way, not the folder's permissions, which are not at fault.
    expect(message).toContain(`${blocked} is a file, where a folder should be. Move or rename that file`)
    expect(message).toContain(`The log has the details: ${join(userData!, 'logs', 'standby.log')}`)
    expect(fake.app.exit).toHaveBeenCalledWith(1)
    expect(readFileSync(join(userData!, 'logs', 'standby.log'), 'utf8')).toContain('Standby could not start')
  })

  it('a start that fails ends as a quit does: its icon gone before the dialog, and no word of staying in the tray', async () => {
    let iconAtDialog: boolean[] = []
    const fake = await start((f) => {
      const blocked = join(f.paths.userData!, 'profile')
      writeFileSync(blocked, '')
      f.paths.userData = blocked
      // The error box is modal but the tray still takes clicks while it shows.
      f.dialog.showErrorBox.mockImplementationOnce(() => {
        iconAtDialog = f.trays.map((tray) => !tray.isDestroyed())
      })
    })
    expect(fake.app.exit).toHaveBeenCalledWith(1)
    expect(iconAtDialog).toEqual([false])
    // The exit closed the window: that is no choice of the expert's to say Standby stays in the tray.
    expect(fake.windows.every((window) => window.isDestroyed())).toBe(true)
    expect(fake.notifications.map(({ options }) => options.title)).toEqual([])
  })
})

/** The sign-in an earlier run saved, as the app's keychain file holds it. */
function saveSignIn(fake: typeof fakeState, signIn: StoredSignIn): void {
  writeFileSync(join(fake.paths.userData!, 'sign-in.bin'), fake.safeStorage.sealed(encodeSignIn(signIn)))
}

describe('deep links', () => {
  type Page = { contents: FakeWebContents }
  const focusPushes = (window: Page) => window.contents.sentOf('focus.requested')
  /** What a page takes when it starts: the ask it may have missed while loading. */
  const take = async (window: Page, surface: 'window' | 'popover') =>
    fakeState.ipcMain.invoke(
      'focus.take',
      {
        sender: window.contents,
        frameUrl: `standby-app://app/${surface === 'popover' ? '?view=popover' : ''}`,
      },
      { surface },
    )
  /**
   * An expert signed in before, with a saved sign-in (to a platform that does not answer) and a
   * cache of one open invite and one booked session.
   */
  const signedIn = (fake: typeof fakeState): void => {
    const expert = cachedOnly(fake)
    saveSignIn(fake, { platformUrl: 'http://127.0.0.1:4', token: 't'.repeat(43), expertId: expert.id })
  }
  /** The cache of an expert who signed out without emptying it (or whose token was refused). */
  const cachedOnly = (fake: typeof fakeState) => {
    const opened = openCache({ path: join(fake.paths.userData!, 'cache.db') })
    const snapshot = aSnapshot({
      // Open for an hour from now; the fixture's own time is long past, and so is inv_expired's.
      openInvites: [
        anInvite({ id: 'inv_open', expiresAt: Date.now() + 60 * 60_000 }),
        anInvite({ id: 'inv_expired' }),
      ],
      sessions: [aSession({ id: 'ses_1' })],
    })
    new SqliteCacheStore(opened.db, consoleLogger).applySnapshot(snapshot)
    opened.close()
    return snapshot.expert
  }

  it('makes Standby the handler of standby:// links', async () => {
    const fake = await launch()
    expect(fake.app.setAsDefaultProtocolClient).toHaveBeenCalledWith('standby')
  })

  it('opens the popover on the invite a second launch names, without taking the keyboard from the app the expert types in', async () => {
    const fake = await launch(signedIn)
    const [window, popover] = [fake.windows[0]!, fake.windows[1]!]
    window.close()
    fake.app.secondInstance([
      'C:\\Standby\\Standby.exe',
      '--allow-file-access-from-files',
      'standby://invite/inv_open',
    ])
    // Its first frame comes first: then it shows.
    expect(popover.visible).toBe(false)
    popover.readyToShow()
    expect(popover.visible).toBe(true)
    // Any web page can open a link when it likes: an Enter typed elsewhere must not reach its Join.
    expect(popover.focused).toBe(false)
    expect(focusPushes(popover)).toEqual([{ kind: 'invite', inviteId: 'inv_open', link: true }])
    // A popover still loading missed the push: it takes the ask when it starts, once; the window never.
    await expect(take(popover, 'window')).resolves.toEqual({ ok: true, value: null })
    await expect(take(popover, 'popover')).resolves.toEqual({
      ok: true,
      value: { kind: 'invite', inviteId: 'inv_open', link: true },
    })
    await expect(take(popover, 'popover')).resolves.toEqual({ ok: true, value: null })
  })

  it('brings up no popover for an invite no longer open, and says so in a notification', async () => {
    const fake = await launch(signedIn)
    const popover = fake.windows[1]!
    popover.readyToShow()
    fake.app.secondInstance(['/opt/Standby/standby', 'standby://invite/inv_expired'])
    // Shown without the focus it would hear no click elsewhere, and stay on top with nothing to do.
    expect(popover.visible).toBe(false)
    expect(focusPushes(popover)).toEqual([])
    expect(fake.notifications.at(-1)?.options).toMatchObject({
      title: 'That invite is no longer open',
      body: expect.stringMatching(/^Invite inv_expired ran out before the link opened it/),
    })
  })

  it('opens a link clicked while it quits in a Standby started once the quit is over', async () => {
    const fake = await launch(signedIn)
    fake.app.once('will-quit', () =>
      fake.app.secondInstance(['/opt/Standby/standby', 'standby://invite/inv_open']),
    )
    fake.trays[0]!.clickMenuItem('quit')
    expect(fake.app.quitDone).toBe(true)
    expect(fake.app.relaunch).toHaveBeenCalledOnce()
    expect(fake.app.relaunch.mock.calls[0]![0]!.args!.at(-1)).toBe('standby://invite/inv_open')
  })

  it('brings the window forward on the session a link names', async () => {
    const fake = await launch(signedIn)
    const window = fake.windows[0]!
    window.close()
    fake.app.secondInstance(['/opt/Standby/standby', 'standby://session/ses_1'])
    const reopened = fake.windows.at(-1)!
    reopened.readyToShow()
    // Any web page can open a link: a Tab and an Enter meant for another app must not reach Start.
    expect(reopened).toMatchObject({ visible: true, focused: false, loaded: { url: 'standby-app://app/' } })
    await expect(take(fake.windows[1]!, 'popover')).resolves.toEqual({ ok: true, value: null })
  })

  it('shows the window a start opened focused, a link that comes before its first frame notwithstanding', async () => {
    const fake = await launch(signedIn)
    const window = fake.windows[0]!
    fake.app.secondInstance(['/opt/Standby/standby', 'standby://session/ses_1'])
    window.readyToShow()
    // The expert started Standby to use it: the window they asked for takes the keyboard.
    expect(window).toMatchObject({ visible: true, focused: true })
    expect(focusPushes(window).at(-1)).toMatchObject({ kind: 'session', sessionId: 'ses_1', link: true })
  })

  it('opens nothing for a link it refuses, and says so in a notification and a log line', async () => {
    const fake = await launch()
    const window = fake.windows[0]!
    window.close()
    fake.app.secondInstance(['/opt/Standby/standby', 'standby://invite/../session/x'])
    fake.app.openUrl('javascript:alert(1)')
    expect(window.visible).toBe(false)
    expect(fake.windows.filter((w) => !w.isDestroyed()).flatMap((w) => focusPushes(w))).toEqual([])
    const warnings = vi.mocked(console.warn).mock.calls.map(([line]) => String(line))
    expect(warnings.filter((line) => line.includes('Ignored a link'))).toHaveLength(2)
    const told = fake.notifications.filter(({ options }) => options.title === 'Could not open the link')
    expect(told.map(({ options }) => options.body)).toEqual([
      expect.stringMatching(
        /^This standby:\/\/ link opens nothing: it has a \. or \.\. segment, which Standby never writes in a link\..*from the app instead\.$/,
      ),
      expect.stringMatching(/^This standby:\/\/ link opens nothing: it is not a standby:\/\/ link\./),
    ])
  })

  it('keeps one notice about refused links on screen however many come, the latest one', async () => {
    const fake = await launch()
    fake.windows[0]!.close()
    for (const link of ['standby://invite/a?x', 'standby://invite/b#y', 'javascript:alert(1)'])
      fake.app.openUrl(link)
    const told = fake.notifications.filter(({ options }) => options.title === 'Could not open the link')
    expect(told).toHaveLength(3)
    expect(told.filter((notification) => notification.onScreen)).toEqual([told[2]])
  })

  it('opens the link macOS sends before the app is ready, once the app is up', async () => {
    let ready = (): void => {}
    const { started } = await beginStart((fake) => {
      signedIn(fake)
      ready = fake.app.holdReady()
    })
    expect(fakeState.app.openUrl('standby://invite/inv_open')).toBe(true)
    expect(fakeState.windows).toHaveLength(0)
    ready()
    await started
    // Started by the link: no window of the start's own takes the keyboard, only the popover loads.
    expect(fakeState.windows.map((window) => window.loaded)).toEqual([
      { url: 'standby-app://app/?view=popover' },
    ])
    await expect(take(fakeState.windows[0]!, 'popover')).resolves.toEqual({
      ok: true,
      value: { kind: 'invite', inviteId: 'inv_open', link: true },
    })
  })

  it('opens the link a second launch brings while Standby is still starting, once it is up', async () => {
    let ready = (): void => {}
    const { started } = await beginStart((fake) => {
      signedIn(fake)
      ready = fake.app.holdReady()
    })
    // Electron tells it once ready, after the app's own work at 'ready': no listener misses it.
    expect(fakeState.app.anotherCopyStarts(['/opt/Standby/standby', 'standby://invite/inv_open'])).toBe(
      'quits',
    )
    ready()
    await started
    await expect(take(fakeState.windows[1]!, 'popover')).resolves.toEqual({
      ok: true,
      value: { kind: 'invite', inviteId: 'inv_open', link: true },
    })
  })

  it('signed out with the cache of an earlier sign-in still there, waits for the sign-in all the same', async () => {
    const fake = await launch(cachedOnly)
    const popover = fake.windows[1]!
    fake.app.secondInstance(['/opt/Standby/standby', 'standby://invite/inv_open'])
    expect(focusPushes(popover)).toEqual([])
    await expect(take(popover, 'popover')).resolves.toEqual({ ok: true, value: null })
    expect(fake.notifications.map(({ options }) => options.title)).toEqual(['Sign in to open the link'])
  })

  it('opens a link still waiting for the sign-in in the Standby an unexpected error starts again, not at the expert’s quit', async () => {
    const fake = await launch()
    fake.app.secondInstance(['/opt/Standby/standby', 'standby://invite/inv_open'])
    addedListeners('uncaughtException')[0]!(new Error('boom'))
    expect(fake.app.quitDone).toBe(true)
    expect(fake.app.relaunch).toHaveBeenCalledOnce()
    const [options] = fake.app.relaunch.mock.calls[0] as [{ args: string[] }]
    // With when it was clicked: the new Standby goes on ageing it, not waiting for it afresh.
    expect(options.args.slice(-3)).toEqual([
      RELAUNCHED_AFTER_ERROR_FLAG,
      expect.stringMatching(/^--standby-link-clicked-at=\d+$/),
      'standby://invite/inv_open',
    ])
  })

  it('starts nothing for a link waiting for the sign-in when the expert quits: the quit came after the click', async () => {
    const fake = await launch()
    fake.app.secondInstance(['/opt/Standby/standby', 'standby://invite/inv_open'])
    fake.trays[0]!.clickMenuItem('quit')
    expect(fake.app.quitDone).toBe(true)
    expect(fake.app.relaunch).not.toHaveBeenCalled()
  })

  it('signed out, shows the sign-in form and asks the pages for nothing', async () => {
    const fake = await launch()
    const window = fake.windows[0]!
    window.close()
    fake.app.secondInstance(['/opt/Standby/standby', 'standby://invite/inv_open'])
    const reopened = fake.windows.at(-1)!
    reopened.readyToShow()
    // Without the keyboard: what the expert types into another app must not land in the form.
    expect(reopened).toMatchObject({ visible: true, focused: false })
    expect(focusPushes(reopened)).toEqual([])
    await expect(take(fake.windows[1]!, 'popover')).resolves.toEqual({ ok: true, value: null })
  })

  describe('that come before the sign-in', () => {
    const platform = useTestPlatform()

    /** An expert of the platform, with one open invite sent to them by name; its id. */
    const invited = async (email: string): Promise<string> => {
      const { marketplace } = platform().server
      const expertId = marketplace.createExpert({
        name: 'Ada',
        email,
        passwordHash: await hashPassword('right'),
        timeZone: 'Europe/London',
      })
      platform().inviteDirectly(expertId, 'Query plan')
      return marketplace.snapshot(expertId).openInvites[0]!.id
    }

    /** Signs in from the window as `email`. */
    const signIn = (fake: typeof fakeState, email: string) =>
      fake.ipcMain.invoke(
        'auth.signIn',
        { sender: fake.windows[0]!.contents, frameUrl: 'standby-app://app/' },
        { platformUrl: platform().server.url, email, password: 'right' },
      )

    it('says the link opens after signing in, and opens it once the cache knows the expert', async () => {
      const inviteId = await invited('ada-links@example.test')
      const fake = await launch()
      const [window, popover] = [fake.windows[0]!, fake.windows[1]!]
      popover.readyToShow()
      fake.app.secondInstance(['/opt/Standby/standby', `standby://invite/${inviteId}`])
      expect(fake.notifications.map(({ options }) => options.body)).toEqual([
        `The link to invite ${inviteId} came while you were signed out: sign in within 10 minutes, and Standby opens it.`,
      ])
      expect(focusPushes(popover)).toEqual([])
      const asked = new Promise<unknown>((resolve) => {
        popover.contents.send.mockImplementation((channel, ...args) => {
          if (channel === 'focus.requested') resolve(args[0])
        })
      })
      await expect(
        fake.ipcMain.invoke(
          'auth.signIn',
          { sender: window.contents, frameUrl: 'standby-app://app/' },
          { platformUrl: platform().server.url, email: 'ada-links@example.test', password: 'right' },
        ),
      ).resolves.toMatchObject({ ok: true })
      await expect(asked).resolves.toEqual({ kind: 'invite', inviteId, link: true })
      expect(popover.visible).toBe(true)
      fake.app.emit('will-quit')
    })

    it('opens nothing for a link to another expert’s invite, and says it is none of theirs', async () => {
      await invited('ada-own@example.test')
      const theirs = await invited('grace-other@example.test')
      const fake = await launch()
      const popover = fake.windows[1]!
      popover.readyToShow()
      fake.app.secondInstance(['/opt/Standby/standby', `standby://invite/${theirs}`])
      // What the link does once the cache is caught up reaches the pages: a notice, or the ask to show it.
      const told = new Promise<unknown>((resolve) => {
        popover.contents.send.mockImplementation((channel, ...args) => {
          if (channel === 'notices.shown' || channel === 'focus.requested') resolve({ channel, ...args })
        })
      })
      await expect(signIn(fake, 'ada-own@example.test')).resolves.toMatchObject({ ok: true })
      await expect(told).resolves.toMatchObject({
        channel: 'notices.shown',
        0: { text: expect.stringContaining(`Standby has no invite ${theirs} for you`) },
      })
      expect(fake.notifications.at(-1)?.options).toMatchObject({
        title: 'Could not open the link',
        body: expect.stringContaining(`Standby has no invite ${theirs} for you`),
      })
      expect(focusPushes(popover)).toEqual([])
      expect(popover.visible).toBe(false)
      fake.app.emit('will-quit')
    })
  })

  it('opens the link it was started with (Windows and Linux)', async () => {
    const argv = process.argv
    process.argv = ['/opt/Standby/standby', 'standby://session/ses_1']
    try {
      const fake = await launch(signedIn)
      // No window of the start's own, focused: the link's comes without the keyboard.
      const [popover, window] = fake.windows
      expect(popover!.loaded).toEqual({ url: 'standby-app://app/?view=popover' })
      window!.readyToShow()
      expect(window).toMatchObject({ visible: true, focused: false, loaded: { url: 'standby-app://app/' } })
      await expect(take(window!, 'window')).resolves.toEqual({
        ok: true,
        value: { kind: 'session', sessionId: 'ses_1', link: true },
      })
    } finally {
      process.argv = argv
    }
  })
})

describe('links pages hand to the system browser', () => {
  const signedInTo = (platformUrl: string) => (fake: typeof fakeState) => {
    saveSignIn(fake, { platformUrl, token: 't'.repeat(43), expertId: 'exp_1' })
  }
  const page = 'standby-app://app/'

  it('opens the platform’s pages at once, and another site’s only once the expert says so', async () => {
    const fake = await launch(signedInTo('http://127.0.0.1:4'))
    const from = { sender: fake.windows[0]!.webContents, frameUrl: page }
    await expect(
      fake.ipcMain.invoke('shell.openExternal', from, 'http://127.0.0.1:4/attachments/a.txt'),
    ).resolves.toMatchObject({ ok: true })
    expect(fake.dialog.showMessageBox).not.toHaveBeenCalled()

    // A client's attachment on another site: asked about, Cancel by default, nothing opened.
    await expect(
      fake.ipcMain.invoke('shell.openExternal', from, 'https://files.example.net/invoice.pdf.exe'),
    ).resolves.toMatchObject({ ok: true })
    expect(fake.dialog.showMessageBox).toHaveBeenCalledWith(
      expect.objectContaining({
        message: 'Open a link to another site?',
        detail: expect.stringContaining('It leads to "https://files.example.net"'),
        defaultId: 1,
        cancelId: 1,
      }),
    )
    expect(fake.shell.opened).toEqual(['http://127.0.0.1:4/attachments/a.txt'])

    // The same link by window.open, and this time the expert presses Open in browser.
    fake.dialog.showMessageBox.mockResolvedValueOnce({ response: 0, checkboxChecked: false })
    const open = fake.shell.openExternal.getMockImplementation()!
    const opened = new Promise<void>((resolve) =>
      fake.shell.openExternal.mockImplementationOnce((url, options) => open(url, options).then(resolve)),
    )
    expect(fake.windows[0]!.webContents.openWindow('https://files.example.net/details.txt')).toEqual({
      action: 'deny',
    })
    await opened
    expect(fake.shell.opened).toEqual([
      'http://127.0.0.1:4/attachments/a.txt',
      'https://files.example.net/details.txt',
    ])
  })
})
