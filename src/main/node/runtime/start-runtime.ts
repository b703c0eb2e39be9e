/**
 * Everything both hosts (Electron's main process and the browser shell) do the same way: open the
 * cache (telling the user once if it had to be rebuilt), build the core over the host's adapters
 * and the socket.io transport, and start it. Imports neither electron nor anything host-specific.
 */
import { answerIn } from '../../core/answered-invites'
import { cacheHolds } from '../../core/cache-holds'
import { availabilityToggle, type ToggledAvailability } from '../../core/tray/availability-toggle'
import {
  pushContract,
  type CacheChange,
  type FocusTarget,
  type PushEvent,
  type PushPayload,
} from '../../../shared/ipc/contract'
import { createAppApi, type AppApi, type HostInfo } from '../../core/app-api'
import { suggestedPlatformUrl } from '../../../shared/platform-url'
import { pageOpens, type PageOpens } from '../../core/ipc/page-opens'
import { systemClock } from '../../../shared/clock'
import { attemptSettled } from '../../core/connection/attempt-settled'
import { NotificationActions, type FocusRequest } from '../../core/notification-actions'
import { PendingFocus } from '../../core/pending-focus'
import { sameUnreadThreads, unreadPushes } from './unread-pushes'
import type { Logger } from '../../core/ports/logger'
import { appSettingsOf, type SettingsStore } from '../../core/ports/settings'
import type { LaunchAtLogin } from '../../core/settings/login-item'
import { settingsResetMessage } from '../../core/settings/settings-reset'
import type { Updater } from '../../core/ports/updater'
import { StandbyCore } from '../../core/standby-core'
import type { StandbyCoreDeps } from '../../core/standby-core-deps'
import { SESSION_MARGIN_MS } from '../../core/update/restart-safety'
import { UpdatePolicy } from '../../core/update/update-policy'
import { UPCOMING_SESSIONS_LISTED } from '../../../shared/ipc/list-limits'
import { cacheChangeOf } from '../../core/sync/cache-push'
import type { Shutdown } from '../../core/startup/shutdown'
import { openCache } from '../../db/open-cache'
import { watchedForDamage } from '../../db/damage-watch'
import { SqliteCacheStore } from '../../db/sqlite-cache-store'
import { socketIoTransport } from '../socket-io-transport'
import { watchHostZone } from '../host-zone'

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

