/**
 * The composition root of the main process: the one place that creates things and wires them
 * together. Importing it does nothing but call `main()`.
 */
import { app, BrowserWindow, protocol, session } from 'electron'
import electronUpdater from 'electron-updater'
import { join } from 'node:path'
import { wasOpenedAtLogin } from './electron/adapters/login-item'
import { createProfileLoginItem } from './electron/profile-login-item'
import { createPowerMonitorPower } from './electron/adapters/power-monitor'
import { createSafeStorageSecrets } from './electron/adapters/safe-storage-secrets'
import { createElectronSettingsStore } from './electron/adapters/settings-store'
import { createAppUpdater } from './electron/app-updater'
import { createAppOrigin } from './electron/app-origin'
import { setAppMenu } from './electron/app-menu'
import { onOpenUrl, registerDeepLinkScheme } from './electron/deep-links'
import { receiveLaunchLink } from './core/deep-links/deep-link-argv'
import { createDeepLinkInbox } from './core/deep-links/deep-link-inbox'
import { registerAppScheme, serveAppProtocol } from './electron/app-protocol'
import { contentSecurityPolicy } from './node/content-security-policy'
import { followFocusRequests } from './electron/focus-requests'
import { APP_ID } from '../shared/app-id'
import { followLaunchAtLogin } from './core/settings/login-item'
import { nativeBindingForThisProcess } from './db/electron-native-binding'
import { registerAppApi } from './electron/ipc/app-handlers'
import { electronHost } from './electron/electron-host'
import { createIpcMain, send } from './electron/ipc/ipc-main'
import { createRefusalLog } from './core/ipc/refusal-log'
import { consoleLogger, type Logger } from './node/log'
import { createFileLogger } from './node/file-log'
import { failStartup } from './electron/startup-failure-dialog'
import { installLastResort } from './electron/last-resort'
import { createAppWindows } from './electron/app-windows'
import { keepWindowPlace } from './core/window-placement'
import { loadFirstFrameRenderer } from './node/renderer-pages/first-frame'
import { createRendererPages, type RendererPages } from './node/renderer-pages/renderer-pages'
import { trackQuitting } from './electron/quit-state'
import { quitOnSignals } from './electron/quit-on-signals'
import { createShutdown } from './core/startup/shutdown'
import { startRuntime, type Runtime } from './node/runtime/start-runtime'
import { secureEverySession } from './electron/session-security'
import { secureEveryWebContents } from './electron/web-contents-security'
import { logChildProcessEnds } from './electron/child-processes'
import { claimSingleInstance, onSecondInstance } from './electron/single-instance'
import { systemLinks } from './electron/link-after-quit'
import { createRelaunchAtQuit } from './electron/relaunch-at-quit'
import { manualDownloadUrl } from './node/update-feed'
import { closedToTrayNotice } from './core/tray/closed-to-tray-notice'
import { startsHidden } from './node/start-hidden'
import { OVERLAY_FILES, trayImageDir } from './node/tray-icon'
import { createAppTray } from './electron/app-tray'
import { createAppNotifier } from './electron/app-notifier'
import { createPageLinkOpeners } from './electron/page-link-openers'
import { runtimeDeepLinks } from './electron/runtime-deep-links'
import { systemClock } from '../shared/clock'
import { dropConsoleWriteErrors } from '../shared-node/console-gone'
import { errorMessage } from '../shared/error-message'

