/** Settings in plain Node: the `conf` package on `settings.json`, the file electron-store uses too. */
import Conf from 'conf'
import type { Clock } from '../../../shared/clock'
import type { Logger } from '../../core/ports/logger'
import type { SettingsStore } from '../../core/ports/settings'
import {
  MAX_SETTINGS_FILE_BYTES,
  openSettingsStore,
  SETTINGS_FILE_NAME,
  SHARED_STORE_OPTIONS,
} from '../settings-file'
import { readingOnlyAFile } from '../settings-link'

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
  return openSettingsStore({ ...options, open: () => openNodeSettingsConf(options.dir) })
}

/** conf on `dir/settings.json` as the Node store opens it, its constructor reading only what the store would. */
export function openNodeSettingsConf(dir: string): Conf<Record<string, unknown>> {
  return new (readingOnlyAFile(Conf<Record<string, unknown>>, MAX_SETTINGS_FILE_BYTES))({
    cwd: dir,
    configName: SETTINGS_FILE_NAME,
    ...SHARED_STORE_OPTIONS,
  })
}
