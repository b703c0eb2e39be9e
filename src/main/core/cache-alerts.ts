/**
 * The notifications the cache's changes raise, each from its own service: a client's messages,
 * reminders and session alerts (on the platform's clock, since its sessions start by its time),
 * and the expert's standing.
 */
import type { Listeners } from '../../shared/listeners'
import { MessageAlerts } from './messages/message-alerts'
import type { PlatformClock } from './platform-clock/platform-clock'
import { ReminderScheduler } from './reminders/reminder-scheduler'
import type { StandbyCoreDeps } from './standby-core-deps'
import { StandingAlerts } from './standing/standing-alerts'
import type { CacheUpdate } from './sync/cache-push'

/** The services the core itself still talks to. */
export interface CacheAlerts {
  readonly messages: MessageAlerts
  readonly reminders: ReminderScheduler
}

/** Builds the alert services and has each hear every change of the cache, in this order. */
export function cacheAlerts(
  deps: StandbyCoreDeps,
  platformClock: PlatformClock,
  cacheChanged: Listeners<CacheUpdate>,
  windowFocused: () => boolean,
): CacheAlerts {
  const messages = new MessageAlerts({
    cache: deps.cache,
    clock: deps.clock,
    platformTime: platformClock.deadlines,
    notifier: deps.notifier,
    log: deps.log,
    windowFocused,
  })
  cacheChanged.add((update) => messages.cacheChanged(update))
  const reminders = new ReminderScheduler({
    clock: platformClock,
    cache: deps.cache,
    notifier: deps.notifier,
    power: deps.power,
    log: deps.log,
    enabled: deps.remindersEnabled ?? (() => true),
    formatTime: deps.formatTime,
  })
  cacheChanged.add((update) => reminders.cacheChanged(update))
  const standing = new StandingAlerts(deps.cache, {
    clock: platformClock,
    notifier: deps.notifier,
    log: deps.log,
  })
  cacheChanged.add((update) => standing.cacheChanged(update))
  platformClock.changes.add(() => reminders.refresh())
  return { messages, reminders }
}
