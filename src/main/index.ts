/**
 * The composition root of the main process: the one place that creates things and wires them
 * together. Importing it does nothing but call `main()`.
 */
import { app, protocol, session, shell, type WebContents } from 'electron'
import { join } from 'node:path'
import { createLoginItem, wasOpenedAtLogin } from './electron/adapters/login-item'
import { createElectronNotifier } from './electron/adapters/notifier'
import { createPowerMonitorPower } from './electron/adapters/power-monitor'
import { createSafeStorageSecrets } from './electron/adapters/safe-storage-secrets'
import { createElectronSettingsStore } from './electron/adapters/settings-store'
import { createAppOrigin } from './electron/app-origin'
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
import { createTray } from './electron/tray'
import { createInviteBadge } from './electron/invite-badge'
import { noticeClosedToTray } from './core/tray/closed-to-tray-notice'
import { createTrayFeed, STARTING_TRAY_STATUS, STARTING_TRAY_VIEW } from './core/tray/tray-feed'
import { startsHidden } from './node/start-hidden'
import { OVERLAY_FILES, trayIconPath, trayImageDir } from './node/tray-icon'
import { windowSlot } from './node/window-slot'
import { systemClock } from '../shared/clock'

/** Builds the app: single-instance lock, session security, the core, IPC, window, tray. */
async function main(): Promise<void> {
  const log = consoleLogger
  // A second copy quits before it creates anything; the first copy is told and shows itself.
  if (!claimSingleInstance()) return
  const isQuitting = trackQuitting()
  registerAppScheme(protocol)

  await app.whenReady()

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
  const platform = process.platform
  const windowOptions = { preloadPath: join(outDir, 'preload', 'index.cjs'), origin, openExternal, log }
  const images = {
    platform,
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    appPath: app.getAppPath(),
  }
  const badge = createInviteBadge({
    overlayPath: join(trayImageDir(images), OVERLAY_FILES[0]!.file),
    window: () => mainWindow.current(),
    log,
  })
  // Either window may be closed for good (the main window by its close button, the popover by
  // Alt+F4 or Cmd+W): each is made anew when next wanted, and nothing holds on to a destroyed one.
  const mainWindow = windowSlot(() => {
    const window = createMainWindow({
      ...windowOptions,
      isQuitting,
      onClosedToTray: () => noticeClosedToTray({ settings, notifier, platform, log }),
    })
    badge.applyTo(window)
    return window
  })
  const popover = windowSlot(() => createPopover(windowOptions))
  // A tray app lives on with no window open; without a listener Electron would quit here.
  app.on('window-all-closed', () => undefined)
  // Started at login or with --hidden, Standby sits in the tray: the window is built when asked for.
  if (!startsHidden({ argv: process.argv, wasOpenedAtLogin: wasOpenedAtLogin(platform) })) mainWindow.get()
  // The popover loads at once, so the first click shows a page that is already there.
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
  onSecondInstance(showWindow)
  // macOS: clicking the Dock icon of a running app should show its window.
  app.on('activate', showWindow)

  /**
   * Opens the popover on an open invite (null: on all of them). The page is told which invite to
   * show by the notifications' focus request where that exists; the popover lists them anyway.
   */
  const showInvite = (inviteId: string | null): void => {
    if (isQuitting()) return
    log.info(inviteId === null ? 'Showing the open invites' : `Showing invite ${inviteId}`)
    popover.get().open(tray.bounds())
  }
  const tray = createTray({
    iconPath: (state) => trayIconPath(images, state),
    view: STARTING_TRAY_VIEW,
    onOpen: showWindow,
    onQuit: () => app.quit(),
    onClick: (bounds) => popover.get().toggle(bounds),
    onShowInvite: showInvite,
    onAvailability: (availability) => {
      void started.runtime?.core
        .command('availability.set', { availability, onlineUntil: null })
        .then((outcome) => {
          if (!outcome.ok) log.warn(`Could not change availability from the tray: ${outcome.error.message}`)
        })
    },
    log,
  })
  // The tray follows the core's status at once, and the cache and platform clock once they exist.
  const trayFeed = createTrayFeed({
    initial: STARTING_TRAY_STATUS,
    clock: systemClock,
    show: (view) => {
      tray.show(view)
      badge.show(view.badgeCount)
    },
  })

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
  const notifier = createElectronNotifier({
    soundEnabled: () => settings.get().soundEnabled,
    onClick: () => showWindow(),
    onAction: (notification, action) => {
      if (action === 'join') joinFromNotification(notification)
    },
    log,
  })
  const runtime = await startRuntime({
    cachePath: join(userData, 'cache.db'),
    nativeBinding: nativeBindingForThisProcess(app.isPackaged, app.getAppPath()),
    clock: systemClock,
    power: createPowerMonitorPower(),
    secrets: createSafeStorageSecrets({ path: join(userData, 'sign-in.bin'), log }),
    notifier,
    tray: trayFeed,
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
    },
  })
  started.runtime = runtime
  trayFeed.follow(runtime.cache, runtime.core.platformClock)
  runtime.core.cacheChanged.add(() => trayFeed.refresh())
  runtime.core.platformClock.changes.add(() => trayFeed.refresh())
  registerAppApi(ipc.handle, runtime.api)
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
  app.on('will-quit', () => {
    trayFeed.stop()
    runtime.close()
  })
}

/** Settles once the app is up (or has given up); tests await it. */
export const started: Promise<void> = main().catch((error: unknown) => {
  consoleLogger.error('Standby could not start', error)
  app.exit(1)
})
