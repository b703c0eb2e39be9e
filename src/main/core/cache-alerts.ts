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

/**
 * Builds the alert services and has each hear every change of the cache, in this order. While no
 * one is `signedIn` (the platform refused the token and the cache is kept for signing in again, or a
 * sign-out could not empty it), reminders are not shown: they would tell whoever is at the computer
 * of the clients of an expert who is gone. Nor are they marked: the expert back hears them late.
 */
export function cacheAlerts(
  deps: StandbyCoreDeps,
  platformClock: PlatformClock,
  cacheChanged: Listeners<CacheUpdate>,
  state: { readonly windowFocused: () => boolean; readonly signedIn: () => boolean },
): CacheAlerts {
  const { windowFocused, signedIn } = state
  const remindersEnabled = deps.remindersEnabled ?? (() => true)
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
    enabled: remindersEnabled,
    signedIn,
    firstMeasureWait: () => platformClock.firstMeasureWait(),
    timeMeasured: () => platformClock.measuredSurely(),
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
  platformClock.borneOut.add(() => reminders.refresh())
  return { messages, reminders }
}
