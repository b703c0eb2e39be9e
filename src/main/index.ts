/**
 * The composition root of the main process: the one place that creates things and wires them
 * together. Importing it does nothing but call `main()`.
 */
import { app, protocol, session, shell, type WebContents } from 'electron'
import { join } from 'node:path'
import { createLoginItem } from './electron/adapters/login-item'
import { createElectronNotifier } from './electron/adapters/notifier'
import { createPowerMonitorPower } from './electron/adapters/power-monitor'
import { createSafeStorageSecrets } from './electron/adapters/safe-storage-secrets'
import { createElectronSettingsStore } from './electron/adapters/settings-store'
import { trayStateOnStatusLine } from './electron/adapters/tray-state'
import { createAppOrigin } from './electron/app-origin'
import { onOpenUrl, registerDeepLinkScheme } from './electron/deep-links'
import { deepLinkInArgv } from './core/deep-links/deep-link-argv'
import { createDeepLinkInbox } from './core/deep-links/deep-link-inbox'
import { createShowItemSlot, itemToShow } from './core/deep-links/item-to-show'
import { registerAppScheme, serveAppProtocol } from './electron/app-protocol'
import { contentSecurityPolicy } from './node/content-security-policy'
import type { AppNotification } from './core/ports/notifier'
import { followLaunchAtLogin } from './core/settings/login-item'
import { nativeBindingForThisProcess } from './db/electron-native-binding'
import { appInfo, registerAppApi } from './electron/ipc/app-handlers'
import { createIpcMain, send } from './electron/ipc/ipc-main'
import { consoleLogger } from './node/log'
import { bringToFront, createMainWindow } from './electron/main-window'
import { createPopover } from './electron/popover-window'
import { loadFirstFrameRenderer } from './node/renderer-pages/first-frame'
import { createRendererPages, type RendererPages } from './node/renderer-pages/renderer-pages'
import { trackQuitting } from './electron/quit-state'
import { startRuntime, type Runtime } from './node/runtime/start-runtime'
import { enforceContentSecurityPolicy, denyPermissionRequests } from './electron/session-security'
import { claimSingleInstance, onSecondInstance } from './electron/single-instance'
import { createStatusLine } from './node/status-line'
import { createTray } from './electron/tray'
import { trayIconPath } from './node/tray-icon'
import { windowSlot } from './node/window-slot'
import { systemClock } from '../shared/clock'
import type { DeepLink } from '../shared/deep-link'

