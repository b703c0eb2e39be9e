/** Tells "the user closed the window" from "the app is quitting", which look the same to a window. */
import { app, autoUpdater } from 'electron'

/**
 * Returns a function that answers whether a quit has begun (tray Quit, Cmd+Q, app.quit(), a
 * restart to install an update).
 */
export function trackQuitting(): () => boolean {
  let quitting = false
  // A restart to update counts as a quit before the app's own quit begins, until it does.
  let updateOnly = false
  app.on('before-quit', () => {
    quitting = true
    updateOnly = false
  })
  // A restart to update on macOS (Squirrel's quitAndInstall) closes every window first and emits
  // 'before-quit' only after: those closes are part of the quit, not the expert's choice.
  autoUpdater.on('before-quit-for-update', () => {
    if (quitting) return
    quitting = true
    updateOnly = true
  })
  // Squirrel could not install (no update it knows of, a relaunch the system refused): it says so
  // and the app goes on, windows closed. Still taken for quitting, the app would open none again.
  autoUpdater.on('error', () => {
    if (!updateOnly) return
    quitting = false
    updateOnly = false
  })
  return () => quitting
}
