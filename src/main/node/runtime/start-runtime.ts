/**
 * Everything both hosts (Electron's main process and the browser shell) do the same way: open the
 * cache (telling the user once if it had to be rebuilt), build the core over the host's adapters
 * and the socket.io transport, and start it. Imports neither electron nor anything host-specific.
 */
import { answerIn } from '../../core/answered-invites'
import { cacheHolds } from '../../core/cache-holds'
import { availabilityToggle, type ToggledAvailability } from '../../core/tray/availability-toggle'
import { createAppApi, type AppApi, type HostInfo } from '../../core/app-api'
import { answeredBeforeQuit, refusedOnceClosed } from '../../core/ipc/closed-api'
import { suggestedPlatformUrl } from '../../../shared/platform-url'
import { oneNoticeOfAKind } from '../../core/one-notice-of-a-kind'
import { pageOpens, SIGN_IN_LIMITS, SIGN_IN_WORDS, type PageOpens } from '../../core/ipc/page-opens'
import { systemClock } from '../../../shared/clock'
import { attemptSettled } from '../../core/connection/attempt-settled'
import { NotificationActions } from '../../core/notification-actions'
import { PendingFocus } from '../../core/pending-focus'
import type { SettingsStore } from '../../core/ports/settings'
import type { LaunchAtLogin } from '../../core/settings/login-item'
import type { Updater } from '../../core/ports/updater'
import { StandbyCore } from '../../core/standby-core'
import type { StandbyCoreDeps } from '../../core/standby-core-deps'
import type { UpdatePolicy } from '../../core/update/update-policy'
import type { Shutdown } from '../../core/startup/shutdown'
import { openCache, type OpenedCache } from '../../db/open-cache'
import { rebuiltWhileRunning } from '../../db/rebuilt-while-running'
import type { SqliteCacheStore } from '../../db/sqlite-cache-store'
import { socketIoTransport } from '../socket-io-transport'
import { watchHostZone } from '../host-zone'
import { followUpdates } from './follow-updates'
import { focusTargetOf, forwardPushes, type PushSender } from './forward-pushes'
import { cacheRefusals, tellAtStart, tellCacheInMemory, tellCacheRebuilt } from './start-notices'

/** Sends one push event to the host's pages (forward-pushes.ts). */
export type { PushSender } from './forward-pushes'

/** The host's adapters and where the cache lives; those the core takes are passed on as they are. */
export interface RuntimeOptions extends Pick<
  StandbyCoreDeps,
  | 'clock'
  | 'power'
  | 'secrets'
  | 'notifier'
  | 'browser'
  | 'tray'
  | 'log'
  | 'timings'
  | 'linkClock'
  | 'random'
  | 'windowFocused'
> {
  readonly cachePath: string
  /** better-sqlite3's addon built for Electron; undefined in plain Node. */
  readonly nativeBinding?: string
  readonly settings: SettingsStore
  readonly host: HostInfo
  /** The updater the update policy drives: electron-updater, or the Node fake. */
  readonly updater: Updater
  /** Where the app can be downloaded by hand, shown when updating fails. */
  readonly manualDownloadUrl: string
  /** The launch-at-login setting as the host follows it (Settings says when it could not be done). */
  readonly launchAtLogin: LaunchAtLogin
  /**
   * Bounds what pages have the host open outside the app; a host that opens other things for its
   * pages too (Electron's `window.open`) passes the one it counts those with. Counted on `linkClock`.
   */
  readonly pageOpens?: PageOpens
  /**
   * Closes the runtime at a quit that may come while it still starts (the keychain can take its
   * time): the cache is closed cleanly then, not left for the next start to check.
   */
  readonly shutdown?: Pick<Shutdown, 'add'>
}

/** A running core with its API. */
export interface Runtime {
  readonly core: StandbyCore
  readonly api: AppApi
  readonly cache: SqliteCacheStore
  /** What presses on notifications do; the host's notifier reports them here. */
  readonly notificationActions: NotificationActions
  /** When to check, download and install updates; the tray and the window follow its state. */
  readonly updates: UpdatePolicy
  /** The tray's "Available for invites": sets it as the window does, and tells a failure. */
  readonly setAvailabilityFromTray: (availability: ToggledAvailability) => Promise<void>
  /**
   * Send the pages every push that comes from the core and the settings (the host adds its own
   * status line); returns the function that stops it.
   */
  forwardPushes(send: PushSender): () => void
  /** Stop the core and close the cache; once, however often it is called. */
  close(): void
}

