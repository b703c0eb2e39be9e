/**
 * Electron's own `autoUpdater` (Squirrel), which electron-updater's macOS updater drives. Its
 * quitAndInstall quits in Electron's order, not app.quit()'s: 'before-quit-for-update', then every
 * window closed, and only then app.quit() with its 'before-quit' (or, when the install fails,
 * an 'error' and no quit).
 */
import { EventEmitter } from 'node:events'
import { vi } from 'vitest'
import { fake } from './state'

/** `autoUpdater`, with Electron's order of a quit to install an update. */
export class FakeAutoUpdater extends EventEmitter {
  readonly setFeedURL = vi.fn()
  readonly getFeedURL = vi.fn(() => '')
  readonly checkForUpdates = vi.fn()
  /**
   * Plays Squirrel unable to install (no update it knows of, a relaunch the system refused): as in
   * Electron, once the windows are closed it emits 'error' with this message instead of quitting,
   * and the app goes on without them.
   */
  installFailure: string | null = null
  readonly quitAndInstall = vi.fn(() => {
    this.emit('before-quit-for-update')
    for (const window of fake.windows.filter((candidate) => !candidate.isDestroyed())) window.close()
    if (this.installFailure === null) return fake.app.quit()
    this.emit('error', new Error(this.installFailure), this.installFailure)
  })
}
