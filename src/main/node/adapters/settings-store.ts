/** Settings in plain Node: the `conf` package on `settings.json`, the file electron-store uses too. */
import Conf from 'conf'
import type { Clock } from '../../../shared/clock'
import type { Logger } from '../../core/ports/logger'
import type { SettingsStore } from '../../core/ports/settings'
import { openSettingsStore, SETTINGS_FILE_NAME, SHARED_STORE_OPTIONS } from '../settings-file'

/** Where the settings live and where to say what happened to them. */
export interface NodeSettingsOptions {
  /** The directory of `settings.json`. */
  readonly dir: string
  readonly log: Logger
  readonly now?: () => number
  /** Times the gap between writes; the system clock unless a test injects one. */
  readonly clock?: Clock
}

/** The settings in `dir/settings.json`, read and written with conf. */
export function createNodeSettingsStore(options: NodeSettingsOptions): SettingsStore {
  const { dir } = options
  return openSettingsStore({
    ...options,
    open: () =>
      new Conf<Record<string, unknown>>({
        cwd: dir,
        configName: SETTINGS_FILE_NAME,
        ...SHARED_STORE_OPTIONS,
      }),
  })
}
