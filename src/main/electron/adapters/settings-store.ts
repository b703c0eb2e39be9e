/**
 * Settings in Electron: electron-store on userData/settings.json. electron-store is conf with
 * Electron's paths, so this is the very file format the Node store (node-adapters) reads and
 * writes; the schema, migrations and validation are shared in core/settings.
 */
import { app } from 'electron'
import ElectronStore from 'electron-store'
import type { Logger } from '../../core/ports/logger'
import type { SettingsStore } from '../../core/ports/settings'
import {
  MAX_SETTINGS_FILE_BYTES,
  openSettingsStore,
  SETTINGS_FILE_NAME,
  SHARED_STORE_OPTIONS,
} from '../../node/settings-file'
import { readingOnlyAFile } from '../../node/settings-link'
import { ELECTRON_STORE_CHANNEL, removeUncheckedChannel } from '../ipc/ipc-main'

/** The settings in userData/settings.json. Create it after `app.whenReady()`. */
export function createElectronSettingsStore(options: {
  readonly log: Logger
  readonly now?: () => number
}): SettingsStore {
  const dir = app.getPath('userData')
  return openSettingsStore({
    ...options,
    dir,
    // cwd is passed explicitly (it is electron-store's default too) so both stores name the same file.
    open: () => {
      const store = new (readingOnlyAFile(ElectronStore<Record<string, unknown>>, MAX_SETTINGS_FILE_BYTES))({
        cwd: dir,
        name: SETTINGS_FILE_NAME,
        ...SHARED_STORE_OPTIONS,
      })
      // Each store opened listens anew for pages that ask where it is; no page of ours asks.
      removeUncheckedChannel(ELECTRON_STORE_CHANNEL)
      return store
    },
  })
}