/** Open the cache, build the core, start it. */
export async function startRuntime(given: RuntimeOptions): Promise<Runtime> {
  // Every notice of the runtime, not only the core's (a notification's button that fails), one of a kind.
  const options = { ...given, notifier: oneNoticeOfAKind(given.notifier) }
  const refusals = cacheRefusals(options)
  const open = (): OpenedCache =>
    openCache({
      path: options.cachePath,
      nativeBinding: options.nativeBinding,
      now: () => options.clock.now(),
      // A full check reads the whole file, so it costs more the larger the cache (`npm run bench --
      // cache` prints it): only after a run that did not close the cache, which close() below records,
      // or one that found it damaged.
      integrityCheck: 'after-unclean-exit',
      log: options.log,
      refused: (refusal) => refusals.tell(refusal),
    })
  const opened = open()
  tellAtStart(opened.rebuilt, options)
  if (opened.inMemory !== null) tellCacheInMemory(opened.inMemory, options)
  const runCache = rebuiltWhileRunning(opened, {
    path: options.cachePath,
    open,
    log: options.log,
    notifier: options.notifier,
    told: (rebuilt) => tellCacheRebuilt(rebuilt, options),
    left: () => refusals.left(),
    replaced: () => core.cacheReplaced('rebuilt'),
  })
  const cache = runCache.store
  // Before the core, so a wake reads the zone again before a reminder it sets off is written; the
  // core, once built, writes the tray again in the new zone.
  const stopFollowingZone = watchHostZone({
    clock: options.clock,
    power: options.power,
    log: options.log,
    // Never before the core and the updates are built: the watch first reads again a minute on, or at a wake.
    onChange: () => {
      core.timeZoneChanged()
      following.updates.timeZoneChanged()
    },
  })
  const core = new StandbyCore({
    clock: options.clock,
    power: options.power,
    secrets: options.secrets,
    notifier: options.notifier,
    browser: options.browser,
    tray: options.tray,
    cache,
    log: options.log,
    transport: socketIoTransport,
    timings: options.timings,
    linkClock: options.linkClock,
    random: options.random,
    windowFocused: options.windowFocused,
    remindersEnabled: () => options.settings.get().remindersEnabled,
    autoAway: () => {
      const { autoAwayEnabled, autoAwayMinutes } = options.settings.get()
      return { enabled: autoAwayEnabled, minutes: autoAwayMinutes }
    },
  })
  const stopFollowingSettings = options.settings.onSaved(() => core.presence.refresh())
  // A switch that turns back by itself a moment after the expert turned it needs a word of why;
  // told again (a disk that fills now and then), the notice takes its earlier self's place.
  const stopTellingUndone = options.settings.onUndone((body) =>
    options.notifier.show({
      kind: 'notice',
      title: 'Settings not saved',
      body,
      noticeId: 'settings-not-saved',
    }),
  )
  const following = followUpdates(core, cache, options)
  const { updates } = following
  let closed = false
  const isClosed = (): boolean => closed
  const close = (): void => {
    if (closed) return
    closed = true
    stopFollowingZone()
    stopFollowingSettings()
    stopTellingUndone()
    following.stop()
    core.stop()
    const said = runCache.close()
    if (said !== null) options.log.warn(said)
  }
  options.shutdown?.add('the offline cache and the connection', close)
  await core.start()
  const focus = new PendingFocus(() => core.signedInAs)
  // The host's suggestion comes from the environment: checked here once, for every host.
  const defaultPlatformUrl = suggestedPlatformUrl(options.host.info.defaultPlatformUrl, (sentence) =>
    options.log.warn(sentence),
  )
  const host = { ...options.host, info: { ...options.host.info, defaultPlatformUrl } }
  const api = createAppApi(core, host, {
    settings: options.settings,
    notifier: options.notifier,
    updates,
    launchAtLogin: options.launchAtLogin,
    focus,
    pageOpens: options.pageOpens ?? pageOpens(options.linkClock ?? systemClock, options.log),
    signInAttempts: pageOpens(options.linkClock ?? systemClock, options.log, SIGN_IN_LIMITS, SIGN_IN_WORDS),
    log: options.log,
  })
  // The window's own Join, Decline and Start handlers, so a press on a notification runs the same code.
  const notificationActions = new NotificationActions({
    // A command on its way as Standby quits is told as such, not as a sign-in that ended.
    commands: {
      accept: async (p) => answeredBeforeQuit(() => api['invites.accept'](p), isClosed),
      decline: async (p) => answeredBeforeQuit(() => api['invites.decline'](p), isClosed),
      start: async (p) => answeredBeforeQuit(() => api['sessions.join'](p), isClosed),
    },
    reminders: core.reminders,
    notifier: options.notifier,
    log: options.log,
    signedInAs: () => core.signedInAs,
    holds: (target) => cacheHolds(core.cache, target),
    connectionSettled: () =>
      attemptSettled({
        underWay: () => core.connecting,
        ends: [(wake) => core.welcomed.add(wake), (wake) => core.states.add(wake)],
      }),
    answered: (inviteId) => answerIn(core.cache.invite(inviteId)?.state),
    inviteRequest: (inviteId) => core.cache.invite(inviteId)?.request.id ?? null,
    closed: isClosed,
  })
  // Kept for a page that loads after the push (one the host creates for the press).
  notificationActions.focusRequests.add((request) => {
    const target = focusTargetOf(request)
    if (target !== null) focus.request(target)
  })
  // The expert who pressed is gone: what they asked for is not shown to whoever signs in next.
  core.states.add((state) => {
    if (state.status === 'signed_out') focus.clear()
  })
  return {
    core,
    // The pages' calls, refused once Standby is quitting: the cache they read is closed then.
    api: refusedOnceClosed(api, () => closed),
    cache,
    notificationActions,
    updates,
    setAvailabilityFromTray: availabilityToggle({
      set: async (availability) =>
        answeredBeforeQuit(() => api['availability.set']({ availability, onlineUntil: null }), isClosed),
      tell: (title, body) => notificationActions.tell(title, body),
      log: options.log,
      closed: isClosed,
      signedInAs: () => core.signedInAs,
    }),
    forwardPushes: (send) => forwardPushes(send, { core, cache, notificationActions, updates, options }),
    close,
  }
}
