/**
 * Launch at login: a tiny port, and the rule that keeps it in step with the `launchAtLogin`
 * setting. Electron registers a login item; the browser shell can only record the wish. Where the
 * wish could not be carried out, Settings says so beside the switch, with what to do instead: a
 * switch that shows "on" while nothing will start the app at login would be a silent lie.
 */
import { Listeners, type Unsubscribe } from '../../../shared/listeners'
import type { LoginItemStatus } from '../../../shared/ipc/contract'
import type { SettingsStore } from '../ports/settings'

export type { LoginItemStatus } from '../../../shared/ipc/contract'

/** The operating system's "open this app when I log in" switch. */
export interface LoginItem {
  /** Turn it on or off; says whether that was done, and if not, what the expert can do. */
  set(enabled: boolean): LoginItemStatus
  /**
   * The setting as Standby starts: repairs Standby's own registration, yet with the switch off it
   * removes nothing the OS would take for a login item the expert added outside Standby.
   */
  applyAtStart(enabled: boolean): LoginItemStatus
  /**
   * What the OS says now of the switch's state, writing nothing: the expert may have turned Standby
   * on or off in the system's own startup settings while it runs.
   */
  read(enabled: boolean): LoginItemStatus
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
 * moved app. Only a change of the switch may remove more than Standby's own.
 */
export function followLaunchAtLogin(settings: SettingsStore, loginItem: LoginItem): LaunchAtLogin {
  const changes = new Listeners<LoginItemStatus>()
  let applied = settings.get().launchAtLogin
  let status = loginItem.applyAtStart(applied)
  const stop = settings.onSaved(({ launchAtLogin }) => {
    if (launchAtLogin === applied) return
    applied = launchAtLogin
    status = loginItem.set(launchAtLogin)
    changes.emit(status)
  })
  const refresh = (): LoginItemStatus => {
    const now = loginItem.read(applied)
    if (
      now.applied !== status.applied ||
      (!now.applied && !status.applied && now.problem !== status.problem)
    ) {
      status = now
      changes.emit(status)
    }
    return status
  }
  return { status: () => status, refresh, changes, stop }
}
