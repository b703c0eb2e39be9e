/** Launch at login in plain Node: the browser shell cannot register a login item, so it records the wish. */
import type { Logger } from '../../core/ports/logger'
import type { LoginItem } from '../../core/settings/login-item'

/** A LoginItem that remembers what it was asked. */
export interface RecordedLoginItem extends LoginItem {
  /** The last wish; null until one is made. */
  readonly wanted: boolean | null
}

/** Records each wish; logs a line when launch at login is asked for, since nothing will happen. */
export function createRecordedLoginItem(log?: Logger): RecordedLoginItem {
  let wanted: boolean | null = null
  return {
    get wanted() {
      return wanted
    },
    set(enabled) {
      if (enabled && wanted !== true)
        log?.info('Launch at login is on; the browser shell does not register a login item')
      wanted = enabled
    },
  }
}
