/**
 * Launch at login: a tiny port, and the rule that keeps it in step with the `launchAtLogin`
 * setting. Electron registers a login item; the browser shell can only record the wish. Where the
 * wish could not be carried out, Settings says so beside the switch, with what to do instead: a
 * switch that shows "on" while nothing will start the app at login would be a silent lie.
 */
import { Listeners, type Unsubscribe } from '../../../shared/listeners'
import type { LoginItemStatus } from '../../../shared/ipc/contract'
import { errorMessage } from '../../../shared/error-message'
import type { Logger } from '../ports/logger'
import type { SettingsStore } from '../ports/settings'

export type { LoginItemStatus } from '../../../shared/ipc/contract'

/** The operating system's "open this app when I log in" switch. */
export interface LoginItem {
  /** Turn it on or off; says whether that was done, and if not, what the expert can do. */
  set(enabled: boolean): LoginItemStatus
  /**
   * The setting as Standby starts: repairs Standby's own registration where it never was or was
   * lost, yet with the switch off it removes nothing the OS would take for a login item the expert
   * added outside Standby; with it on, adds back nothing the expert removed in the system's settings
   * (RemovedOutside).
   */
  applyAtStart(enabled: boolean): LoginItemStatus | RemovedOutside
  /**
   * What the OS says now of the switch's state, writing nothing: the expert may have turned Standby
   * on or off in the system's own startup settings while it runs.
   */
  read(enabled: boolean): LoginItemStatus
  /**
   * Hears when an answer of the OS that comes later (Windows' reg.exe, run without waiting)
   * may change what `read` says; returns what stops it.
   */
  onOutsideChange?(listener: () => void): Unsubscribe
}

/**
 * What a start found instead of a status: the login item Standby registered is gone, removed
 * outside this Standby (by the expert in the system's own settings or with a cleaning tool, or by
 * another profile's switch), while the switch still says on. The switch follows (off), and
 * `problem` says so under it.
 */
export interface RemovedOutside {
  readonly removedOutside: true
  /** Where it was removed and that the switch is off now; what to do to have it back. */
  readonly problem: string
}

/** The setting followed, and what became of its last change. */
export interface LaunchAtLogin {
  /** What became of the last change (or of the one at start). */
  status(): LoginItemStatus
  /**
   * Asks the OS again, changing nothing there, and says what holds now (heard by `changes` too
   * when it differs): the line under the switch follows a change made in the system's settings.
   */
  refresh(): LoginItemStatus
  /** Hears each new outcome. */
  readonly changes: Listeners<LoginItemStatus>
  /** Stop following the setting. */
  stop: Unsubscribe
}

/** Carried out as asked. */
export const LOGIN_ITEM_APPLIED: LoginItemStatus = { applied: true }

/**
 * Applies `launchAtLogin` now and again whenever it changes. The setting is the source of truth
 * for Standby's own registration: applying it at every start repairs one lost to a reinstall or a
 * moved app. Only a change of the switch may remove more than Standby's own; one the expert
 * removed in the system's settings turns the switch off instead of coming back.
 */
export function followLaunchAtLogin(
  settings: SettingsStore,
  loginItem: LoginItem,
  log?: Logger,
): LaunchAtLogin {
  const changes = new Listeners<LoginItemStatus>()
  let applied = settings.get().launchAtLogin
  const atStart = loginItem.applyAtStart(applied)
  // Said under the switch, off, until it next changes: off is carried out, so a look at the OS
  // alone would drop the one line that says why the switch moved.
  let removedNote: LoginItemStatus | null = null
  let status: LoginItemStatus
  if (!('removedOutside' in atStart)) status = atStart
  else {
    // Applied as off first: the save heard below then removes nothing more.
    applied = false
    removedNote = { applied: false, problem: atStart.problem }
    status = removedNote
    log?.info('Launch at login was removed outside this Standby; the switch follows it, off')
    try {
      settings.update({ launchAtLogin: false })
    } catch (error) {
      // Still on in the file: the next start finds the same and says it again.
      log?.warn(
        `Launch at login could not be turned off to follow the system's settings: ${errorMessage(error)}`,
      )
    }
  }
  const stopSaved = settings.onSaved(({ launchAtLogin }) => {
    if (launchAtLogin === applied) return
    applied = launchAtLogin
    removedNote = null
    status = loginItem.set(launchAtLogin)
    changes.emit(status)
  })
  const refresh = (): LoginItemStatus => {
    const read = loginItem.read(applied)
    const now = read.applied && removedNote !== null ? removedNote : read
    if (
      now.applied !== status.applied ||
      (!now.applied && !status.applied && now.problem !== status.problem)
    ) {
      status = now
      changes.emit(status)
    }
    return status
  }
  // An answer that comes once Standby stopped following the setting is dropped.
  const stopOutside = loginItem.onOutsideChange?.(() => void refresh())
  const stop = (): void => {
    stopSaved()
    stopOutside?.()
  }
  return { status: () => status, refresh, changes, stop }
}
