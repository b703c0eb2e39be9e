/**
 * Electron's own `autoUpdater` (Squirrel), which electron-updater's macOS updater drives. Its
 * quitAndInstall quits in Electron's order, not app.quit()'s: 'before-quit-for-update', then every
 * window closed, and only then app.quit() with its 'before-quit'.
 */
import { EventEmitter } from 'node:events'
import { vi } from 'vitest'
import { fake } from './state'

/** `autoUpdater`, with Electron's order of a quit to install an update. */
export class FakeAutoUpdater extends EventEmitter {
  readonly setFeedURL = vi.fn()
  readonly getFeedURL = vi.fn(() => '')
  readonly checkForUpdates = vi.fn()
  readonly quitAndInstall = vi.fn(() => {
    this.emit('before-quit-for-update')
    for (const window of fake.windows.filter((candidate) => !candidate.isDestroyed())) window.close()
    fake.app.quit()
  })
}
