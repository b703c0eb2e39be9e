/**
 * Launch at login in Electron, hidden in the tray on every OS: the OS login item on macOS and
 * Windows (Windows with `--hidden`; macOS says `wasOpenedAtLogin` instead), and on Linux, where
 * Electron has none, an XDG autostart entry (src/main/node/autostart-entry.ts).
 */
import { app, type LoginItemSettings } from 'electron'
import { homedir } from 'node:os'
import type { Logger } from '../../core/ports/logger'
import { LOGIN_ITEM_APPLIED, type LoginItem, type LoginItemStatus } from '../../core/settings/login-item'
import { autostartDir, autostartExecutable, createAutostartEntry } from '../../node/autostart-entry'
import {
  registeredAt,
  registeredElsewhere,
  removedAtStart,
  takenAtStart,
  OTHER_PROFILE_STARTS_PROBLEM,
  type LoginItemRecord,
} from '../../node/login-item-record'
import { profileSwitch, windowsCommandLineArg } from '../../node/login-item-profile'
import { HIDDEN_ARG } from '../../node/start-hidden'
import { regExeStartupApproved, type StartupApprovedReader } from '../../node/windows-startup-approved'
import {
  MAC_LOGIN_ITEM_OUTSIDE_PROBLEM,
  MAC_LOGIN_ITEM_REMOVED_PROBLEM,
  MAC_OTHER_PROFILE_PROBLEM,
  macHasItem,
  macStatus,
} from './login-item-macos'
import {
  asWindowsStarts,
  turnedOffInWindows,
  WINDOWS_ENTRY_REMOVED_PROBLEM,
  WINDOWS_STARTUP_TURNED_OFF_PROBLEM,
  windowsEntryGone,
  windowsStatus,
} from './login-item-windows'

/** Where the Linux autostart entry goes and what it starts; the process's own by default. */
export interface LoginItemOptions {
  readonly log: Logger
  readonly platform?: NodeJS.Platform
  readonly env?: Readonly<Record<string, string | undefined>>
  readonly home?: string
  readonly execPath?: string
  /** Windows' StartupApproved values, read past Electron (windows-startup-approved.ts). */
  readonly startupApproved?: StartupApprovedReader
  /**
   * Standby's note of the login item it registered, shared by every profile: one gone since, with
   * the switch on, the expert removed (or another profile turned off). Without one, every start
   * registers an item that is not there.
   */
  readonly record?: LoginItemRecord
  readonly now?: () => number
  /**
   * The userData folder of this run's profile where it is not the default one
   * (login-item-profile.ts): the item starts that profile on Windows and Linux; macOS's cannot.
   */
  readonly profile?: string
}

/** The login item, told when an update moved the AppImage it starts. */
export interface ElectronLoginItem extends LoginItem {
  /** An AppImage update put Standby under a new file name (Linux): the autostart entry follows. */
  appImageMoved(path: string): void
}

