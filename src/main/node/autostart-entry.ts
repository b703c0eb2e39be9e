/**
 * Launch at login on Linux: an XDG autostart entry (`standby.desktop` in the autostart folder of
 * the user's config directory), written when the setting is on and removed when it is off.
 * Electron has no login items there; every desktop that follows the XDG spec reads this folder.
 */
import { lstatSync, mkdirSync, rmSync } from 'node:fs'
import { isAbsolute, join } from 'node:path'
import type { Logger } from '../core/ports/logger'
import { LOGIN_ITEM_APPLIED, type LoginItem, type LoginItemStatus } from '../core/settings/login-item'
import {
  registeredElsewhere,
  removedAtStart,
  takenAtStart,
  type LoginItemNote,
  type LoginItemRecord,
} from './login-item-record'
import { profileSwitch } from './login-item-profile'
import { runningAppImage } from './app-image'
import { writeFileAtomicallySync } from './atomic-file'
import {
  AUTOSTART_FILE,
  autostartDesktopEntry,
  ControlCharacterError,
  isOwnAutostartEntry,
  ownEntryLines,
  turnedOffByDesktop,
} from './autostart-desktop-file'
import { errorMessage } from '../../shared/error-message'

/** The autostart folder: under $XDG_CONFIG_HOME when set to an absolute path, else ~/.config. */
export function autostartDir(env: Readonly<Record<string, string | undefined>>, home: string): string {
  const configHome = env['XDG_CONFIG_HOME']
  // The spec has relative paths in these variables ignored, as if unset.
  const base = configHome !== undefined && isAbsolute(configHome) ? configHome : join(home, '.config')
  return join(base, 'autostart')
}

/**
 * The executable to start at login: the AppImage file itself when running from one (its
 * mounted copy moves on every run), else the process's own executable.
 */
export function autostartExecutable(
  env: Readonly<Record<string, string | undefined>>,
  execPath: string,
): string {
  return runningAppImage(env, execPath) ?? execPath
}

/** The autostart entry, which can follow its executable to a new name. */
export interface AutostartEntry extends LoginItem {
  /**
   * The executable is now `executable` (an AppImage update removed the file and put the new version
   * under its own name): an entry that is on starts that one from now on, the profile it starts
   * kept (one another profile turned on since stays that profile's). Nothing else may run before
   * the next login to set it right, when the update was installed as the app quit.
   */
  moveTo(executable: string): void
}

/** What Settings says beside the switch when the autostart folder holds an entry of the expert's. */
export const OTHERS_ENTRY_PROBLEM =
  "Your startup applications already have an entry named standby.desktop that Standby did not write, so Standby left it as it is and it decides what starts when you log in. To let Standby manage this, remove that entry in your desktop's startup applications settings, then turn this off and on again."

/** What Settings says beside the switch, on, while the desktop's startup settings turned Standby off. */
export const TURNED_OFF_BY_DESKTOP_PROBLEM =
  "Your desktop's startup applications have Standby turned off, so it will not start when you log in. Turn it on there, or turn this off and on again."

/** What Settings says beside the switch, turned off at a start because the expert removed Standby's entry. */
export const REMOVED_FROM_DESKTOP_PROBLEM =
  "Standby was removed from your desktop's startup applications, so Launch at login is off now. Turn it on to have Standby start when you log in again."

/**
 * What Settings says beside the switch, on, where the path of Standby or of this profile's folder
 * has a line break or another control character, which no Exec line can hold.
 */
export const CONTROL_CHARACTER_PROBLEM =
  "Standby cannot add itself to your startup applications: the path of Standby or of this profile's folder has a line break or another control character, which a startup entry cannot hold (the log names it). Move it to a folder whose name has none, then turn this off and on again."

/** What Settings says beside the switch, on, while the autostart folder has no entry for Standby. */
export const NO_ENTRY_PROBLEM =
  'Your startup applications no longer have Standby, so it will not start when you log in. Turn this off and on again to add it back.'