/** Builds the app: single-instance lock, session security, the core, IPC, window, tray. */
async function main(): Promise<void> {
  const log = consoleLogger
  // A second copy quits before it creates anything; the first copy is told and shows itself.
  if (!claimSingleInstance()) return
  const isQuitting = trackQuitting()
  registerAppScheme(protocol)
  // Links wait here until the window and the cache exist; macOS may send one before 'ready'.
  const deepLinks = createDeepLinkInbox(log)
  const itemsToShow = createShowItemSlot()
  onOpenUrl(app, (url) => deepLinks.receive(url, 'macOS'))
  const coldStartLink = deepLinkInArgv(process.argv)
  if (coldStartLink !== undefined) deepLinks.receive(coldStartLink, 'the command line')

  await app.whenReady()
  registerDeepLinkScheme(app, process, log)

  // electron-vite sets ELECTRON_RENDERER_URL when `electron-vite dev` serves the renderer.
  const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL']
  const outDir = join(import.meta.dirname, '..')
  const origin = createAppOrigin({ devServerUrl })
  // The windows load at once; their pages are answered once the cache is open (below).
  let pagesReady: (pages: RendererPages) => void = () => undefined
  const firstFrame = loadFirstFrameRenderer(join(outDir, 'first-frame', 'render-first-frame.mjs'), log)
  serveAppProtocol(protocol, {
    pages: new Promise((resolve) => (pagesReady = resolve)),
    locale: () => app.getLocale(),
  })
  enforceContentSecurityPolicy(session.defaultSession, contentSecurityPolicy({ devServerUrl }))
  denyPermissionRequests(session.defaultSession)

  const openExternal = (url: string): Promise<void> => shell.openExternal(url)
  const status = createStatusLine('Starting…')
  const windowOptions = { preloadPath: join(outDir, 'preload', 'index.cjs'), origin, openExternal, log }
  // Either window may be closed for good (Alt+F4 on the popover, the OS at session end): each is
  // made anew when next wanted, and nothing holds on to a destroyed one.
  const mainWindow = windowSlot(() => createMainWindow({ ...windowOptions, isQuitting }))
  const popover = windowSlot(() => createPopover(windowOptions))
  // A tray app lives on with no window open; without a listener Electron would quit here.
  app.on('window-all-closed', () => undefined)
  // Both load at once, so the first click shows a page that is already there.
  mainWindow.get()
  popover.get()
  /** The pages of the windows alive now. */
  const livePages = (): ReadonlyArray<WebContents> =>
    [mainWindow.current(), popover.current()?.window].flatMap((live) => (live ? [live.webContents] : []))

  const ipc = createIpcMain({
    policy: {
      isOwnWebContents: (contents) => livePages().includes(contents),
      isAppUrl: origin.isAppUrl,
    },
    log,
  })

  const showWindow = (): void => {
    // A quit is closing the windows: opening one now would only be torn down again.
    if (isQuitting()) return
    popover.current()?.window.hide()
    bringToFront(mainWindow.get())
  }
  // A second launch with a link (Windows, Linux) opens what it names; without one, the window.
  onSecondInstance((argv) => {
    const link = deepLinkInArgv(argv)
    if (link === undefined) showWindow()
    else deepLinks.receive(link, 'a second launch')
  })
  // macOS: clicking the Dock icon of a running app should show its window.
  app.on('activate', showWindow)

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
    onClick: (bounds) => popover.get().toggle(bounds),
    onAvailability: (availability) => {
      void started.runtime?.core
        .command('availability.set', { availability, onlineUntil: null })
        .then((outcome) => {
          if (!outcome.ok) log.warn(`Could not change availability from the tray: ${outcome.error.message}`)
        })
    },
    log,
  })
  // The window does not need the line: it shows the connection state and the invites it is made of.
  status.subscribe((text) => tray.setStatus(text))

  const userData = app.getPath('userData')
  const settings = createElectronSettingsStore({ log })
  followLaunchAtLogin(settings, createLoginItem({ log }))
  // Notifications can be clicked only once the runtime exists; until then there is nothing to join.
  const started: { runtime?: Runtime } = {}
  const joinFromNotification = (notification: AppNotification): void => {
    showWindow()
    if (notification.kind !== 'invite' || started.runtime === undefined) return
    void started.runtime.core
      .command('invite.accept', { inviteId: notification.inviteId, proposedTime: null })
      .then((outcome) => {
        if (!outcome.ok) log.warn(`Join from the notification failed: ${outcome.error.message}`)
      })
  }
  const runtime = await startRuntime({
    cachePath: join(userData, 'cache.db'),
    nativeBinding: nativeBindingForThisProcess(app.isPackaged, app.getAppPath()),
    clock: systemClock,
    power: createPowerMonitorPower(),
    secrets: createSafeStorageSecrets({ path: join(userData, 'sign-in.bin'), log }),
    notifier: createElectronNotifier({
      soundEnabled: () => settings.get().soundEnabled,
      onClick: () => showWindow(),
      onAction: (notification, action) => {
        if (action === 'join') joinFromNotification(notification)
      },
      log,
    }),
    tray: trayStateOnStatusLine(status),
    settings,
    log,
    host: {
      info: appInfo({
        version: app.getVersion(),
        platform: process.platform,
        defaultPlatformUrl: process.env['STANDBY_PLATFORM_URL'] ?? null,
      }),
      openExternal,
      showWindow,
      takeShowItem: () => itemsToShow.take(),
    },
  })
  started.runtime = runtime
  const showPresence = (): void => tray.setPresence(runtime.cache.expert())
  runtime.core.cacheChanged.add(showPresence)
  showPresence()
  registerAppApi(ipc.handle, runtime.api)
  /** Brings the window forward on one invite or session, or on the news that it is no longer open. */
  const showItem = (link: DeepLink): void => {
    if (isQuitting()) return
    showWindow()
    const item = itemToShow(link, runtime.cache)
    if (item === null) {
      log.info(`A link to ${link.kind} ${link.id} came while signed out: sign in, then open it again.`)
      return
    }
    send(mainWindow.get().webContents, 'app.showItem', itemsToShow.offer(item))
  }
  /** Shows one invite; the tray and deep links open invites through it. */
  const showInvite = (id: string): void => showItem({ kind: 'invite', id })
  /** Shows one booked or live session. */
  const showSession = (id: string): void => showItem({ kind: 'session', id })
  deepLinks.openWith((link) => (link.kind === 'invite' ? showInvite(link.id) : showSession(link.id)))
  pagesReady(
    createRendererPages({
      rendererDir: join(outDir, 'renderer'),
      renderFirstFrame: await firstFrame,
      api: runtime.api,
      inBrowser: false,
      log,
    }),
  )
  runtime.forwardPushes((event, payload) => {
    for (const page of livePages()) send(page, event, payload)
  })
  app.on('will-quit', () => runtime.close())
}

/** Settles once the app is up (or has given up); tests await it. */
export const started: Promise<void> = main().catch((error: unknown) => {
  consoleLogger.error('Standby could not start', error)
  app.exit(1)
})
