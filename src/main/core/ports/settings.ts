/**
 * The app's settings: one zod schema, versioned migrations, and a store port. Electron stores
 * them with electron-store, Node with `conf` (electron-store is built on it: same file format).
 */
import { z } from 'zod'
import { AppSettings } from '../../../shared/ipc/contract'
import type { Unsubscribe } from '../../../shared/listeners'
import { SavedWindowPlace } from '../window-placement'

const setting = AppSettings.shape

/**
 * Every setting with its default: the contract's AppSettings (one definition of what is valid)
 * plus what a fresh install starts with. Unknown keys are dropped; bad values fall back to defaults.
 */
export const SettingsSchema = z.object({
  /** The platform to connect to; null means the embedded reference platform. */
  platformUrl: setting.platformUrl.default(null),
  /** Show 30- and 10-minute reminders before scheduled sessions. */
  remindersEnabled: setting.remindersEnabled.default(true),
  /** Play a sound with invite notifications. */
  soundEnabled: setting.soundEnabled.default(true),
  /** Start Standby when the user logs in. */
  launchAtLogin: setting.launchAtLogin.default(false),
  /** Away while idle or locked; the expert's own away and busy are never touched. */
  autoAwayEnabled: setting.autoAwayEnabled.default(true),
  /** Minutes without input before auto-away. */
  autoAwayMinutes: setting.autoAwayMinutes.default(10),
  /** Follow stable releases unless the expert joins the beta. */
  updateChannel: setting.updateChannel.default('stable'),
  /**
   * The app's own memory, not a setting the window shows: whether the expert was told, on first
   * closing the window, that Standby stays in the tray.
   */
  closedToTrayNoticeShown: z.boolean().default(false),
  /** The app's own memory too: where the full window was when the expert last closed it. */
  mainWindowPlace: SavedWindowPlace.nullable().default(null),
}) satisfies z.ZodType<AppSettings>
/** Every setting with its default. */
export type SettingsValues = z.infer<typeof SettingsSchema>

/** The settings the window may see and change: the stored ones less the app's own memory. */
export function appSettingsOf(values: SettingsValues): AppSettings {
  return AppSettings.parse(values)
}

/** The version of the settings layout; bump it and add a migration when a key changes meaning. */
export const SETTINGS_VERSION = 1

/** Which settings read at start could not be used and went back to their defaults: every one, or those. */
export type SettingsReset = 'all' | ReadonlyArray<keyof SettingsValues>

/** Reads and writes the settings. */
export interface SettingsStore {
  /** What went back to its default when the file was read at start; absent or empty when nothing did. */
  readonly resetAtOpen?: SettingsReset
  /**
   * What to tell the expert, at each start while it lasts, when the file could not be opened at all:
   * the settings are then the defaults, kept in memory for this run. Absent when it opened.
   */
  readonly notKept?: string
  /**
   * What to tell the expert, once, when the settings file found at start was a link to another
   * file: it is now a file of Standby's own, and saving no longer changes the other one.
   */
  readonly separatedAtOpen?: string
  get(): SettingsValues
  /**
   * Validate and apply a change at once; throws a clear error for a bad value, or for a file that
   * cannot be written, and then changes nothing. Changes that come quickly after one another are
   * written to the file together a moment later (settings-store.ts); one of those that then cannot
   * be written is undone, and the listeners hear the values the file holds.
   */
  update(patch: Partial<SettingsValues>): SettingsValues
  /**
   * Writes at once the changes waiting to be written, and every later change as it is made: the host
   * calls it as its process ends (a quit, a logout), when no gap would end in time. Never throws.
   */
  flush(): void
  onChange(listener: (values: SettingsValues) => void): Unsubscribe
  /**
   * Hears the values each time they are written to the file: at most once per gap however often
   * they change. What follows a setting outside the app (the OS's login item, an update check, the
   * platform's presence) listens here, so a page changing settings in a loop cannot make it work
   * once per change.
   */
  onSaved(listener: (values: SettingsValues) => void): Unsubscribe
  /**
   * Hears what to tell the expert when changes already applied, and answered as made, could not be
   * written when their gap ended and were undone (the listeners of `onChange` hear the values kept).
   */
  onUndone(listener: (sentence: string) => void): Unsubscribe
}
