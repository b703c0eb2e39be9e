/**
 * What macOS reports of Standby's login item (SMAppService's status on macOS 13 and later, only
 * whether something opens the app at login on macOS 12), and what Settings says of each state.
 */
import type { LoginItemSettings } from 'electron'
import { LOGIN_ITEM_APPLIED, type LoginItemStatus } from '../../core/settings/login-item'

/** What macOS reports of a login item it has: on, or waiting for the expert's approval. */
const REGISTERED_MAC_STATUSES = new Set<LoginItemSettings['status']>(['enabled', 'requires-approval'])

/**
 * Whether macOS has Standby's login item: on, or awaiting approval. macOS 12 reports no status,
 * only whether an item opens the app at login: taken as gone there, every item would be gone,
 * never noted, and one the expert removed registered again at the next start.
 */
export function macHasItem(found: LoginItemSettings): boolean {
  const status: LoginItemSettings['status'] | undefined = found.status
  return status === undefined ? found.openAtLogin : REGISTERED_MAC_STATUSES.has(status)
}

/**
 * What Settings says beside the switch, off, while macOS opens Standby at login all the same. Any
 * login item starts it in the tray alone (wasOpenedAtLogin), so turning the switch on changes
 * nothing but whose item it is: the line offers it as keeping that, not as a hidden start.
 */
export const MAC_LOGIN_ITEM_OUTSIDE_PROBLEM =
  'This is off, yet macOS opens Standby in the tray when you log in, from System Settings › General › Login Items. To stop that, remove Standby there; to keep it, turn this on.'

/**
 * What Settings says beside the switch, on, in a profile other than the default one: macOS's login
 * item opens the app without arguments, so it would start the default profile, and none is registered.
 */
export const MAC_OTHER_PROFILE_PROBLEM =
  'macOS can open only the default Standby profile when you log in, not this one: its login items cannot say which profile to open. To start Standby at login, turn Launch at login on in the default profile.'

/** What Settings says beside the switch, turned off at a start because Standby's login item was removed. */
export const MAC_LOGIN_ITEM_REMOVED_PROBLEM =
  'Standby is no longer among System Settings › General › Login Items (it was removed there, or Standby was moved), so Launch at login is off now. Turn it on to add it back.'

/**
 * macOS 13 and later report whether the login item really runs: the user may have to approve it
 * first, the system may not find the app where it was registered from, or the expert removed it
 * in System Settings; earlier versions say only whether something opens the app at login.
 */
export function macStatus(status: LoginItemSettings['status'] | undefined, opens: boolean): LoginItemStatus {
  if (status === 'requires-approval')
    return {
      applied: false,
      problem:
        'macOS is waiting for your approval: open System Settings › General › Login Items and allow Standby.',
    }
  if (status === 'not-found')
    return {
      applied: false,
      problem:
        'macOS could not find Standby to open at login. Move Standby to your Applications folder, then turn this off and on again.',
    }
  if (status === 'not-registered' || (status === undefined && !opens))
    return {
      applied: false,
      problem:
        'macOS does not open Standby at login: it is not among System Settings › General › Login Items. Turn this off and on again to add it back.',
    }
  return LOGIN_ITEM_APPLIED
}
