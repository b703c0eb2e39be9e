/**
 * The app's two windows over the fake Electron, built as the composition root builds them, with the
 * window's place kept in an in-memory settings file. The test file mocks 'electron' with the fake.
 */
import { vi } from 'vitest'
import { createAppOrigin } from '../../src/main/electron/app-origin'
import { createAppWindows, type AppWindows } from '../../src/main/electron/app-windows'
import { createSettingsStore } from '../../src/main/core/settings/settings-store'
import { keepWindowPlace } from '../../src/main/core/window-placement'
import type { SettingsStore } from '../../src/main/core/ports/settings'
import type { Logger } from '../../src/main/node/log'
import { fake } from './fake-electron'
import { memoryFile } from './memory-settings-file'
import { recordingLog } from './recording-log'

/** The windows; `quitting` plays a quit under way, `settings` where the window's place is kept. */
export function testAppWindows(
  quitting = false,
  settings: SettingsStore = createSettingsStore(memoryFile(), recordingLog()),
): AppWindows {
  const log: Logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() }
  return createAppWindows({
    windowOptions: {
      preloadPath: '/app/out/preload/index.cjs',
      origin: createAppOrigin({}),
      openExternal: fake.shell.openExternal,
      log,
    },
    overlayPath: '/app/resources/tray/overlay.png',
    isQuitting: () => quitting,
    onClosedToTray: () => undefined,
    windowPlace: {
      saved: () => settings.get().mainWindowPlace,
      keep: (place) => keepWindowPlace(settings, place, log),
    },
    log,
  })
}
