/**
 * Every window of the app is created here, so each gets the same lockdown: sandboxed, isolated,
 * no Node, kept on our own pages, loaded from our own renderer, and no developer tools once packaged.
 */
import { app, BrowserWindow, type BrowserWindowConstructorOptions } from 'electron'
import { systemClock, type Clock } from '../../shared/clock'
import { type AppOrigin } from './app-origin'
import { type Logger } from '../node/log'
import { offerContextMenu } from './context-menu'
import { guardNavigation } from './navigation-guard'
import { pageLostNotice } from './page-lost-notice'
import { recoverLostPages } from './page-recovery'

/** Windows whose close went ahead: Electron destroys them only once their page has unloaded. */
const closing = new WeakSet<BrowserWindow>()

/**
 * Whether `window` is gone for the app: destroyed, or closing. Electron's close is asynchronous
 * ('closed' comes after the page unloads); a window shown in that gap would vanish at once.
 */
export function isGone(window: BrowserWindow): boolean {
  return window.isDestroyed() || closing.has(window)
}

/** What every app window needs. */
export interface AppWindowOptions {
  readonly preloadPath: string
  readonly origin: AppOrigin
  readonly openExternal: (url: string) => Promise<void>
  readonly log: Logger
  /** Times the window's own reactions (reloads of a lost page); the system clock unless a test drives one. */
  readonly clock?: Clock
  /**
   * Windows is ending the session (a logout, a shutdown): the process is ended next, with no quit
   * and no window closed, so nothing else writes what waits to be written.
   */
  readonly onSessionEnd?: () => void
  /** Where the log is written, named to the expert when a window's page cannot be brought back. */
  readonly logFolder?: string
}

/**
 * A locked-down window showing the renderer's full window, or its tray popover (`?view=popover`);
 * `onPageGaveUp` hears that its page is left empty or frozen, its reloads spent (page-recovery.ts).
 */
export function createAppWindow(
  options: AppWindowOptions,
  look: Omit<BrowserWindowConstructorOptions, 'webPreferences'>,
  view?: 'popover',
  onPageGaveUp?: () => void,
): BrowserWindow {
  const { preloadPath, origin, openExternal, log } = options
  const window = new BrowserWindow({
    ...look,
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      // A packaged build has no developer tools at all: no menu item, shortcut or call opens them.
      devTools: !app.isPackaged,
    },
  })
  // Already guarded when the app guards every web contents (web-contents-security.ts); guarded
  // here too, so a window is never without its guard.
  guardNavigation(window.webContents, { isAppUrl: origin.isAppUrl, openExternal, log })
  offerContextMenu(window)
  // Nothing in the app prevents a close; a listener that did would leave it out of `closing`.
  window.on('close', (event) => {
    if (!event.defaultPrevented) closing.add(window)
  })
  window.on('session-end', () => options.onSessionEnd?.())
  // A crashed or killed renderer, or a failed load, would leave the window empty for good; one
  // whose reloads are spent is left so, and the expert is told, as the log is not read.
  const tellLost = pageLostNotice(view ?? 'main', options)
  recoverLostPages(window.webContents, {
    name: view ?? 'main',
    clock: options.clock ?? systemClock,
    log,
    closing: () => closing.has(window),
    onGaveUp: () => {
      onPageGaveUp?.()
      tellLost()
    },
  })
  // A query, not a fragment: the host sees it and pre-renders the popover's first frame.
  const url = new URL(origin.entryUrl)
  if (view !== undefined) url.searchParams.set('view', view)
  window
    .loadURL(url.toString())
    .catch((error: unknown) => log.error(`The ${view ?? 'main'} window could not load the app`, error))
  return window
}
