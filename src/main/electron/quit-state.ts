/** Tells "the user closed the window" from "the app is quitting", which look the same to a window. */
import { app, autoUpdater } from 'electron'

/**
 * Returns a function that answers whether a quit has begun (tray Quit, Cmd+Q, app.quit(), a
 * restart to install an update).
 */
export function trackQuitting(): () => boolean {
  let quitting = false
  const begin = (): void => {
    quitting = true
  }
  app.on('before-quit', begin)
  // A restart to update on macOS (Squirrel's quitAndInstall) closes every window first and emits
  // 'before-quit' only after: those closes are part of the quit, not the expert's choice.
  autoUpdater.on('before-quit-for-update', begin)
  return () => quitting
}
