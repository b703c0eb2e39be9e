/** The one app window: locked down, kept on our own pages, and hidden (not closed) by its close button. */
import type { BrowserWindow } from 'electron'
import { createAppWindow, type AppWindowOptions } from './app-window'

/** What the main window needs from the rest of the app. */
export interface MainWindowOptions extends AppWindowOptions {
  /** True once the user chose Quit; until then closing the window only hides it. */
  readonly isQuitting: () => boolean
}

/** Creates the main window, loads the renderer and shows it once it has painted. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = createAppWindow(options, {
    width: 440,
    height: 640,
    minWidth: 360,
    minHeight: 400,
    title: 'Standby',
    show: false,
    autoHideMenuBar: true,
  })
  hideOnClose(window, options.isQuitting)
  window.once('ready-to-show', () => window.show())
  return window
}

/** Makes the close button hide the window to the tray; a quit (or OS logout) really closes it. */
export function hideOnClose(window: BrowserWindow, isQuitting: () => boolean): void {
  // Windows ends the session by closing windows; refusing that would block logout.
  let sessionEnding = false
  window.on('session-end', () => {
    sessionEnding = true
  })
  window.on('close', (event) => {
    if (isQuitting() || sessionEnding) return
    event.preventDefault()
    window.hide()
  })
}

/** Shows the window on top of others, un-minimizing it if needed. */
export function bringToFront(
  window: Pick<BrowserWindow, 'isDestroyed' | 'isMinimized' | 'restore' | 'show' | 'focus'>,
): void {
  if (window.isDestroyed()) return
  if (window.isMinimized()) window.restore()
  window.show()
  window.focus()
}
