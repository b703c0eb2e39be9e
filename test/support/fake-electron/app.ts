/** Electron's `app`: lifecycle events, the single-instance lock, paths, quit. */
import { EventEmitter } from 'node:events'
import { vi } from 'vitest'
import type { App, LoginItemSettingsOptions, RelaunchOptions, Settings as LoginItemSettings } from 'electron'
import { preventableEvent } from './events'
import { fake } from './state'

/** Electron's `app`: lifecycle events, the single-instance lock, quit. */
export class FakeApp
  extends EventEmitter
  implements
    Pick<
      App,
      | 'requestSingleInstanceLock'
      | 'hasSingleInstanceLock'
      | 'releaseSingleInstanceLock'
      | 'quit'
      | 'exit'
      | 'whenReady'
      | 'isReady'
      | 'getVersion'
      | 'getName'
      | 'relaunch'
      | 'getLocale'
      | 'getAppPath'
      | 'getPath'
      | 'isPackaged'
      | 'setLoginItemSettings'
      | 'getLoginItemSettings'
      | 'setBadgeCount'
      | 'getBadgeCount'
      | 'setAsDefaultProtocolClient'
      | 'setAppUserModelId'
    >
{
  isPackaged = false
  /**
   * Every call to setLoginItemSettings, in order. Electron has login items on macOS and Windows
   * only: on Linux the fake refuses the call, so code that relies on one there fails its test.
   * Off on macOS removes every login item that opens the app, the user's too (macOS 12 and earlier).
   * On Windows, as browser_win.cc does, on writes the Run value (named by `name`, else the
   * AppUserModelID) and, unless `enabled: false`, deletes its StartupApproved value: an entry the
   * user turned off in Task Manager is on again. Off deletes both.
   */
  readonly setLoginItemSettings = vi.fn<(settings: LoginItemSettings) => void>((settings) => {
    requireLoginItems('setLoginItemSettings')
    const { openAtLogin } = settings
    if (fake.platform === 'darwin') {
      if (openAtLogin === false) {
        this.macUserLoginItem = false
        this.macUnregisteredStatus = 'not-registered'
      }
      // SMAppService's register shows "Login Item Added" unless the item is enabled (a first one too).
      if (openAtLogin === true && !(this.macRegistered && this.macLoginItemStatus === 'enabled'))
        this.macLoginItemNotices += 1
      this.macRegistered = openAtLogin === true
      // Registered again, the item names the app where it is now.
      this.macItemAtOldPlace = false
    }
    if (fake.platform === 'win32') {
      const name = settings.name ?? this.runValueName()
      if (openAtLogin !== true) this.windowsRun.delete(name)
      else {
        const path = settings.path ?? WINDOWS_EXEC_PATH
        this.windowsRun.set(name, {
          path,
          args: [...(settings.args ?? [])],
          enabled: settings.enabled ?? true,
        })
      }
    }
  })
  /** Whether the app's own macOS login item is registered (a test may play an earlier run's). */
  macRegistered = false
  /** How many times macOS showed "Login Item Added" for the app's own item. */
  macLoginItemNotices = 0
  /**
   * Windows' Run key of the current user: each value's command and whether Task Manager › Startup
   * apps has it on (no StartupApproved value, or an approved one). A test may write an earlier
   * version's entry here, or turn one off as the user does. `approved` plays a StartupApproved\Run
   * value written as is (by Windows, a tool, an installer): Windows runs the entry when its first
   * byte is even (02, 06), not when odd (03, 07).
   */
  readonly windowsRun = new Map<
    string,
    { path: string; args: string[]; enabled: boolean; approved?: ReadonlyArray<number> }
  >()
  /**
   * The StartupApproved\Run value of `name` as the registry holds it (as `reg query` shows it):
   * none for an entry on (Electron deletes it when it writes one on), 03 and the time for one
   * Task Manager turned off; null when there is none.
   */
  startupApprovedValue(name: string): Uint8Array | null {
    const entry = this.windowsRun.get(name)
    if (entry?.approved !== undefined) return Uint8Array.from(entry.approved)
    return entry === undefined || entry.enabled ? null : Uint8Array.from(TURNED_OFF_BY_TASK_MANAGER)
  }
  /** The Run value Electron writes and reads by default: the AppUserModelID. */
  private runValueName(): string {
    return this.appUserModelId ?? 'electron.app.Standby'
  }
  /** True plays the user turning the app's entries off in Windows' Task Manager › Startup apps. */
  get windowsStartupTurnedOff(): boolean {
    return [...this.windowsRun.keys()].some((name) => !windowsRuns(this.startupApprovedValue(name)))
  }
  set windowsStartupTurnedOff(off: boolean) {
    for (const entry of this.windowsRun.values()) {
      entry.enabled = !off
      delete entry.approved
    }
  }
  /**
   * What macOS reports of the app's own item while it has none: 'not-registered', or 'not-found',
   * which SMAppService reports once the user removed the item in System Settings › Login Items
   * (and some unsigned builds before it was ever registered).
   */
  macUnregisteredStatus: 'not-registered' | 'not-found' = 'not-registered'
  /** Plays the user removing the app's own item in System Settings › General › Login Items. */
  removeMacLoginItemInSystemSettings(): void {
    this.macRegistered = false
    this.macUnregisteredStatus = 'not-found'
  }
  /** Whether the app's own item names where the app was before the user moved it. */
  macItemAtOldPlace = false
  /**
   * Plays the user moving the app to another folder: its registered item still names the old
   * place, which macOS reports 'not-found', until the app registers it again.
   */
  moveMacApp(): void {
    this.macItemAtOldPlace = this.macRegistered
  }
  /**
   * True plays macOS 12, which has no SMAppService: Electron reports no `status` there, only whether
   * a login item opens the app (the app's own, or one the user added: they are the same kind).
   */
  macOs12 = false
  /** True plays a login item the user added in macOS's System Settings, which opens the app too. */
  macUserLoginItem = false
  /** True plays a start by the OS at login (macOS reports it; other systems always say false). */
  openedAtLogin = false
  /**
   * What macOS 13 and later report of the login item once registered: 'requires-approval' plays a
   * user who has not allowed it yet in System Settings, 'not-found' an app the system cannot find.
   */
  macLoginItemStatus: 'enabled' | 'requires-approval' | 'not-found' = 'enabled'
  /**
   * As Electron reports: on Windows `openAtLogin` only for the Run value of the app's name holding
   * exactly the command asked about (path and arguments, each defaulting alike), `launchItems` every
   * Run value that starts the executable (any arguments, any case) and whether Task Manager has it
   * on, read as browser_win.cc reads it (electronReadsAsEnabled); on macOS 13 and later the app's own item opens it at login only once 'enabled'.
   */
  getLoginItemSettings(options?: LoginItemSettingsOptions): ReturnType<App['getLoginItemSettings']> {
    requireLoginItems('getLoginItemSettings')
    const status = !this.macRegistered
      ? this.macUnregisteredStatus
      : this.macItemAtOldPlace
        ? 'not-found'
        : this.macLoginItemStatus
    const path = options?.path ?? WINDOWS_EXEC_PATH
    const own = this.windowsRun.get(this.runValueName())
    // Electron compares the command line it would write: the path, then the arguments joined by spaces.
    const sameCommand =
      own !== undefined && own.path === path && own.args.join(' ') === (options?.args ?? []).join(' ')
    const launchItems =
      fake.platform === 'win32'
        ? [...this.windowsRun]
            .filter(([, entry]) => entry.path.toLowerCase() === path.toLowerCase())
            .map(([name, entry]) => ({
              name,
              path: entry.path,
              // Parsed from the Run value's command line, as Windows will start it: quotes taken off.
              args: windowsArgv(entry.args.join(' ')),
              enabled: electronReadsAsEnabled(this.startupApprovedValue(name)),
              scope: 'user' as const,
            }))
        : []
    const opens = this.macOs12 ? this.macRegistered : status === 'enabled'
    return {
      openAtLogin: fake.platform === 'darwin' ? opens || this.macUserLoginItem : sameCommand,
      executableWillLaunchAtLogin: launchItems.some((item) => item.enabled),
      launchItems,
      wasOpenedAtLogin: fake.platform === 'darwin' && this.openedAtLogin,
      ...(this.macOs12 ? {} : { status }),
    } as ReturnType<App['getLoginItemSettings']>
  }
  /**
   * The count on the Dock or launcher. Electron documents none on Windows, yet answers true there
   * and draws the count as the taskbar overlay of every window (browser_win.cc), which would take
   * the place of an overlay the app set itself.
   */
  badgeCount = 0
  /**
   * Whether a Linux dock or taskbar shows badges (speaks the LauncherEntry D-Bus API, as KDE's
   * and Ubuntu's docks do): false plays one that does not, where Electron answers false.
   */
  launcherBadges = true
  setBadgeCount(count = 0): boolean {
    if (!Number.isInteger(count) || count < 0)
      throw new TypeError('Badge count must be a non-negative integer')
    if (fake.platform === 'linux' && !this.launcherBadges) return false
    this.badgeCount = count
    if (fake.platform === 'win32') {
      // Drawn on the taskbar buttons there are: a window not on screen has none.
      for (const window of fake.windows.filter((w) => !w.isDestroyed() && w.visible))
        window.overlay = count === 0 ? null : { image: 'badge' as never, description: `${count} badge` }
    }
    return true
  }
  getBadgeCount(): number {
    return this.badgeCount
  }
  /** Whether another copy of Standby holds the single-instance lock: false plays one running. */
  lockAvailable = true
  /**
   * Whether this copy holds the lock. As in Electron, from a requestSingleInstanceLock that found
   * it free until releaseSingleInstanceLock, or the end of the process: App::OnQuit lets it go
   * only after emitting 'quit', so a copy started while this one is still quitting finds it held.
   */
  holdsLock = false
  readonly requestSingleInstanceLock = vi.fn<App['requestSingleInstanceLock']>(() => {
    if (this.holdsLock) return true
    if (!this.lockAvailable) return false
    this.holdsLock = true
    return true
  })
  hasSingleInstanceLock(): boolean {
    return this.holdsLock
  }
  readonly releaseSingleInstanceLock = vi.fn<App['releaseSingleInstanceLock']>(() => {
    this.holdsLock = false
  })
  /**
   * Another copy of Standby starts (the expert launches one, an update starts the new version) and
   * asks for the lock, as Electron's ProcessSingleton does: held by this copy, this one hears
   * 'second-instance' with its command line and the new copy quits; held by a third, the new copy
   * quits; free, the new copy takes it and runs. Says what became of the new copy.
   */
  anotherCopyStarts(argv: ReadonlyArray<string> = ['/opt/standby/standby']): 'runs' | 'quits' {
    if (this.holdsLock) {
      this.secondInstance(argv)
      return 'quits'
    }
    if (!this.lockAvailable) return 'quits'
    this.lockAvailable = false
    return 'runs'
  }
  /**
   * True while a quit is under way (Electron's is_quitting_): from a before-quit nobody prevented
   * until a window's close or will-quit is prevented, which cancels the quit without a word.
   */
  quitting = false
  /** True once the app quit ('quit' was emitted). */
  quitDone = false
  /**
   * Like Electron's Browser::Quit: ignored while a quit is under way; 'before-quit' (preventable),
   * then every open window closed; once the last is gone, 'will-quit' (preventable) and 'quit'.
   */
  readonly quit = vi.fn(() => {
    if (this.quitting) return
    const event = preventableEvent()
    this.emit('before-quit', event)
    if (event.defaultPrevented) return
    this.quitting = true
    // Electron closes the windows still open; a destroyed one is gone from its list.
    const open = fake.windows.filter((candidate) => !candidate.isDestroyed())
    if (open.length === 0) this.willQuit()
    for (const window of open) window.close()
  })

  /** A window's 'close' was prevented: as in Electron, a quit under way is cancelled. */
  windowCloseCancelled(): void {
    this.quitting = false
  }

  /** Every window is gone during a quit: 'will-quit', and unless prevented, 'quit'. */
  private willQuit(): void {
    const event = preventableEvent()
    this.emit('will-quit', event)
    if (event.defaultPrevented) {
      this.quitting = false
      return
    }
    this.quitDone = true
    this.emit('quit', preventableEvent(), 0)
    this.holdsLock = false
  }
  /** True once the app exited (`exit()`): every window was destroyed, and no quit could stop it. */
  exited = false
  /**
   * Like Electron's Browser::ExitWithCode: every window destroyed at once, without 'close' (their
   * 'closed' still comes), none of before-quit, window-all-closed or will-quit, and then 'quit'
   * with the exit code (Browser::Shutdown emits it). Before 'ready' the process ends at once, with
   * no event at all.
   */
  readonly exit = vi.fn<App['exit']>((code = 0) => {
    if (this.exited) return
    this.exited = true
    // Electron's is_quitting_ too: a quit asked for from now on (a tray click, a timer) does nothing.
    this.quitting = true
    for (const window of fake.windows.filter((candidate) => !candidate.isDestroyed())) window.destroy()
    if (this.readyNow && !this.quitDone) {
      this.quitDone = true
      this.emit('quit', preventableEvent(), code)
    }
    // The process ends: the lock goes with it, 'quit' or not.
    this.holdsLock = false
  })
  /** The AppUserModelID set, which Windows files toasts under; undefined until set. */
  appUserModelId: string | undefined
  /** Windows only, as in Electron: elsewhere `app.setAppUserModelId` is no function. */
  setAppUserModelId(id: string): void {
    if (fake.platform !== 'win32') throw new TypeError('app.setAppUserModelId is not a function')
    this.appUserModelId = id
  }
  /** The Dock's bounce, recorded; Electron has `app.dock` on macOS only, undefined elsewhere. */
  readonly dockBounce = vi.fn<(type?: 'critical' | 'informational') => number>(() => 1)
  get dock(): { bounce: (type?: 'critical' | 'informational') => number } | undefined {
    return fake.platform === 'darwin' ? { bounce: this.dockBounce } : undefined
  }
  private ready: Promise<void> = Promise.resolve()
  private readyNow = true
  readonly whenReady = vi.fn(() => this.ready)
  /** Whether 'ready' came; before it Electron refuses windows, trays, notifications and `screen`. */
  isReady(): boolean {
    return this.readyNow
  }
  /**
   * Holds the app before 'ready', as while macOS is still launching it (when open-url can already
   * arrive); the function returned lets it become ready.
   */
  holdReady(): () => void {
    let release: () => void = () => undefined
    this.readyNow = false
    this.ready = new Promise((resolve) => (release = resolve))
    return () => {
      this.readyNow = true
      release()
    }
  }

  /** Throws what Electron throws when `what` is made or used before 'ready'. */
  assertReady(what: string): void {
    if (!this.readyNow) throw new Error(`${what} before app is ready`)
  }
  /**
   * Whether the OS lets the app become the handler of a scheme. False plays a refusal (Linux
   * without xdg-settings, a policy on Windows): as in Electron, the call then answers false.
   */
  protocolClientAllowed = true
  /** Every call to setAsDefaultProtocolClient, in order. */
  readonly setAsDefaultProtocolClient = vi.fn<App['setAsDefaultProtocolClient']>(
    () => this.protocolClientAllowed,
  )
  /** The version Electron reports (package.json's in a real app); a test may change it. */
  version = '1.2.3'
  getVersion(): string {
    return this.version
  }
  getName(): string {
    return 'Standby'
  }
  /**
   * Every relaunch asked for (an update installing restarts the app). As in Electron, each call
   * starts one more copy once this process ends, however it ends: nothing takes one back. Electron
   * answers whether its relaunch helper started (App::Relaunch returns RelaunchApp's bool, though
   * its typings say void): false plays one that could not start, and that call starts nothing.
   */
  readonly relaunch = vi.fn<(options?: RelaunchOptions) => boolean>(() => this.relaunchHelperStarts)
  /** Whether Electron's relaunch helper process starts; false plays a failed `app.relaunch`. */
  relaunchHelperStarts = true
  /** The OS language Electron reports; a test may change it. */
  locale = 'en-GB'
  getLocale(): string {
    return this.locale
  }
  getAppPath(): string {
    return '/opt/standby-dev'
  }
  /** Answers from `fake.paths`: shared state, since electron-store keeps the `app` it first imported. */
  getPath(name: Parameters<App['getPath']>[0]): string {
    const path = fake.paths[name]
    if (path === undefined) {
      throw new Error(
        `fake app.getPath('${name}') has no answer: set fake.paths.${name} to a temporary directory`,
      )
    }
    return path
  }

  /**
   * The last open window was destroyed. As in Electron, an exit says nothing more, a quit under
   * way goes on to 'will-quit', and otherwise the app quits unless something listens to
   * 'window-all-closed'.
   */
  lastWindowClosed(): void {
    if (this.exited) return
    if (this.quitting) return this.willQuit()
    if (this.listenerCount('window-all-closed') === 0) this.quit()
    else this.emit('window-all-closed', preventableEvent())
  }

  /**
   * Another copy of the app was started with `argv` (on Windows and Linux, a clicked link is its
   * last argument). As in Electron, the first copy gets the second's whole command line.
   */
  secondInstance(argv: ReadonlyArray<string> = ['/opt/standby/standby']): void {
    this.emit('second-instance', preventableEvent(), [...argv], '/', {})
  }

  /**
   * macOS hands the app a link (clicked in a browser, or the link that launched it, possibly
   * before 'ready'). Returns whether the app took it (called preventDefault), as Electron asks.
   */
  openUrl(url: string): boolean {
    const event = preventableEvent()
    this.emit('open-url', event, url)
    return event.defaultPrevented
  }
}

