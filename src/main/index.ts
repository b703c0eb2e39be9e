/**
 * The composition root of the main process: the one place that creates things and wires them
 * together. Importing it does nothing but call `main()`.
 */
import { app, BrowserWindow, protocol, session } from 'electron'
import electronUpdater from 'electron-updater'
import { join } from 'node:path'
import { createLoginItem, wasOpenedAtLogin } from './electron/adapters/login-item'
import { createElectronNotifier } from './electron/adapters/notifier'
import { createPowerMonitorPower } from './electron/adapters/power-monitor'
import { createSafeStorageSecrets } from './electron/adapters/safe-storage-secrets'
import { askToOpenLink, createSystemBrowser } from './electron/adapters/system-browser'
import { createElectronSettingsStore } from './electron/adapters/settings-store'
import { createElectronUpdater } from './electron/adapters/electron-updater'
import { createAppOrigin } from './electron/app-origin'
import { setAppMenu } from './electron/app-menu'
import { onOpenUrl, registerDeepLinkScheme } from './electron/deep-links'
import { cacheHolds } from './core/cache-holds'
import { deepLinkInArgv } from './core/deep-links/deep-link-argv'
import { createDeepLinkInbox } from './core/deep-links/deep-link-inbox'
import { deepLinkTargets } from './core/deep-links/deep-link-targets'
import { registerAppScheme, serveAppProtocol } from './electron/app-protocol'
import { contentSecurityPolicy } from './node/content-security-policy'
import { drawAttention } from './electron/attention'
import type { FocusRequest } from './core/notification-actions'
import { APP_ID } from '../shared/app-id'
import { followLaunchAtLogin } from './core/settings/login-item'
import { nativeBindingForThisProcess } from './db/electron-native-binding'
import { appInfo, registerAppApi } from './electron/ipc/app-handlers'
import { createIpcMain, send } from './electron/ipc/ipc-main'
import { pageLinkOpener } from './core/ipc/page-links'
import { pageOpens } from './core/ipc/page-opens'
import { createRefusalLog } from './core/ipc/refusal-log'
import { consoleLogger, type Logger } from './node/log'
import { createFileLogger } from './node/file-log'
import { createElectronLogFolder } from './electron/adapters/log-folder'
import { createCalendarApp } from './electron/adapters/calendar-app'
import { failStartup } from './electron/startup-failure-dialog'
import { installLastResort } from './electron/last-resort'
import { RELAUNCHED_AFTER_ERROR_FLAG, RELAUNCHED_NOTICE } from './core/startup/last-resort'
import type { Notifier } from './core/ports/notifier'
import { createAppWindows } from './electron/app-windows'
import { keepWindowPlace } from './core/window-placement'
import { loadFirstFrameRenderer } from './node/renderer-pages/first-frame'
import { createRendererPages, type RendererPages } from './node/renderer-pages/renderer-pages'
import { trackQuitting } from './electron/quit-state'
import { createShutdown } from './core/startup/shutdown'
import { startRuntime, type Runtime } from './node/runtime/start-runtime'
import { secureEverySession } from './electron/session-security'
import { secureEveryWebContents } from './electron/web-contents-security'
import { claimSingleInstance, onSecondInstance } from './electron/single-instance'
import { runningAppImage } from './node/app-image'
import { createTray } from './electron/tray'
import { manualDownloadUrl } from './node/update-feed'
import { closedToTrayNotice } from './core/tray/closed-to-tray-notice'
import { createTrayFeed, STARTING_TRAY_STATUS, STARTING_TRAY_VIEW } from './core/tray/tray-feed'
import { startsHidden } from './node/start-hidden'
import { OVERLAY_FILES, trayIconPath, trayImageDir } from './node/tray-icon'
import { systemClock } from '../shared/clock'

/** This run's log: the console until the log file is open, then both; a failed start reports through it. */
const logs: { log: Logger; path: string | null } = { log: consoleLogger, path: null }
/** Ends what the start has opened so far, as a quit does; a failed start calls it before it exits. */
const opened: { close: () => void } = { close: () => undefined }

