/**
 * A typed fake of the `electron` module, for tests that cannot launch Electron, one file per
 * module it fakes. Each fake implements a `Pick` of Electron's own type for the members our code
 * calls, so a signature change in Electron breaks the fake at compile time rather than letting
 * tests pass against a fiction; and destroyed windows, web contents and trays throw on use as
 * Electron's do, so code that keeps using them fails its tests.
 * Helpers named like user actions (`close`, `navigate`, `clickMenuItem`, `invoke`, `push`,
 * `pressAction`, `play('resume')`, `openUrl`, `secondInstance(argv)`…) let a test play the part of
 * Electron, the OS and the user; they refuse to act on what is no longer on screen.
 *
 * Use: `vi.mock('electron', async () => (await import('./fake-electron')).electronModule)`, and
 * call `resetFakeElectron()` in `beforeEach`. electron-store is inlined by vitest.config.ts, so its
 * own `import electron from 'electron'` gets this fake too.
 */
import { EventEmitter } from 'node:events'
import { createRequire } from 'node:module'
import { vi } from 'vitest'
import type { ActivationArguments, App, ContextBridge, Dialog, MessageBoxOptions } from 'electron'
import { FakeApp } from './app'
import { FakeAutoUpdater } from './auto-updater'
import { FakeBrowserWindow } from './browser-window'
import { FakeIpcMain, FakeIpcRenderer } from './ipc'
import { fakeNet } from './net'
import { FakeNotification } from './notification'
import { FakeProtocol, FakeSession, fakeSessionFromPartition } from './session'
import { FakeShell } from './shell'
import { fake } from './state'
import { FakePowerMonitor, FakeSafeStorage } from './system'
import { FakeMenu, FakeNativeImage, FakeTray } from './tray'

export { FakeApp } from './app'
export { FakeBrowserWindow, type LoadedPage } from './browser-window'
export { preventableEvent, toldSoon } from './events'
export { FakeIpcMain, FakeIpcRenderer } from './ipc'
export { FakeNotification, activateToast, raisePendingToasts } from './notification'
export { FakeProtocol, FakeSession } from './session'
export { FakeShell } from './shell'
export { fake } from './state'
export { FakePowerMonitor, FakeSafeStorage } from './system'
export { FakeMenu, FakeNativeImage, FakeTray } from './tray'
export { FakeWebContents } from './web-contents'

/**
 * What `screen` answers for the primary display while none is attached (every monitor unplugged,
 * or asleep where the driver takes it away): Chromium hands out a default display, with no area,
 * rather than nothing (ScreenWin::GetScreenWinDisplay, "hand out the default display").
 */
const NO_DISPLAY = { id: -1, workArea: { x: 0, y: 0, width: 0, height: 0 } }

/**
 * The displays attached (`fake.displays`, the primary first): by default one 1440×900 display with
 * a 24 px menu bar at the top. A window is matched to the display its centre is on, or the first.
 */
const fakeScreen = {
  getDisplayMatching: (rect: { x: number; y: number; width: number; height: number }) => {
    const [x, y] = [rect.x + rect.width / 2, rect.y + rect.height / 2]
    const on = fake.displays.find(
      ({ workArea: a }) => x >= a.x && x < a.x + a.width && y >= a.y && y < a.y + a.height,
    )
    return on ?? fake.displays[0] ?? NO_DISPLAY
  },
  getPrimaryDisplay: () => fake.displays[0] ?? NO_DISPLAY,
  getAllDisplays: () => [...fake.displays],
  getCursorScreenPoint: () => fake.cursor,
  on: (event: string, listener: (...args: unknown[]) => void) => fake.screenEvents.on(event, listener),
  off: (event: string, listener: (...args: unknown[]) => void) => fake.screenEvents.off(event, listener),
}

/**
 * A display is unplugged: gone from `screen`, then Electron's 'display-removed'. Its windows stay
 * where they were, as where the OS or window manager does not move them (some Linux ones, Windows
 * at times after a sleep), or has not yet.
 */
export function removeDisplay(id: number): void {
  const gone = fake.displays.find((display) => display.id === id)
  if (gone === undefined) throw new Error(`no display ${id} is attached`)
  fake.displays = fake.displays.filter((display) => display !== gone)
  fake.screenEvents.emit('display-removed', { preventDefault: () => undefined }, gone)
}

