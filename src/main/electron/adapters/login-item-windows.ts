/**
 * What Windows' Run values and their StartupApproved values say of Standby's login item, as
 * Electron reports them and as Windows itself starts them, and what Settings says of each state.
 */
import type { LoginItemSettings } from 'electron'
import { LOGIN_ITEM_APPLIED, type LoginItemStatus } from '../../core/settings/login-item'
import { windowsStartsEntry, type StartupApprovedReader } from '../../node/windows-startup-approved'

/**
 * Electron's launch items with each one's `enabled` as Windows reads it: Electron counts an entry
 * whose StartupApproved value begins 06 as off, which Windows starts all the same. An entry Electron
 * counts on is on; one it counts off is read again (the answer comes later, told by the reader's
 * onChange), and until a value was read, Electron's answer stands.
 */
export function asWindowsStarts(found: LoginItemSettings, reader: StartupApprovedReader): LoginItemSettings {
  const launchItems = (found.launchItems ?? []).map((item) => {
    if (item.enabled) return item
    const scope = item.scope === 'machine' ? 'machine' : 'user'
    void reader.look(scope, item.name)
    const known = reader.known(scope, item.name)
    return known === undefined ? item : { ...item, enabled: windowsStartsEntry(known) }
  })
  return {
    ...found,
    launchItems,
    executableWillLaunchAtLogin:
      found.executableWillLaunchAtLogin || launchItems.some((item) => item.enabled),
  }
}

/** Whether Task Manager has an entry that starts Standby turned off, and none that starts it on. */
export function turnedOffInWindows(found: LoginItemSettings): boolean {
  return !found.executableWillLaunchAtLogin && (found.launchItems ?? []).some((item) => !item.enabled)
}

/** Whether Windows has no entry at all that starts Standby, on or off (its Run value was deleted). */
export function windowsEntryGone(found: LoginItemSettings): boolean {
  return !found.openAtLogin && (found.launchItems ?? []).length === 0
}

/** What Windows' entries say of the switch, on. */
export function windowsStatus(found: LoginItemSettings): LoginItemStatus {
  if (turnedOffInWindows(found)) return { applied: false, problem: WINDOWS_STARTUP_TURNED_OFF_PROBLEM }
  if (found.executableWillLaunchAtLogin) return LOGIN_ITEM_APPLIED
  return { applied: false, problem: WINDOWS_NOT_IN_STARTUP_PROBLEM }
}

/** What Settings says beside the switch, on, while Windows' startup apps no longer list Standby. */
export const WINDOWS_NOT_IN_STARTUP_PROBLEM =
  'Windows no longer lists Standby among its startup apps, so it will not start when you log in. Turn this off and on again to add it back.'

/** What Settings says beside the switch, turned off at a start because Standby's Run entry was deleted. */
export const WINDOWS_ENTRY_REMOVED_PROBLEM =
  "Standby is no longer among Windows' startup apps (it was removed there, or by a cleaning tool), so Launch at login is off now. Turn it on to add it back."

/** What Settings says beside the switch, on, while Windows' startup apps have Standby turned off. */
export const WINDOWS_STARTUP_TURNED_OFF_PROBLEM =
  'Windows has Standby turned off in its startup apps, so it will not start when you log in. Turn it on in Task Manager › Startup apps, or turn this off and on again.'
