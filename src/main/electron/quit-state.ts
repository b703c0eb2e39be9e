/** Tells "the user closed the window" from "the app is quitting", which look the same to a window. */
import { app, autoUpdater, type Event } from 'electron'

/**
 * Returns a function that answers whether a quit has begun (tray Quit, Cmd+Q, app.quit(), a
 * restart to install an update).
 */
export function trackQuitting(): () => boolean {
  // The last quit's 'before-quit', read when asked: a listener after this one may still prevent
  // it, and then the quit never began, of which Electron says nothing more.
  let beforeQuit: Event | null = null
  // A restart to update counts as a quit before the app's own quit begins, until it does.
  let updateOnly = false
  const quitBegun = (): boolean => beforeQuit !== null && !beforeQuit.defaultPrevented
  app.on('before-quit', (event) => {
    beforeQuit = event
    updateOnly = false
  })
  // A restart to update on macOS (Squirrel's quitAndInstall) closes every window first and emits
  // 'before-quit' only after: those closes are part of the quit, not the expert's choice.
  autoUpdater.on('before-quit-for-update', () => {
    if (!quitBegun()) updateOnly = true
  })
  // Squirrel could not install (no update it knows of, a relaunch the system refused): it says so
  // and the app goes on, windows closed. Still taken for quitting, the app would open none again.
  autoUpdater.on('error', () => {
    updateOnly = false
  })
  // A prevented 'will-quit' is not looked for: the shutdown has run by then (index.ts), so the app
  // goes on as good as quit; a page's beforeunload cannot keep a window (web-contents-security.ts).
  return () => updateOnly || quitBegun()
}