function freshState() {
  return {
    app: new FakeApp(),
    session: new FakeSession(),
    /** The sessions `session.fromPartition` made, by partition. */
    partitions: new Map<string, FakeSession>(),
    protocol: new FakeProtocol(),
    ipcMain: new FakeIpcMain(),
    ipcRenderer: new FakeIpcRenderer(),
    shell: new FakeShell(),
    /** `dialog.showErrorBox`: a modal box Electron shows even before `ready`. */
    dialog: {
      showErrorBox: vi.fn<Dialog['showErrorBox']>(),
      /** `dialog.showMessageBox`: answered as if the user pressed Cancel, unless a test says otherwise. */
      showMessageBox: vi.fn(async (options: MessageBoxOptions) => ({
        response: options.cancelId ?? 0,
        checkboxChecked: false,
      })),
    },
    contextBridge: { exposeInMainWorld: vi.fn<ContextBridge['exposeInMainWorld']>() },
    /**
     * What app.getPath answers. Empty, so nothing writes to a real directory unless a test points
     * it at its own temporary one (`fake.paths.userData = dir`).
     */
    paths: {} as Partial<Record<Parameters<App['getPath']>[0], string>>,
    safeStorage: new FakeSafeStorage(),
    powerMonitor: new FakePowerMonitor(),
    autoUpdater: new FakeAutoUpdater(),
    /** Whether nativeImage finds files: false plays missing icons. */
    imagesExist: true,
    /** Whether Notification.isSupported(): false plays a system without notifications. */
    notificationsSupported: true,
    /**
     * Why the OS refuses to show notifications, or null. On Linux libnotify's refusal (no
     * notification server on the session bus) comes out of `show()` itself, as a 'failed' before
     * it returns; elsewhere the refusal comes later, and a test plays it with `fail()`.
     */
    linuxNotificationRefusal: null as string | null,
    /** Whether the Linux notification server offers actions (most do; Notify OSD does not): only then is a click heard. */
    linuxServerActions: true,
    /**
     * Whether libnotify goes through the desktop portal (a Flatpak or Snap sandbox): its close then
     * reports "closed" within the call, so the app's own close() is heard as a 'close' (#41691).
     */
    linuxPortal: false,
    /** What Electron read of the server's actions at its first notification; kept for the whole run. */
    linuxActionsRead: null as boolean | null,
    /** Every window created since the reset, destroyed ones included. */
    windows: [] as FakeBrowserWindow[],
    trays: [] as FakeTray[],
    /**
     * The application menu Menu.setApplicationMenu set; 'default' is Electron's own, with View >
     * Reload and Toggle Developer Tools, which Electron shows until the app sets another.
     */
    applicationMenu: 'default' as FakeMenu | null | 'default',
    /** Every menu popped up (a right-click menu), with the window it was shown over. */
    poppedMenus: [] as Array<{ menu: FakeMenu; window: unknown; close: () => void }>,
    notifications: [] as FakeNotification[],
    /** The OS Electron runs on, for the statics that exist on one only (Notification.remove…). */
    platform: 'darwin' as NodeJS.Platform,
    /** What an earlier run left in Notification Center (FakeNotification.delivered adds to it). */
    notificationHistory: [] as FakeNotification[],
    /** Calls of Notification's statics: the ids removed, how often the others were called. */
    notificationCalls: { remove: [] as string[], removeAll: 0, getHistory: 0, handleActivation: 0 },
    activationHandler: null as ((details: ActivationArguments) => void) | null,
    /** The press on a toast made before the app registered its handleActivation callback (the last only). */
    pendingActivations: [] as ActivationArguments[],
    /**
     * Whether a Linux tray host reports a click on the icon (Electron's `click` is an activation
     * there): false plays one that only shows the menu, as GNOME's AppIndicator extension does.
     */
    trayReportsClicks: true,
    /** Where the mouse pointer is (screen.getCursorScreenPoint). */
    cursor: { x: 700, y: 10 },
    /** Listeners of `screen`'s events ('display-removed', 'display-metrics-changed'). */
    screenEvents: new EventEmitter(),
    /** The displays attached, the primary first, each with its work area (less menu bars, docks, taskbars). */
    displays: [{ id: 1, workArea: { x: 0, y: 24, width: 1440, height: 876 } }] as Array<{
      id: number
      workArea: { x: number; y: number; width: number; height: number }
    }>,
    /**
     * True plays Electron's close as it is: asynchronous, the window alive (not destroyed) until
     * its page has unloaded, which a test plays with `finishClose()`. False closes at once.
     */
    pendingCloses: false,
    /**
     * True plays Windows' toasts as Electron shows them: made on a background thread, each comes
     * up (and its 'show' is told) once a test plays that with `raisePendingToasts()`. False shows at once.
     */
    pendingToasts: false,
    /** Windows, with `pendingToasts`: the notifications shown whose toast has not come up yet. */
    toastsComing: [] as FakeNotification[],
  }
}

