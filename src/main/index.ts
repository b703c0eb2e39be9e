/**
 * The composition root of the main process: the one place that creates things and wires them
 * together. Importing it does nothing but call `main()`.
 */
import { app, session, shell } from 'electron'
import { join } from 'node:path'
import { createAppOrigin } from './app-origin'
import { contentSecurityPolicy } from './content-security-policy'
import { registerAppHandlers } from './ipc/app-handlers'
import { createIpcMain, send } from './ipc/ipc-main'
import { consoleLogger } from './log'
import { bringToFront, createMainWindow } from './main-window'
import { trackQuitting } from './quit-state'
import { enforceContentSecurityPolicy, denyPermissionRequests } from './session-security'
import { claimSingleInstance, onSecondInstance } from './single-instance'
import { createStatusLine } from './status-line'
import { createTray } from './tray'
import { trayIconPath } from './tray-icon'

/** Builds the app: single-instance lock, session security, IPC, window, tray. */
async function main(): Promise<void> {
  const log = consoleLogger
  // A second copy quits before it creates anything; the first copy is told and shows itself.
  if (!claimSingleInstance()) return
  const isQuitting = trackQuitting()

  await app.whenReady()

  // electron-vite sets ELECTRON_RENDERER_URL when `electron-vite dev` serves the renderer.
  const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL']
  const outDir = join(import.meta.dirname, '..')
  const origin = createAppOrigin({ devServerUrl, rendererDir: join(outDir, 'renderer') })
  enforceContentSecurityPolicy(session.defaultSession, contentSecurityPolicy({ devServerUrl }))
  denyPermissionRequests(session.defaultSession)

  const openExternal = (url: string): Promise<void> => shell.openExternal(url)
  const ipc = createIpcMain({
    policy: {
      // Only called once a page exists, and the only page is this window's.
      isOwnWebContents: (contents) => contents === window.webContents,
      isAppUrl: origin.isAppUrl,
    },
    log,
  })
  registerAppHandlers(ipc.handle, { version: app.getVersion(), platform: process.platform, openExternal })

  const window = createMainWindow({
    preloadPath: join(outDir, 'preload', 'index.cjs'),
    origin,
    isQuitting,
    openExternal,
    log,
  })
  const showWindow = (): void => bringToFront(window)
  onSecondInstance(showWindow)
  // macOS: clicking the Dock icon of a running app should show its window.
  app.on('activate', showWindow)

  const status = createStatusLine('Not connected')
  const tray = createTray({
    iconPath: trayIconPath({
      platform: process.platform,
      isPackaged: app.isPackaged,
      resourcesPath: process.resourcesPath,
      appPath: app.getAppPath(),
    }),
    status: status.get(),
    onOpen: showWindow,
    onQuit: () => app.quit(),
    log,
  })
  status.subscribe((text) => {
    tray.setStatus(text)
    send(window.webContents, 'app.statusChanged', { text })
  })
  // Every (re)load starts a renderer that has not heard the status yet; the load event comes
  // after its scripts have subscribed, so this one push is never missed.
  window.webContents.on('did-finish-load', () =>
    send(window.webContents, 'app.statusChanged', { text: status.get() }),
  )
}

main().catch((error: unknown) => {
  consoleLogger.error('Standby could not start', error)
  app.exit(1)
})