/** The executable Electron reports for this process on Windows when no path is given. */
const WINDOWS_EXEC_PATH = 'C:\\Program Files\\Standby\\electron.exe'

/** The StartupApproved value Task Manager writes as it turns an entry off: 03, then the time. */
const TURNED_OFF_BY_TASK_MANAGER = [3, 0, 0, 0, 0x17, 0x79, 0xbd, 0x01, 0x17, 0xd9, 0xd1, 0x01]

/** Whether Windows runs a Run value at login, by its StartupApproved value: none, or an even first byte. */
function windowsRuns(approved: Uint8Array | null): boolean {
  return approved === null || approved.length === 0 || approved[0]! % 2 === 0
}

/**
 * Whether Electron reports a Run value enabled, as browser_win.cc reads its StartupApproved value:
 * as a C string, so only up to its first zero byte, equal to "" or "\x02". An 06 Windows runs
 * reads as off.
 */
function electronReadsAsEnabled(approved: Uint8Array | null): boolean {
  if (approved === null) return true
  const end = approved.indexOf(0)
  const text = [...approved.subarray(0, end === -1 ? approved.length : end)]
  return text.length === 0 || (text.length === 1 && text[0] === 2)
}

/**
 * The arguments of a Windows command line as CommandLineToArgvW reads them (Electron parses a Run
 * value's so): spaces and tabs split them outside quotes; 2n backslashes before a quote stand for
 * n and the quote opens or closes, 2n+1 for n and a quote; backslashes elsewhere stand as they are.
 */
function windowsArgv(line: string): string[] {
  const args: string[] = []
  let current: string | null = null
  let quoted = false
  let backslashes = 0
  for (const char of line) {
    if (char === '\\') {
      backslashes += 1
      continue
    }
    if (char === '"') {
      current =
        (current ?? '') + '\\'.repeat(Math.floor(backslashes / 2)) + (backslashes % 2 === 1 ? '"' : '')
      if (backslashes % 2 === 0) quoted = !quoted
    } else if ((char === ' ' || char === '\t') && !quoted) {
      if (backslashes > 0 || current !== null) args.push((current ?? '') + '\\'.repeat(backslashes))
      current = null
    } else current = (current ?? '') + '\\'.repeat(backslashes) + char
    backslashes = 0
  }
  if (backslashes > 0 || current !== null) args.push((current ?? '') + '\\'.repeat(backslashes))
  return args
}

/** Throws where Electron has no login items (Linux), as the fake's other platform-only calls do. */
function requireLoginItems(name: string): void {
  if (fake.platform !== 'darwin' && fake.platform !== 'win32')
    throw new TypeError(
      `app.${name} has no effect on ${fake.platform}: Electron has login items on macOS and Windows only`,
    )
}
