/**
 * Electron's login items, the half of `app` that differs most by OS: macOS's SMAppService item (and
 * macOS 12's), Windows' Run values with their StartupApproved values, and none at all on Linux.
 */
import { EventEmitter } from 'node:events'
import { vi } from 'vitest'
import type { App, LoginItemSettingsOptions, Settings as LoginItemSettings } from 'electron'
import { fake } from './state'

/** Electron's `app.setLoginItemSettings` and `getLoginItemSettings`, with the OS state behind them. */
export class FakeLoginItems
  extends EventEmitter
  implements Pick<App, 'setLoginItemSettings' | 'getLoginItemSettings'>
{
  /** The AppUserModelID set, which Windows files toasts under; undefined until set. */
  appUserModelId: string | undefined
  /**
   * Every call to setLoginItemSettings, in order. Electron has login items on macOS and Windows
   * only: on Linux the call does nothing, without a word (browser_linux.cc), so a test that code
   * relies on none there looks at this record or at what starts at login.
   * Off on macOS removes every login item that opens the app, the user's too (macOS 12 and earlier).
   * On Windows, as browser_win.cc does, on writes the Run value (named by `name`, else the
   * AppUserModelID) and, unless `enabled: false`, deletes its StartupApproved value: an entry the
   * user turned off in Task Manager is on again. Off deletes both.
   */
  readonly setLoginItemSettings = vi.fn<(settings: LoginItemSettings) => void>((settings) => {
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
    if (fake.platform !== 'darwin' && fake.platform !== 'win32') return NO_LOGIN_ITEM
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
    // Electron writes the path as given, unquoted, and matches a Run value by the program its command
    // line parses to, as Windows starts it: an unquoted path with a space names another program.
    const program = windowsArgv(path)[0]?.toLowerCase()
    const launchItems =
      fake.platform === 'win32'
        ? [...this.windowsRun]
            .map(([name, entry]) => ({ name, argv: windowsArgv([entry.path, ...entry.args].join(' ')) }))
            .filter(({ argv }) => argv[0]?.toLowerCase() === program)
            .map(({ name, argv }) => ({
              name,
              path: argv[0]!,
              // Parsed from the Run value's command line, as Windows will start it: quotes taken off.
              args: argv.slice(1),
              enabled: electronReadsAsEnabled(this.startupApprovedValue(name)),
              scope: 'user' as const,
            }))
        : []
    const opens = this.macOs12 ? this.macRegistered : status === 'enabled'
    // Each OS's answer has only its own keys (login_item_settings_converter.cc).
    if (fake.platform === 'win32')
      return {
        openAtLogin: sameCommand,
        executableWillLaunchAtLogin: launchItems.some((item) => item.enabled),
        launchItems,
        wasOpenedAtLogin: false,
      } as ReturnType<App['getLoginItemSettings']>
    return {
      openAtLogin: opens || this.macUserLoginItem,
      executableWillLaunchAtLogin: false,
      wasOpenedAtLogin: this.openedAtLogin,
      ...(this.macOs12 ? {} : { status }),
    } as ReturnType<App['getLoginItemSettings']>
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

/** What Electron answers where it has no login items (Linux): its defaults, whatever was set. */
const NO_LOGIN_ITEM = Object.freeze({
  openAtLogin: false,
  executableWillLaunchAtLogin: false,
  wasOpenedAtLogin: false,
}) as ReturnType<App['getLoginItemSettings']>