/** Sends one push event to the host's pages. */
export type PushSender = <E extends PushEvent>(event: E, payload: PushPayload<E>) => void

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
export async function startRuntime(options: RuntimeOptions): Promise<Runtime> {
  const opened = openCache({
    path: options.cachePath,
    nativeBinding: options.nativeBinding,
    now: () => options.clock.now(),
    // A full check reads the whole file, so it costs more the larger the cache (`npm run bench --
    // cache` prints it): only after a run that did not close the cache, which close() below records.
    integrityCheck: 'after-unclean-exit',
  })
  if (opened.rebuilt !== null) {
    const { salvaged, pruned } = opened.rebuilt
    options.log.warn(
      `Cache rebuilt: ${opened.rebuilt.reason}; damaged copy kept at ${opened.rebuilt.damagedCopy}; ` +
        `${pruned.removed} older damaged ${pruned.removed === 1 ? 'copy' : 'copies'} removed` +
        (pruned.left.length === 0 ? '; ' : ` (could not remove ${pruned.left.join(', ')}); `) +
        `${salvaged.rows} marks of what was already shown carried over` +
        (salvaged.unreadable.length === 0
          ? ''
          : `; could not read ${salvaged.unreadable.join(', ')}, so some invites or reminders may show again`),
    )
    // Told once: the next start finds a healthy file and says nothing.
    options.notifier.show({ kind: 'notice', title: 'Offline cache rebuilt', body: opened.rebuilt.message })
  }
  const settingsReset = settingsResetMessage(options.settings.resetAtOpen ?? [])
  // Told once: the values went back to their defaults in the file, so the next start finds them valid.
  if (settingsReset !== null) {
    options.notifier.show({ kind: 'notice', title: 'Settings reset', body: settingsReset })
  }
  // Told at each start while it lasts: the file is left as it is, and nothing the expert changes is kept.
  if (options.settings.notKept !== undefined) {
    options.notifier.show({ kind: 'notice', title: 'Settings not kept', body: options.settings.notKept })
  }
  const cache = watchedForDamage(new SqliteCacheStore(opened.db, options.log), opened, options)
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
  const stopFollowingSettings = options.settings.onChange(() => core.presence.refresh())
  const following = followUpdates(core, cache, options)
  const { updates } = following
  let closed = false
  const close = (): void => {
    if (closed) return
    closed = true
    stopFollowingZone()
    stopFollowingSettings()
    following.stop()
    core.stop()
    const said = opened.close()
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
    log: options.log,
  })
  // The window's own Join, Decline and Start handlers, so a press on a notification runs the same code.
  const notificationActions = new NotificationActions({
    commands: {
      accept: async (p) => api['invites.accept'](p),
      decline: async (p) => api['invites.decline'](p),
      start: async (p) => api['sessions.join'](p),
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
    api,
    cache,
    notificationActions,
    updates,
    setAvailabilityFromTray: availabilityToggle({
      set: async (availability) => api['availability.set']({ availability, onlineUntil: null }),
      tell: (title, body) => notificationActions.tell(title, body),
      log: options.log,
    }),
    forwardPushes(send) {
      let version = 0
      const unread = unreadPushes(
        () => [...cache.unreadThreads(core.platformClock.deadlines.now())],
        (threads) => send('messages.unreadChanged', threads),
        sameUnreadThreads,
        options.log,
      )
      const offs = [
        core.states.add((state) => send('connection.stateChanged', state)),
        core.cacheChanged.add((update) =>
          send(
            'cache.changed',
            checkedCacheChange(
              cacheChangeOf(update, cache, ++version, core.platformClock.deadlines.now()),
              options.log,
            ),
          ),
        ),
        options.settings.onChange((settings) => send('settings.changed', appSettingsOf(settings))),
        options.launchAtLogin.changes.add((status) => send('settings.loginItemChanged', status)),
        core.platformClock.changes.add((clock) => send('clock.changed', clock)),
        notificationActions.focusRequests.add((request) => {
          const target = focusTargetOf(request)
          if (target !== null) send('focus.requested', target)
        }),
        notificationActions.notices.add((notice) => send('notices.shown', notice)),
        // Each change, an invite's time running out among them (the expiry watch's), moves the counts.
        core.cacheChanged.add(() => unread.changed()),
        core.threadsRead.add(() => unread.changed()),
        options.notifier.onHealthChange?.((health) => send('notifications.healthChanged', health)) ??
          (() => undefined),
        updates.changes.add((state) => send('updates.changed', state)),
      ]
      return () => {
        for (const off of offs) off()
        unread.stop()
      }
    },
    close,
  }
}

/** What the pages show for a focus request; the bare window has nothing to show in it. */
function focusTargetOf(request: FocusRequest): FocusTarget | null {
  const thread = request.kind !== 'window' && request.thread === true ? { thread: true as const } : {}
  if (request.kind === 'invite') return { kind: 'invite', inviteId: request.inviteId, ...thread }
  if (request.kind === 'session') return { kind: 'session', sessionId: request.sessionId, ...thread }
  return null
}

/**
 * The update policy over the host's updater, told what it follows: the first connection, the
 * platform's minimum version, the channel setting, and the sessions that hold a restart.
 */
function followUpdates(
  core: StandbyCore,
  cache: SqliteCacheStore,
  options: RuntimeOptions,
): { readonly updates: UpdatePolicy; stop(): void } {
  const updates = new UpdatePolicy({
    updater: options.updater,
    clock: options.clock,
    platformNow: () => core.platformClock.now(),
    // From a margin before now: a booked session just past its start still holds a restart.
    sessions: () =>
      cache.upcomingSessions(core.platformClock.now() - SESSION_MARGIN_MS, UPCOMING_SESSIONS_LISTED),
    channel: () => options.settings.get().updateChannel,
    power: options.power,
    notifier: options.notifier,
    log: options.log,
    manualDownloadUrl: options.manualDownloadUrl,
    random: options.random,
  })
  core.states.add((state) => {
    if (state.status === 'online') updates.connected()
  })
  core.welcomed.add((welcome) => updates.minimumVersion(welcome.minimumAppVersion ?? null))
  core.cacheChanged.add(() => updates.sessionsChanged())
  core.platformClock.changes.add(() => updates.sessionsChanged())
  const off = options.settings.onChange(() => updates.channelChanged())
  return {
    updates,
    stop() {
      off()
      updates.stop()
    },
  }
}

/**
 * The push as built, if the contract accepts it (bounded lists, entities that parse); else the
 * same version told as `full`, so the page reads the cache instead of showing what failed.
 */
function checkedCacheChange(change: CacheChange, log: Logger): CacheChange {
  const checked = pushContract['cache.changed'].safeParse(change)
  if (checked.success) return change
  log.warn(
    `A cache change could not be sent as it was (${checked.error.issues[0]?.message ?? 'invalid'}); the window reads the cache again instead.`,
  )
  return { version: change.version, full: true, invites: [], sessions: [], messages: [] }
}
