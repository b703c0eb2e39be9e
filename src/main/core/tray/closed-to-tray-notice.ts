/**
 * The one-time word, on first closing the window, that Standby is still running in the tray: a
 * tray app that seems to vanish gets quit from a task manager, and then no invite reaches anyone.
 */
import type { Logger } from '../ports/logger'
import type { Notifier } from '../ports/notifier'
import type { SettingsStore } from '../ports/settings'
import { errorMessage } from '../../../shared/error-message'

/** Where the platform keeps tray icons, in its own words. */
export function trayPlace(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'menu bar'
  if (platform === 'win32') return 'notification area of the taskbar'
  return 'system tray'
}

/**
 * What tells the expert once, ever, that closing the window left Standby running in the tray: once
 * per run at least, even when the settings cannot remember it (a full disk), so closing the
 * window again does not repeat it.
 */
export function closedToTrayNotice(deps: {
  readonly settings: SettingsStore
  readonly notifier: Notifier
  readonly platform: NodeJS.Platform
  readonly log: Logger
}): () => void {
  const { settings, notifier, platform, log } = deps
  let told = false
  return () => {
    if (told || settings.get().closedToTrayNoticeShown) return
    told = true
    try {
      settings.update({ closedToTrayNoticeShown: true })
    } catch (error) {
      // Shown anyway: told again at the next start is better than never told.
      log.warn(`Could not remember that the tray notice was shown: ${errorMessage(error)}`)
    }
    notifier.show({
      kind: 'notice',
      title: 'Standby is still running',
      body: `It stays in the ${trayPlace(platform)} to keep you reachable for invites. Open or quit it from there.`,
    })
  }
}