/** Everything the fakes share, reset between tests. */
export type FakeState = ReturnType<typeof freshState>

// The first copy of this file fills the shared state; a re-imported copy finds it filled.
if (!('app' in fake)) Object.assign(fake, freshState())

const namedExports = {
  get app() {
    return fake.app
  },
  get ipcMain() {
    return fake.ipcMain
  },
  get protocol() {
    return fake.protocol
  },
  get ipcRenderer() {
    return fake.ipcRenderer
  },
  get shell() {
    return fake.shell
  },
  get dialog() {
    return fake.dialog
  },
  get contextBridge() {
    return fake.contextBridge
  },
  session: {
    get defaultSession() {
      return fake.session
    },
    fromPartition: fakeSessionFromPartition,
  },
  net: fakeNet,
  nativeImage: {
    createFromPath: (path: string): FakeNativeImage => new FakeNativeImage(path, !fake.imagesExist),
  },
  get safeStorage() {
    return fake.safeStorage
  },
  get powerMonitor() {
    return fake.powerMonitor
  },
  get autoUpdater() {
    return fake.autoUpdater
  },
  /** Like Electron's, `screen` throws when first reached before 'ready'. */
  get screen() {
    if (!fake.app.isReady()) throw new Error("The 'screen' module can't be used before the app 'ready' event")
    return fakeScreen
  },
  BrowserWindow: FakeBrowserWindow,
  Menu: FakeMenu,
  Notification: FakeNotification,
  Tray: FakeTray,
}

/**
 * What `import … from 'electron'` returns under `vi.mock('electron', …)`. The default export is
 * the module itself, as with the real CommonJS module (electron-store does `import electron`).
 */
export const electronModule = Object.assign(namedExports, { default: namedExports })

/**
 * Give the fake to CommonJS packages that `require('electron')` themselves (electron-updater),
 * which vitest's module mock does not reach; returns the function that takes it back.
 */
export function fakeElectronForRequire(): () => void {
  const require = createRequire(import.meta.url)
  const id = require.resolve('electron')
  const before = require.cache[id]
  require.cache[id] = { id, filename: id, loaded: true, exports: electronModule } as NodeJS.Module
  return () => {
    if (before === undefined) delete require.cache[id]
    else require.cache[id] = before
  }
}

/** Fresh fakes for the next test. */
export function resetFakeElectron(): void {
  Object.assign(fake, freshState())
}

/** The newest of the fakes `made` (windows, trays, notifications…); throws naming `what` if none was. */
export function newestMade<T>(made: ReadonlyArray<T>, what: string): T {
  const newest = made.at(-1)
  if (newest === undefined) throw new Error(`no ${what} was created`)
  return newest
}

/**
 * Linux: the notification server restarts (it crashed, the desktop shell reloaded). What it showed
 * is gone without a word: the old server sends no NotificationClosed for it, so Electron reports no
 * 'close', and the objects stay as they were (their close() later reaches a server that does not
 * know them, which Electron logs and ignores). The new server may differ in offering actions
 * (`actions`); Electron keeps the capabilities it first read for the whole run
 * (libnotify_notification.cc), so only whether a click is heard follows the new one.
 */
export function restartNotificationServer({ actions = fake.linuxServerActions } = {}): void {
  if (fake.platform !== 'linux') throw new Error('Only Linux has a notification server to restart')
  for (const shown of fake.notifications) if (shown.onScreen) shown.closed = true
  fake.linuxServerActions = actions
}

/** Windows ends the session: every window still open hears 'session-end', and none is closed. */
export function endWindowsSession(reasons: string[] = ['logoff']): void {
  for (const window of fake.windows) window.sessionEnds(reasons)
}