/** This run's log: the console until the log file is open, then both; a failed start reports through it. */
const logs: { log: Logger; path: string | null } = { log: consoleLogger, path: null }
/** Ends what the start has opened so far, as a quit does; a failed start calls it before it exits. */
const opened: { close: () => void } = { close: () => undefined }
/** Builds the app: single-instance lock, session security, the core, IPC, window, tray. */
async function main(): Promise<void> {
  // Before anything is logged: a terminal closed under the app must not make each line an error.
  dropConsoleWriteErrors({ stdout: process.stdout, stderr: process.stderr }, (line, error) =>
    logs.log.warn(line, error),
  )
  // A second copy quits before it creates anything; the first copy is told and shows itself.
  if (!claimSingleInstance()) return
  const log = createFileLogger({ dir: app.getPath('logs'), echo: consoleLogger })
  Object.assign(logs, { log, path: log.path })
  const quitting = trackQuitting()
  quitOnSignals(process, log)
  logChildProcessEnds(app, log)
  // A failed start exits without the quit's events: what reads "is this the end" must hear it too,
  // or the window the exit destroys would count as closed by the expert.
  let exiting = false
  const isQuitting = (): boolean => exiting || quitting()
  // Links wait here until the window and the cache exist; macOS may send one before 'ready'.
  const deepLinks = createDeepLinkInbox(log)
  // From here an error nothing caught goes to the redacted log, not to Electron's box with its
  // stack; the expert hears of it through a notification once the notifier exists.
  // One Standby at most starts again as this one quits, carrying what each part asked of it.
  const relaunch = createRelaunchAtQuit({ log, updater: () => electronUpdater.autoUpdater, links: deepLinks })
  const lastResort = installLastResort({
    userData: app.getPath('userData'),
    log,
    clock: systemClock,
    quitting: isQuitting,
    relaunch,
  })
  // From here on: a quit at any point of the start closes what was opened so far, once.
  const shutdown = createShutdown(log)
  app.on('will-quit', () => shutdown.run())
  // Last of all at the quit: a link held back in a burst stays for the Standby started after it.
  shutdown.add('the deep-link bursts', () => deepLinks.stop())
  opened.close = () => {
    exiting = true
    shutdown.run()
  }
  registerAppScheme(protocol)
  // A link during a quit opens in a Standby started after it (link-after-quit.ts), from macOS too.
  const links = systemLinks({ log, isQuitting, inbox: deepLinks, relaunch })
  onOpenUrl(app, (url) => links.receive(url, 'macOS'))
  receiveLaunchLink(process.argv, Date.now(), deepLinks, log)

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

  // Notifications can be pressed only once the runtime exists; until then there is nothing to act on.
  const started: { runtime?: Runtime } = {}
  const runtimeStarted = (): Runtime | undefined => started.runtime
  const downloadUrl = manualDownloadUrl(process.env, app.isPackaged ? process.resourcesPath : undefined)
  const { browser, openExternal, opensForPages, openForPage } = createPageLinkOpeners({
    platformUrl: () => started.runtime?.core.platformUrl ?? null,
    downloadUrl,
    log,
  })
  // Before the first window: every web contents is guarded as it is created.
  secureEveryWebContents(app, { isAppUrl: origin.isAppUrl, openExternal: openForPage, log: refusals })
  const platform = process.platform
  const windowOptions = {
    preloadPath: join(outDir, 'preload', 'index.cjs'),
    origin,
    openExternal: openForPage,
    log,
    logFolder: log.dir,
  }
  const images = {
    platform,
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    appPath: app.getAppPath(),
  }
  // Before the windows: the full window opens where the expert last left it.
  const settings = createElectronSettingsStore({ log })
  // Written after the windows close at a quit (added before them), and as a Windows logout begins.
  shutdown.add('the settings', () => settings.flush())
  const windows = createAppWindows({
    windowOptions: { ...windowOptions, onSessionEnd: () => settings.flush() },
    overlayPath: join(trayImageDir(images), OVERLAY_FILES[0]!.file),
    isQuitting,
    onClosedToTray: () => closedToTray(),
    windowPlace: {
      saved: () => settings.get().mainWindowPlace,
      keep: (place) => keepWindowPlace(settings, place, log),
    },
    log,
  })
  const { badge, popover, livePages, showWindow } = windows
  // A tray app lives on with no window open; without a listener Electron would quit here.
  app.on('window-all-closed', () => undefined)
  // Started at login, with --hidden or by a link (which shows what it names without the keyboard),
  // Standby sits in the tray: the window is built when asked for.
  const hidden = startsHidden({ argv: process.argv, wasOpenedAtLogin: wasOpenedAtLogin(platform) })
  // Shown focused, as the expert asked: a link that comes before its first frame, valid or
  // refused, leaves it so (a refusal is told by a notification).
  if (!hidden && !deepLinks.received()) showWindow()
  // The popover loads at once, so the first click shows a page that is already there.
  popover.get()

  const ipc = createIpcMain({
    policy: {
      isOwnWebContents: (contents) => livePages().includes(contents),
      isAppUrl: origin.isAppUrl,
    },
    log,
  })
  shutdown.add('the refusal logs', () => [refusals, ipc].forEach((bounded) => bounded.close()))
  // A second launch with a link (Windows, Linux) opens what it names, during a quit in a Standby started
  // after it; without one, the window, unless it too was to start in the tray (a second login entry).
  onSecondInstance((argv) => {
    if (!links.secondLaunch(argv) && !startsHidden({ argv, wasOpenedAtLogin: false })) showWindow()
  })
  // macOS: clicking the Dock icon of a running app should show its window.
  app.on('activate', showWindow)

  const appTray = createAppTray({
    images,
    windows: { badge, popover, showWindow },
    isQuitting,
    runtime: runtimeStarted,
    shutdown,
    log,
  })

  const userData = app.getPath('userData')
  const loginItem = createProfileLoginItem(log)
  const launchAtLogin = followLaunchAtLogin(settings, loginItem, log)
  // Back from the system's startup settings: the line under the switch says what they say now.
  app.on('browser-window-focus', () => void launchAtLogin.refresh())
  const followFocus = followFocusRequests({ ...windows, trayBounds: () => appTray.tray.bounds(), isQuitting })
  const power = createPowerMonitorPower(platform, log)
  const notifier = createAppNotifier({ settings, runtime: runtimeStarted, showWindow, power, log })
  // A Linux notification left on screen past the quit would outlive every handler of its presses.
  shutdown.add('the notifications', () => notifier.quitting())
  lastResort.tellThrough(notifier)
  const closedToTray = closedToTrayNotice({ settings, notifier, platform, log })
  // Stopped at the quit after the runtime (added later, so closed first): no wake reaches a closed core.
  shutdown.add('the power events', () => power.dispose())
  const runtime = await startRuntime({
    cachePath: join(userData, 'cache.db'),
    nativeBinding: nativeBindingForThisProcess(app.isPackaged, app.getAppPath()),
    clock: systemClock,
    power,
    secrets: createSafeStorageSecrets({
      path: join(userData, 'sign-in.bin'),
      owedPath: join(userData, 'revocations-owed.bin'),
      log,
    }),
    notifier,
    browser,
    tray: appTray.trayFeed,
    settings,
    // The updater class for this OS and package type; it acts only when the update policy says.
    // An update installed as Standby quits may rename the AppImage: the next login starts the new one.
    updater: createAppUpdater(log, (path) => loginItem.appImageMoved(path)),
    manualDownloadUrl: downloadUrl,
    launchAtLogin,
    pageOpens: opensForPages,
    shutdown,
    // Asked of Electron itself: a window closed while focused sends no word of losing the focus.
    windowFocused: () => BrowserWindow.getFocusedWindow() !== null,
    log,
    host: electronHost({
      openExternal,
      showWindow,
      logDir: log.dir,
      logProblem: () => log.problem(),
      env: process.env,
      log,
    }),
  })
  // A quit while the keychain answered has already closed the runtime: nothing is wired to it.
  if (shutdown.done) return
  started.runtime = runtime
  appTray.follow(runtime)
  runtime.notificationActions.focusRequests.add(followFocus)
  registerAppApi(ipc.handle, runtime.api)
  const linkTargets = runtimeDeepLinks(runtime, { isQuitting, power, notifier, popover, log, windows })
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
  appTray.offerUpdates(runtime)
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
    .catch((error: unknown) => log.warn(`Earlier notifications could not be read: ${errorMessage(error)}`))
}

/** Settles once the app is up (or has given up); tests await it. */
export const started: Promise<void> = main().catch((error: unknown) =>
  failStartup(error, { log: logs.log, logPath: logs.path, closeOpened: () => opened.close() }),
)