/** Registers or removes Standby as a login item; says so once where that cannot be done. */
export function createLoginItem(options: LoginItemOptions): ElectronLoginItem {
  const { log } = options
  const platform = options.platform ?? process.platform
  const env = options.env ?? process.env
  const execPath = options.execPath ?? process.execPath
  let saidUnsupported = false
  const noteRegistered = (): void => options.record?.registered((options.now ?? Date.now)(), execPath)
  const profileArgs = options.profile === undefined ? [] : [profileSwitch(options.profile)]
  // The same path and arguments on and off: Windows finds the entry to remove by them. Electron
  // writes the path as given, so it is quoted here: unquoted, a space in it (C:\Program Files, a
  // user name) ends the program Windows starts, and Electron's reading of the entry, early.
  const windowsCommand = {
    path: windowsCommandLineArg(execPath),
    args: [...profileArgs.map(windowsCommandLineArg), HIDDEN_ARG],
  }
  // macOS's login item opens the app with no arguments: the default profile, whoever turned it on.
  const macCannotName = platform === 'darwin' && options.profile !== undefined
  /** Whether the shared item starts another profile, which turned it on since. */
  const startsOtherProfile = (): boolean => platform !== 'darwin' && registeredElsewhere(options.record)
  const linux = createAutostartEntry({
    dir: autostartDir(env, options.home ?? homedir()),
    executable: autostartExecutable(env, execPath),
    args: profileArgs,
    log,
    ...(options.record === undefined ? {} : { record: options.record }),
    ...(options.now === undefined ? {} : { now: options.now }),
  })
  // One reader for the run: one that failed is not asked again at each look.
  const startupApproved = options.startupApproved ?? regExeStartupApproved({ log })
  // A start that took Electron's "turned off" before reg.exe answered skipped its write: done
  // once the answer says Windows starts the entry, as the start would have with it in hand.
  let startWriteWaits = false
  startupApproved.onChange(() => {
    if (!startWriteWaits) return
    startWriteWaits = false
    if (!turnedOffInWindows(windowsEntries())) set(true)
  })
  /**
   * Whether Windows has no Run value of Standby's: none of this version's, and not an earlier
   * version's with its path unquoted (which a path with a space kept Electron from reading back).
   */
  const windowsGone = (found: LoginItemSettings): boolean =>
    windowsEntryGone(found) && !app.getLoginItemSettings({ path: execPath, args: [HIDDEN_ARG] }).openAtLogin
  /** Windows' entries that start Standby: this version's, or an earlier one's with other arguments. */
  const windowsEntries = (): LoginItemSettings =>
    asWindowsStarts(app.getLoginItemSettings(windowsCommand), startupApproved)
  /**
   * Whether macOS has no login item of Standby's: 'not-registered', or 'not-found', as macOS reports
   * an item removed in System Settings, one whose app was moved and, in some builds, one never registered.
   */
  const macItemGone = (): boolean => !macHasItem(app.getLoginItemSettings())
  /** Whether the note's item starts Standby from another place than this one's (the app was moved). */
  const movedFrom = (appPath: string | null): boolean => appPath !== null && appPath !== execPath
  const read = (openAtLogin: boolean): LoginItemStatus => {
    if (!app.isPackaged)
      return openAtLogin ? { applied: false, problem: DEVELOPMENT_RUN_PROBLEM } : LOGIN_ITEM_APPLIED
    if (macCannotName)
      return openAtLogin ? { applied: false, problem: MAC_OTHER_PROFILE_PROBLEM } : LOGIN_ITEM_APPLIED
    if (openAtLogin && startsOtherProfile()) return { applied: false, problem: OTHER_PROFILE_STARTS_PROBLEM }
    if (platform === 'darwin') {
      const found = app.getLoginItemSettings()
      if (openAtLogin) return macStatus(found.status, found.openAtLogin)
      return found.openAtLogin
        ? { applied: false, problem: MAC_LOGIN_ITEM_OUTSIDE_PROBLEM }
        : LOGIN_ITEM_APPLIED
    }
    if (platform === 'win32') return openAtLogin ? windowsStatus(windowsEntries()) : LOGIN_ITEM_APPLIED
    return linux.read(openAtLogin)
  }
  const set = (openAtLogin: boolean): LoginItemStatus => {
    // A development run would register the bare Electron binary, which opens its default app.
    if (!app.isPackaged) {
      if (!saidUnsupported) log.info('Launch at login is not set: only the packaged app registers itself')
      saidUnsupported = true
      return read(openAtLogin)
    }
    // Registering the app's item would start the default profile at login, which this switch did not ask for.
    if (macCannotName) {
      if (!saidUnsupported)
        log.info('Launch at login is not set: macOS opens only the default profile at login')
      saidUnsupported = true
      return read(openAtLogin)
    }
    // Turned on in another profile since, the item starts that one: off here removes nothing of it.
    if (!openAtLogin && startsOtherProfile()) {
      log.info('Launch at login is off here; the login item stays, for the profile that turned it on since')
      return LOGIN_ITEM_APPLIED
    }
    // Only an item this switch removed tells the other profiles that it was turned off: a start
    // that finds nothing to remove must not turn off theirs.
    const noteOff = (had: boolean): void => {
      if (had) options.record?.turnedOff()
    }
    if (platform === 'darwin') {
      const had = !macItemGone()
      app.setLoginItemSettings({ openAtLogin })
      // Noted only once macOS has it: a registration that failed is not one the expert removed
      // later, and an earlier note goes with it, or the next start would take it for one.
      if (openAtLogin && macHasItem(app.getLoginItemSettings())) noteRegistered()
      else if (!openAtLogin) noteOff(had)
      else options.record?.cleared()
      return openAtLogin ? read(true) : LOGIN_ITEM_APPLIED
    }
    if (platform === 'win32') {
      startWriteWaits = false
      const had = !windowsGone(app.getLoginItemSettings(windowsCommand))
      app.setLoginItemSettings({ openAtLogin, ...windowsCommand })
      // Electron rewrote the StartupApproved value: a reading from before is of another entry.
      startupApproved.forget()
      if (openAtLogin) noteRegistered()
      else noteOff(had)
      return LOGIN_ITEM_APPLIED
    }
    return linux.set(openAtLogin)
  }
  return {
    // Only the AppImage moves (macOS and Windows updates keep the path); a development run has no entry.
    appImageMoved(path) {
      if (platform === 'linux' && app.isPackaged) linux.moveTo(path)
    },
    set,
    read,
    onOutsideChange: (listener) => startupApproved.onChange(listener),
    applyAtStart(openAtLogin) {
      if (!app.isPackaged) return set(openAtLogin)
      if (macCannotName) return read(openAtLogin)
      if (platform === 'linux') return linux.applyAtStart(openAtLogin)
      // Removing macOS's login item removes every one that opens this app (macOS 12 and earlier, and
      // later while Standby's own is unregistered), the expert's too: only a turn of the switch may.
      if (platform === 'darwin' && !openAtLogin) {
        const status = read(false)
        if (!status.applied)
          log.info('Launch at login is off, and macOS has a login item of its own that opens Standby')
        return status
      }
      // Windows' entry is shared by every profile: one whose switch is on keeps it, and only a turn
      // of this switch removes it, not each start of this profile.
      if (platform === 'win32' && !openAtLogin && registeredElsewhere(options.record)) {
        log.info('Launch at login is off here; Windows keeps the entry another profile of Standby added')
        return LOGIN_ITEM_APPLIED
      }
      const gone = platform === 'darwin' ? macItemGone() : openAtLogin && windowsGone(windowsEntries())
      const note = options.record?.read() ?? null
      // The app was moved since Standby registered it: the item names the old place, and the expert
      // removed nothing, so it is registered again where the app is now.
      if (gone && platform === 'darwin' && note?.kind === 'registered' && movedFrom(note.appPath)) {
        log.info('Launch at login: Standby was moved since it registered its login item; registered again')
        return set(true)
      }
      // Gone after Standby registered it: the expert's doing (System Settings, or a tool cleaning
      // Windows' startup entries), which a start must not undo, or another profile's switch, which
      // this one follows; never registered, it is registered now.
      const problem = platform === 'darwin' ? MAC_LOGIN_ITEM_REMOVED_PROBLEM : WINDOWS_ENTRY_REMOVED_PROBLEM
      const removed = gone && removedAtStart(options.record, problem, log, 'its login item')
      if (removed) return removed
      // There, and registered since by another profile, which it starts: this switch follows, off.
      const taken = platform === 'win32' && openAtLogin && !gone && takenAtStart(options.record, log)
      if (taken) return taken
      // Registered already, enabled or waiting for the expert's approval: registering again would
      // only show "Login Item Added" once more at every start. Registered before there was a note
      // (an earlier version): noted now, or the expert's removal of it later would read as an item
      // never registered, and be undone.
      if (platform === 'darwin' && !gone) {
        if (registeredAt(options.record) === null) noteRegistered()
        return read(true)
      }
      // Writing Windows' entry again turns it back on where the expert turned it off (Task Manager),
      // this version's entry or an earlier one's with other arguments alike.
      if (platform === 'win32' && openAtLogin && turnedOffInWindows(windowsEntries())) {
        startWriteWaits = true
        log.info('Launch at login is on, and Windows has Standby turned off in its startup apps')
        return { applied: false, problem: WINDOWS_STARTUP_TURNED_OFF_PROBLEM }
      }
      return set(openAtLogin)
    },
  }
}

/** What Settings says beside the switch in a development run, which never registers itself. */
export const DEVELOPMENT_RUN_PROBLEM =
  'Only the installed Standby app starts when you log in; this development run does not register itself.'
/** Whether the OS started this process at login (macOS says so; elsewhere the arguments do). */
export function wasOpenedAtLogin(platform: NodeJS.Platform = process.platform): boolean {
  return platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin
}