/** Builds the app: single-instance lock, session security, the core, IPC, window, tray. */
async function main(): Promise<void> {
  // A second copy quits before it creates anything; the first copy is told and shows itself.
  if (!claimSingleInstance()) return
  const log = createFileLogger({ dir: app.getPath('logs'), echo: consoleLogger })
  Object.assign(logs, { log, path: log.path })
  const quitting = trackQuitting()
  // A failed start exits without the quit's events: what reads "is this the end" must hear it too,
  // or the window the exit destroys would count as closed by the expert.
  let exiting = false
  const isQuitting = (): boolean => exiting || quitting()
  // From here an error nothing caught goes to the redacted log, not to Electron's box with its
  // stack; the expert hears of it through a notification once the notifier exists.
  const lastResortTells: { notifier?: Notifier } = {}
  installLastResort({
    userData: app.getPath('userData'),
    log,
    clock: systemClock,
    quitting: isQuitting,
    updater: () => electronUpdater.autoUpdater,
    tell: (notice) => lastResortTells.notifier?.show(notice),
  })
  // From here on: a quit at any point of the start closes what was opened so far, once.
  const shutdown = createShutdown(log)
  app.on('will-quit', () => shutdown.run())
  opened.close = () => {
    exiting = true
    shutdown.run()
  }
  registerAppScheme(protocol)
  // Links wait here until the window and the cache exist; macOS may send one before 'ready'.
  const deepLinks = createDeepLinkInbox(log)
  onOpenUrl(app, (url) => deepLinks.receive(url, 'macOS'))
  const coldStartLink = deepLinkInArgv(process.argv)
  if (coldStartLink !== undefined) deepLinks.receive(coldStartLink, 'the command line')

  // Windows files toasts under this id; it must be the installer's, or presses on them get lost.
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID)
  await app.whenReady()
  // Quit before it was ready (the process ends with the quit): nothing more is opened.
  if (shutdown.done) return
  registerDeepLinkScheme(app, process, log)
  // A packaged build replaces Electron's default menu, which opens developer tools and reloads pages.
  setAppMenu(app.isPackaged)

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
  // What pages try and are refused costs a bounded number of log lines, as refused IPC calls do.
  const refusals = createRefusalLog(log, systemClock)
  // Every session, also one a library or a guest makes later: the CSP, no permissions, devices or downloads.
  secureEverySession(app, session.defaultSession, {
    policy: contentSecurityPolicy({ devServerUrl }),
    log: refusals,
  })

  const browser = createSystemBrowser()
  // Notifications can be pressed only once the runtime exists; until then there is nothing to act on.
  const started: { runtime?: Runtime } = {}
  const downloadUrl = manualDownloadUrl(process.env, app.isPackaged ? process.resourcesPath : undefined)
  // A page's link opens at once on the platform or the download page; elsewhere once the expert says so.
  const openExternal = pageLinkOpener({
    open: (url) => browser.open(url),
    ask: askToOpenLink,
    platformUrl: () => started.runtime?.core.platformUrl ?? null,
    alsoTrusted: [downloadUrl],
    log,
  })
  // What pages have opened outside the app, by a call or by window.open alike, within one bound.
  const opensForPages = pageOpens(systemClock, log)
  const openForPage = (url: string): Promise<void> => {
    const refusal = opensForPages.take('open the link')
    return refusal === null ? openExternal(url) : Promise.reject(new Error(refusal))
  }
  // Before the first window: every web contents is guarded as it is created.
  secureEveryWebContents(app, { isAppUrl: origin.isAppUrl, openExternal: openForPage, log: refusals })
  const platform = process.platform
  const windowOptions = {
    preloadPath: join(outDir, 'preload', 'index.cjs'),
    origin,
    openExternal: openForPage,
    log,
  }
  const images = {
    platform,
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    appPath: app.getAppPath(),
  }
  // Before the windows: the full window opens where the expert last left it.
  const settings = createElectronSettingsStore({ log })
  const { badge, mainWindow, popover, livePages, showWindow } = createAppWindows({
    windowOptions,
    overlayPath: join(trayImageDir(images), OVERLAY_FILES[0]!.file),
    isQuitting,
    onClosedToTray: () => closedToTray(),
    windowPlace: {
      saved: () => settings.get().mainWindowPlace,
      keep: (place) => keepWindowPlace(settings, place, log),
    },
    log,
  })
  // A tray app lives on with no window open; without a listener Electron would quit here.
  app.on('window-all-closed', () => undefined)
  // Started at login or with --hidden, Standby sits in the tray: the window is built when asked for.
  if (!startsHidden({ argv: process.argv, wasOpenedAtLogin: wasOpenedAtLogin(platform) })) mainWindow.get()
  // The popover loads at once, so the first click shows a page that is already there.
  popover.get()

  const ipc = createIpcMain({
    policy: {
      isOwnWebContents: (contents) => livePages().includes(contents),
      isAppUrl: origin.isAppUrl,
    },
    log,
  })

  // A second launch with a link (Windows, Linux) opens what it names; without one, the window,
  // unless it too was to start in the tray (a second login entry, a desktop restoring its session).
  onSecondInstance((argv) => {
    const link = deepLinkInArgv(argv)
    if (link !== undefined) deepLinks.receive(link, 'a second launch')
    else if (!startsHidden({ argv, wasOpenedAtLogin: false })) showWindow()
  })
  // macOS: clicking the Dock icon of a running app should show its window.
  app.on('activate', showWindow)

  /** Opens the popover on an open invite (its main button focused), or on all of them (null). */
  const showInvite = (inviteId: string | null): void => {
    if (isQuitting()) return
    const actions = started.runtime?.notificationActions
    // One way to open the popover on an invite: the same focus request a notification makes.
    if (inviteId !== null && actions !== undefined) {
      actions.focusRequests.emit({ kind: 'invite', inviteId, attention: false })
      return
    }
    popover.get().open(tray.bounds())
  }
  const tray = createTray({
    iconPath: (state) => trayIconPath(images, state),
    view: STARTING_TRAY_VIEW,
    onOpen: showWindow,
    onQuit: () => app.quit(),
    // A quit is closing the windows: a popover built now would only be torn down again.
    onClick: (bounds) => {
      if (!isQuitting()) popover.get().toggle(bounds)
    },
    onShowInvite: showInvite,
    onAvailability: (availability) => void started.runtime?.setAvailabilityFromTray(availability),
    log,
  })
  // Windows keeps an icon its app did not remove until the pointer passes over it: after a restart
  // to update, beside the new one.
  shutdown.add('the tray icon', () => tray.destroy())
  // The tray follows the core's status at once, and the cache and platform clock once they exist.
  const trayFeed = createTrayFeed({
    initial: STARTING_TRAY_STATUS,
    clock: systemClock,
    show: (view) => {
      tray.show(view)
      badge.show(view.badgeCount)
    },
    log,
  })
  shutdown.add('the tray status', () => trayFeed.stop())

  const userData = app.getPath('userData')
  const loginItem = createLoginItem({ log })
  const launchAtLogin = followLaunchAtLogin(settings, loginItem)
  const followFocus = (request: FocusRequest): void => {
    if (isQuitting()) return
    // The page hears which invite or session through the 'focus.requested' push (forwardPushes
    // below), or asks for it once it loads ('focus.take').
    if (request.kind !== 'invite' || request.thread === true) return showWindow()
    popover.get().open(tray.bounds())
    if (request.attention) drawAttention(mainWindow.current())
  }
  const notifier = createElectronNotifier({
    soundEnabled: () => settings.get().soundEnabled,
    // A press before the core can act on one (a notice shown while the keychain answers, such as
    // "Standby is still running") opens the window rather than doing nothing.
    onActivate: (activation) =>
      started.runtime === undefined
        ? showWindow()
        : void started.runtime.notificationActions.activate(activation),
    onFailed: (notification) => started.runtime?.notificationActions.notificationFailed(notification),
    findInvite: (inviteId) => started.runtime?.core.earlierInvite(inviteId) ?? null,
    findPressedInvite: (inviteId) => started.runtime?.core.heldInvite(inviteId) ?? null,
    log,
  })
  // A Linux notification left on screen past the quit would outlive every handler of its presses.
  shutdown.add('the notifications', () => notifier.quitting())
  lastResortTells.notifier = notifier
  if (process.argv.includes(RELAUNCHED_AFTER_ERROR_FLAG)) notifier.show(RELAUNCHED_NOTICE)
  const closedToTray = closedToTrayNotice({ settings, notifier, platform, log })
  const power = createPowerMonitorPower(process.platform, log)
  const runtime = await startRuntime({
    cachePath: join(userData, 'cache.db'),
    nativeBinding: nativeBindingForThisProcess(app.isPackaged, app.getAppPath()),
    clock: systemClock,
    power,
    secrets: createSafeStorageSecrets({ path: join(userData, 'sign-in.bin'), log }),
    notifier,
    browser,
    tray: trayFeed,
    settings,
    // The updater class for this OS and package type; it acts only when the update policy says.
    updater: createElectronUpdater({
      updater: electronUpdater.autoUpdater,
      log,
      // On Linux only the AppImage replaces itself; an APPIMAGE inherited from another app's does not count.
      packageManaged:
        app.isPackaged &&
        process.platform === 'linux' &&
        runningAppImage(process.env, process.execPath) === undefined,
      // An update installed as Standby quits may rename the AppImage: the next login starts the new one.
      onAppImageMoved: (path) => loginItem.appImageMoved(path),
    }),
    manualDownloadUrl: downloadUrl,
    launchAtLogin,
    pageOpens: opensForPages,
    shutdown,
    // Asked of Electron itself: a window closed while focused sends no word of losing the focus.
    windowFocused: () => BrowserWindow.getFocusedWindow() !== null,
    log,
    host: {
      info: appInfo({
        version: app.getVersion(),
        platform: process.platform,
        defaultPlatformUrl: process.env['STANDBY_PLATFORM_URL'] ?? null,
      }),
      openExternal,
      showWindow,
      logs: createElectronLogFolder(log.dir, log),
      calendar: createCalendarApp({ log }),
    },
  })
  // A quit while the keychain answered has already closed the runtime: nothing is wired to it.
  if (shutdown.done) return
  started.runtime = runtime
  trayFeed.follow(runtime.cache, runtime.core.platformClock)
  runtime.core.cacheChanged.add(() => trayFeed.changed())
  runtime.core.threadsRead.add(() => trayFeed.changed())
  runtime.core.platformClock.changes.add(() => trayFeed.refresh())
  runtime.notificationActions.focusRequests.add(followFocus)
  registerAppApi(ipc.handle, runtime.api)
  const linkTargets = deepLinkTargets({
    live: () => !isQuitting(),
    // The cache keeps a signed-out expert's rows (a refused token, no saved sign-in): a link waits
    // for the sign-in, as the pages show only the sign-in form meanwhile.
    signedIn: () => runtime.core.connection.status !== 'signed_out' && runtime.cache.expert() !== null,
    signedOut: () => runtime.core.connection.status === 'signed_out',
    holds: (link) =>
      cacheHolds(runtime.cache, link.kind === 'invite' ? { inviteId: link.id } : { sessionId: link.id }),
    // Connected and caught up, or so as far as anyone knows while a probe is out.
    caughtUp: () => ['online', 'checking'].includes(runtime.core.connection.status),
    unreachable: () => ['offline', 'reconnecting'].includes(runtime.core.connection.status),
    clock: systemClock,
    power,
    focus: (request) => runtime.notificationActions.focusRequests.emit(request),
    notice: (notice) => runtime.notificationActions.notices.emit(notice),
    notifier,
    showWindow,
    log,
  })
  deepLinks.openWith(linkTargets)
  const renderFirstFrame = await firstFrame
  if (shutdown.done) return
  pagesReady(
    createRendererPages({
      rendererDir: join(outDir, 'renderer'),
      renderFirstFrame,
      api: runtime.api,
      inBrowser: false,
      log,
    }),
  )
  const restartToUpdate = (): void => {
    const outcome = runtime.updates.restart()
    if (!outcome.ok) log.info(`Restart to update waits: ${outcome.message}`)
  }
  const offerRestart = (): void =>
    tray.setUpdateAction(runtime.updates.state.canRestart ? restartToUpdate : null)
  runtime.updates.changes.add(offerRestart)
  offerRestart()
  runtime.forwardPushes((event, payload) => {
    for (const page of livePages()) send(page, event, payload)
  })
  // A link kept for a sign-in or its first catch-up opens once the cache knows the expert; after
  // the pushes, so the pages hear the data before the ask to show it.
  runtime.core.cacheChanged.add(() => linkTargets.retry())
  runtime.core.states.add(() => linkTargets.retry())
  // What an earlier run left in the notification centre follows the invites as they are now; last,
  // so a press replayed at once (the toast that launched the app) reaches the windows too.
  void notifier
    .restore()
    .catch((error: unknown) => log.warn(`Earlier notifications could not be read: ${String(error)}`))
}

/** Settles once the app is up (or has given up); tests await it. */
export const started: Promise<void> = main().catch((error: unknown) =>
  failStartup(error, { log: logs.log, logPath: logs.path, closeOpened: () => opened.close() }),
)
