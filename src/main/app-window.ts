/**
 * Every window of the app is created here, so each gets the same lockdown: sandboxed, isolated,
 * no Node, kept on our own pages, and loaded from our own renderer.
 */
import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron'
import { type AppOrigin } from './app-origin'
import { type Logger } from './log'
import { guardNavigation } from './navigation-guard'

/** What every app window needs. */
export interface AppWindowOptions {
  readonly preloadPath: string
  readonly origin: AppOrigin
  readonly openExternal: (url: string) => Promise<void>
  readonly log: Logger
}

/** A locked-down window showing the renderer (at `#hash`, when given). */
export function createAppWindow(
  options: AppWindowOptions,
  look: Omit<BrowserWindowConstructorOptions, 'webPreferences'>,
  hash?: string,
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
    },
  })
  guardNavigation(window.webContents, { isAppUrl: origin.isAppUrl, openExternal, log })
  const { entry } = origin
  const loading =
    entry.kind === 'url'
      ? window.loadURL(hash === undefined ? entry.url : `${entry.url}#${hash}`)
      : hash === undefined
        ? window.loadFile(entry.path)
        : window.loadFile(entry.path, { hash })
  loading.catch((error: unknown) => log.error(`The ${hash ?? 'main'} window could not load the app`, error))
  return window
}
