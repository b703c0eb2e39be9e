/**
 * The services the core builds around the cache and the platform's clock, wired to each other and
 * to the core's listeners. Apart from standby-core.ts to keep it short; the core still owns the
 * state these services ask about (through `hooks`, read when they ask, never copied).
 */
import type { ConnectionState } from '../../shared/connection-state'
import type { Listeners } from '../../shared/listeners'
import { cacheAlerts } from './cache-alerts'
import { CacheRetention } from './cache-retention'
import { InviteExpiry } from './invites/invite-expiry'
import type { MessageAlerts } from './messages/message-alerts'
import type { CurrentConnection } from './platform-connection'
import type { PlatformClock } from './platform-clock/platform-clock'
import { AutoAway, type AutoAwayDeps } from './presence/auto-away'
import type { ReminderScheduler } from './reminders/reminder-scheduler'
import { RoomOpener } from './rooms/room-opener'
import type { StandbyCoreDeps } from './standby-core-deps'
import { changesExpert, type CacheUpdate } from './sync/cache-push'

/** The services the core talks to after building them. */
export interface CoreServices {
  readonly messageAlerts: MessageAlerts
  readonly reminders: ReminderScheduler
  readonly rooms: RoomOpener
  readonly inviteExpiry: InviteExpiry
  readonly retention: CacheRetention
  readonly presence: AutoAway
  /**
   * Start what runs from the cache, offline too: the reminders, auto-away, the watch on invites
   * running out (again at each wake) and the cache's retention.
   */
  start(): void
  /** Stop every service; the cache stays as it is. */
  stop(): void
}

/** What the services ask of the core: its listeners, its connection, and its state as it is now. */
export interface CoreHooks {
  readonly cacheChanged: Listeners<CacheUpdate>
  readonly states: Listeners<ConnectionState>
  readonly platform: CurrentConnection
  readonly windowFocused: () => boolean
  readonly signedIn: () => boolean
  readonly platformUrl: () => string | null
  readonly publishTray: () => void
  /** Sends the availability change auto-away asks for. */
  readonly sendAvailability: AutoAwayDeps['send']
}

/**
 * Builds the core's services and has each hear the listeners it follows. Listeners run in the
 * order they were added, so the order here is the order each change reaches them.
 */
export function coreServices(
  deps: StandbyCoreDeps,
  platformClock: PlatformClock,
  hooks: CoreHooks,
): CoreServices {
  const { cacheChanged, states, platform, publishTray } = hooks
  const alerts = cacheAlerts(deps, platformClock, cacheChanged, {
    windowFocused: hooks.windowFocused,
    signedIn: hooks.signedIn,
  })
  const rooms = new RoomOpener({
    browser: deps.browser,
    cache: deps.cache,
    log: deps.log,
    platformUrl: hooks.platformUrl,
  })
  // Notifications that stop reaching the expert put a warning on the tray at once.
  deps.notifier.onHealthChange?.(() => publishTray())
  const inviteExpiry = new InviteExpiry({
    cache: deps.cache,
    platformTime: platformClock.deadlines,
    // One watch for every view of an invite: the tray, the pages and its notification's Join.
    expired: (invites) => {
      publishTray()
      cacheChanged.emit({ kind: 'clock', invites })
      platform.sync?.invitesExpired(invites)
    },
    reopened: (invites) => {
      publishTray()
      cacheChanged.emit({ kind: 'clock', invites })
      platform.sync?.invitesReopened(invites)
    },
    log: deps.log,
  })
  platformClock.changes.add(() => inviteExpiry.check())
  const retention = new CacheRetention({
    cache: deps.cache,
    clock: deps.clock,
    platformTime: platformClock.deadlines,
    platformMeasured: () => platformClock.measuredSurely(),
    log: deps.log,
  })
  const presence = new AutoAway({
    clock: deps.clock,
    power: deps.power,
    settings: deps.autoAway ?? (() => ({ enabled: true, minutes: 10 })),
    expert: () => deps.cache.expert(),
    send: hooks.sendAvailability,
    log: deps.log,
  })
  // The expert's availability arrives with the cache; a request that failed offline is asked again
  // online. Only the expert's record matters: each invite or message would read it and the idle time.
  cacheChanged.add((update) => {
    if (changesExpert(update)) presence.refresh()
  })
  states.add(() => presence.refresh())
  /** Unsubscribes the expiry watch from the machine's wakes. */
  let stopWatchingWakes: () => void = () => {}
  return {
    messageAlerts: alerts.messages,
    reminders: alerts.reminders,
    rooms,
    inviteExpiry,
    retention,
    presence,
    start() {
      // Reminders run from the cache, so they fire offline too.
      alerts.reminders.start()
      presence.start()
      // A timer may stop while the machine sleeps: an invite may have run out unseen by it.
      stopWatchingWakes = deps.power.onResume(() => inviteExpiry.check())
      inviteExpiry.check()
      // Its first pass waits a while: never on the path to the first page.
      retention.start()
    },
    stop() {
      alerts.messages.stop()
      stopWatchingWakes()
      inviteExpiry.stop()
      retention.stop()
      presence.stop()
      alerts.reminders.stop()
    },
  }
}
