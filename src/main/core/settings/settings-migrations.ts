/**
 * The settings file's layout versions and the steps between them. Pure: each step takes the raw
 * object as read from disk and returns the next layout, so a step is tested without any file.
 *
 * To change a key's name or meaning: bump SETTINGS_VERSION in core/ports/settings.ts, add the
 * step that produces the new layout here, and a test that feeds it the previous layout.
 */
import { SETTINGS_VERSION } from '../ports/settings'
import { errorMessage } from '../../../shared/error-message'

/** The key that records the file's layout version (absent in a version-0 file). */
export const SETTINGS_VERSION_KEY = 'settingsVersion'

/** A settings file as read from disk: any JSON object. */
export type RawSettings = Readonly<Record<string, unknown>>

/** Turns a file of the previous layout into this layout. May throw on input it cannot handle. */
export type SettingsMigration = (raw: RawSettings) => RawSettings

/**
 * Version 0 → 1. Version 0 is any file without a version key, as written by development builds
 * before the layout was versioned: the platform was `serverUrl`, with "" for the embedded one.
 */
function toVersion1(raw: RawSettings): RawSettings {
  const { serverUrl, ...rest } = raw
  const platformUrl = 'platformUrl' in rest ? rest['platformUrl'] : serverUrl
  return { ...rest, platformUrl: platformUrl === '' || platformUrl === undefined ? null : platformUrl }
}

/** Each step, keyed by the version it produces: step N turns a version N-1 file into version N. */
export const SETTINGS_MIGRATIONS: Readonly<Record<number, SettingsMigration>> = {
  1: toVersion1,
}

/** The outcome of bringing a raw file up to the current layout. */
export type MigrationOutcome =
  | { readonly ok: true; readonly raw: RawSettings }
  | { readonly ok: false; readonly failedStep: number; readonly reason: string }

/** Runs every step after `fromVersion` up to `toVersion`, in order. Never throws. */
export function migrateSettings(
  raw: RawSettings,
  fromVersion: number,
  toVersion: number = SETTINGS_VERSION,
  migrations: Readonly<Record<number, SettingsMigration>> = SETTINGS_MIGRATIONS,
): MigrationOutcome {
  let current = raw
  for (let version = fromVersion + 1; version <= toVersion; version++) {
    const step = migrations[version]
    if (step === undefined) return { ok: false, failedStep: version, reason: 'no migration is defined' }
    try {
      current = step(current)
    } catch (error) {
      return {
        ok: false,
        failedStep: version,
        reason: errorMessage(error),
      }
    }
  }
  return { ok: true, raw: current }
}
