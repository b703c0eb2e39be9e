/**
 * Launch at login: a tiny port, and the rule that keeps it in step with the `launchAtLogin`
 * setting. Electron registers a login item; the browser shell can only record the wish.
 */
import type { Unsubscribe } from '../../../shared/listeners'
import type { SettingsStore } from '../ports/settings'

/** The operating system's "open this app when I log in" switch. */
export interface LoginItem {
  set(enabled: boolean): void
}

/**
 * Applies `launchAtLogin` now and again whenever it changes. The setting is the source of truth:
 * applying it at every start repairs a registration lost to a reinstall or a moved app.
 */
export function followLaunchAtLogin(settings: SettingsStore, loginItem: LoginItem): Unsubscribe {
  let applied = settings.get().launchAtLogin
  loginItem.set(applied)
  return settings.onChange(({ launchAtLogin }) => {
    if (launchAtLogin === applied) return
    applied = launchAtLogin
    loginItem.set(launchAtLogin)
  })
}