/**
 * A LoginItem that writes or removes the autostart entry; failures are logged, never thrown. Only
 * an entry Standby wrote is ever replaced or removed: one of the same name the expert made (in
 * their desktop's startup settings, or by hand) is theirs, and is left as it is, saying so.
 */
export function createAutostartEntry(options: {
  readonly dir: string
  readonly executable: string
  /** What it starts `executable` with before `--hidden`: the switch of a profile other than the default. */
  readonly args?: ReadonlyArray<string>
  readonly log: Logger
  /** Standby's note of the entry it wrote: one gone since, the switch on, the expert removed. */
  readonly record?: LoginItemRecord
  readonly now?: () => number
}): AutostartEntry {
  const { dir, log } = options
  const path = join(dir, AUTOSTART_FILE)
  let executable = options.executable
  // Whether this run last turned the entry on: then it is there to follow a move.
  let on = false
  const leftTheirs = (): void =>
    log.warn(
      `Launch at login: ${path} is not an entry Standby wrote, so it was left as it is; Standby starts at login only if that entry says so.`,
    )
  /** Writes the entry unless the name holds something of the expert's; says whether it did. */
  const write = (args = options.args): boolean => {
    if (holdsOthers(path)) return false
    const entry = autostartDesktopEntry(executable, args)
    mkdirSync(dir, { recursive: true })
    // Written aside and renamed, so a desktop reading the folder at login never finds half of it.
    // Readable by the desktop's session like any autostart entry: it holds no secret.
    writeFileAtomicallySync(path, entry, 0o644)
    return true
  }
  // What the last write said: a folder that cannot be written is said again rather than the entry missing.
  let lastFailure: LoginItemStatus | null = null
  /** Writes or removes the entry, saying what became of it. */
  const setEntry = (enabled: boolean): LoginItemStatus => {
    on = false
    try {
      if (!enabled) {
        // Only an entry this switch removed tells the other profiles that it was turned off.
        if (isOwnAutostartEntry(path)) {
          rmSync(path, { force: true })
          options.record?.turnedOff()
        }
        return LOGIN_ITEM_APPLIED
      }
      if (!write()) {
        leftTheirs()
        return { applied: false, problem: OTHERS_ENTRY_PROBLEM }
      }
      options.record?.registered((options.now ?? Date.now)(), executable)
      on = true
      return LOGIN_ITEM_APPLIED
    } catch (error) {
      // An entry Standby could not write, found missing at the next start, is not one the expert removed.
      options.record?.cleared()
      if (error instanceof ControlCharacterError) {
        log.warn(`Launch at login could not be set: ${errorMessage(error)}`)
        return { applied: false, problem: CONTROL_CHARACTER_PROBLEM }
      }
      log.warn(
        `Launch at login could not be ${enabled ? 'set' : 'turned off'} in ${dir}: ${errorMessage(error)}. Check that the folder is writable, or add Standby to your desktop's startup applications by hand.`,
      )
      return {
        applied: false,
        problem: enabled
          ? "Standby could not add itself to your startup applications: their folder cannot be written (the log names it). Add Standby in your desktop's startup applications settings instead."
          : "Standby could not remove itself from your startup applications: their folder cannot be written (the log names it). Remove Standby in your desktop's startup applications settings.",
      }
    }
  }
  // What was last said of the switch's state: a look an error keeps from telling (too many open
  // files, a read that failed) leaves the line under the switch as it was, not saying Standby is gone.
  let said: { enabled: boolean; status: LoginItemStatus } | null = null
  const saying = (enabled: boolean, status: LoginItemStatus): LoginItemStatus => {
    said = { enabled, status }
    return status
  }
  const set = (enabled: boolean): LoginItemStatus => {
    const status = setEntry(enabled)
    lastFailure = status.applied || status.problem === OTHERS_ENTRY_PROBLEM ? null : status
    return saying(enabled, status)
  }
  /** What the folder says now; throws where a look at it failed. */
  const look = (enabled: boolean): LoginItemStatus => {
    // Off: only an entry of Standby's that could not be removed still starts it.
    if (!enabled) return isOwnAutostartEntry(path) ? (lastFailure ?? LOGIN_ITEM_APPLIED) : LOGIN_ITEM_APPLIED
    const lines = ownEntryLines(path)
    if (lines !== null)
      return turnedOffByDesktop(lines)
        ? { applied: false, problem: TURNED_OFF_BY_DESKTOP_PROBLEM }
        : LOGIN_ITEM_APPLIED
    if (holdsOthers(path)) return { applied: false, problem: OTHERS_ENTRY_PROBLEM }
    return lastFailure ?? { applied: false, problem: NO_ENTRY_PROBLEM }
  }
  return {
    moveTo(next) {
      const moved = executable
      executable = next
      // Turned on since in another profile, the entry starts that one: it follows the file the
      // update moved still naming that profile, rather than be taken back by an update here.
      const owner = takenBy(options.record)
      if (owner === null ? !on : owner.appPath !== moved || !isOwnAutostartEntry(path)) return
      try {
        if (!write(owner === null ? options.args : [profileSwitch(owner.by)])) leftTheirs()
      } catch (error) {
        log.warn(
          `Launch at login could not follow Standby to ${JSON.stringify(next)} in ${dir}: ${errorMessage(error)}. Standby sets it right when it next starts; until then, start it by hand after logging in.`,
        )
      }
    },
    set,
    read(enabled) {
      try {
        return saying(enabled, look(enabled))
      } catch {
        // Could not tell: what was said stands, else what the last write said, or that it is not there.
        if (said?.enabled === enabled) return said.status
        return lastFailure ?? (enabled ? { applied: false, problem: NO_ENTRY_PROBLEM } : LOGIN_ITEM_APPLIED)
      }
    },
    applyAtStart(enabled) {
      const { record } = options
      try {
        // Gone after Standby wrote it: removed in the desktop's startup settings (they delete the
        // file) or by another profile's switch (removedAtStart). Never written, it is written.
        const removed =
          enabled && !existsAt(path) && removedAtStart(record, REMOVED_FROM_DESKTOP_PROBLEM, log, path)
        if (removed) return removed
        // Written for another profile since, which it starts: this switch follows, off.
        const taken = enabled && isOwnAutostartEntry(path) && takenAtStart(record, log)
        if (taken) return taken
        // Written for another profile, whose switch is on: only a turn of this switch removes it.
        if (!enabled && registeredElsewhere(record) && existsAt(path)) {
          log.info(`Launch at login is off here; ${path} stays, written for another profile of Standby`)
          return saying(enabled, LOGIN_ITEM_APPLIED)
        }
        // The expert turned Standby's entry off in their desktop's settings: a start must not undo that.
        const lines = enabled ? ownEntryLines(path) : null
        if (lines !== null && turnedOffByDesktop(lines)) {
          log.info(`Launch at login: ${path} was turned off in the desktop's startup settings; left off`)
          return saying(enabled, { applied: false, problem: TURNED_OFF_BY_DESKTOP_PROBLEM })
        }
      } catch {
        // Cannot tell, or unreadable: set says so, as for any entry it cannot write.
      }
      return set(enabled)
    },
  }
}

/** Whether anything is at `path`; throws where a look cannot tell. */
function existsAt(path: string): boolean {
  return lstatSync(path, { throwIfNoEntry: false }) !== undefined
}

/** Whether something is at `path` that Standby did not write (a file, a folder, a link). */
function holdsOthers(path: string): boolean {
  return existsAt(path) && !isOwnAutostartEntry(path)
}

/** The note of the entry another profile wrote since, which starts that profile; null otherwise. */
function takenBy(record: LoginItemRecord | undefined): Extract<LoginItemNote, { kind: 'registered' }> | null {
  const note = record?.read() ?? null
  return note?.kind === 'registered' && registeredElsewhere(record) ? note : null
}
