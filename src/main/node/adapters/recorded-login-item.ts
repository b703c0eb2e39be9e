/** Launch at login in plain Node: the browser shell cannot register a login item, so it records the wish. */
import type { Logger } from '../../core/ports/logger'
import { LOGIN_ITEM_APPLIED, type LoginItem, type LoginItemStatus } from '../../core/settings/login-item'

/** A LoginItem that remembers what it was asked. */
export interface RecordedLoginItem extends LoginItem {
  /** The last wish; null until one is made. */
  readonly wanted: boolean | null
}

/** What Settings says beside the switch in the browser shell, where nothing starts at login. */
export const SHELL_LOGIN_ITEM_PROBLEM =
  'This browser window cannot start with your computer. Install the Standby app to have it open in the tray when you log in.'

/** Nothing is ever registered here: on is never carried out, off always is. */
const read = (enabled: boolean): LoginItemStatus =>
  enabled ? { applied: false, problem: SHELL_LOGIN_ITEM_PROBLEM } : LOGIN_ITEM_APPLIED

/** Records each wish; logs a line when launch at login is asked for, since nothing will happen. */
export function createRecordedLoginItem(log?: Logger): RecordedLoginItem {
  let wanted: boolean | null = null
  const set = (enabled: boolean): LoginItemStatus => {
    if (enabled && wanted !== true)
      log?.info('Launch at login is on; the browser shell does not register a login item')
    wanted = enabled
    return read(enabled)
  }
  // Nothing registered here can be the expert's: a start records the wish like a change.
  return {
    get wanted() {
      return wanted
    },
    set,
    applyAtStart: set,
    read,
  }
}
