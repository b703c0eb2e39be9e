/**
 * The sentence that tells the expert, once, that settings read at start could not be used and went
 * back to their defaults. The log says it too, but the expert does not read the log, and a setting
 * silently back at its default (reminders on again, another update channel) looks like a bug.
 */
import type { SettingsReset, SettingsValues } from '../ports/settings'

/** How each setting is named in the Settings page (its label); null for the app's own memory, never told. */
const SETTING_NAMES: { readonly [K in keyof SettingsValues]: string | null } = {
  platformUrl: 'the platform address',
  remindersEnabled: '“Reminder notifications”',
  soundEnabled: '“Sound”',
  launchAtLogin: '“Launch at login”',
  autoAwayEnabled: '“Away when idle”',
  autoAwayMinutes: '“Idle time before away”',
  updateChannel: 'the update channel',
  closedToTrayNoticeShown: null,
  mainWindowPlace: null,
}

/** The sentence for `reset`, or null when no setting the expert sees went back to its default. */
export function settingsResetMessage(reset: SettingsReset): string | null {
  if (reset === 'all') {
    return (
      'Standby could not read its settings file, so every setting went back to its default; ' +
      'you can set them again in Settings.'
    )
  }
  const names = reset.map((key) => SETTING_NAMES[key]).filter((name) => name !== null)
  if (names.length === 0) return null
  const listed = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
  const one = names.length === 1
  return (
    `${one ? 'A setting was' : 'Some settings were'} saved with a value Standby cannot use, so ` +
    `${one ? 'it went back to its default' : 'they went back to their defaults'}: ${listed}. ` +
    `You can set ${one ? 'it' : 'them'} again in Settings.`
  )
}
