/**
 * The pushes both hosts send their pages: every change the core, the settings, the updates and
 * the presses on notifications report, each as its push event (the host adds its own status line).
 */
import {
  pushContract,
  type CacheChange,
  type FocusTarget,
  type PushEvent,
  type PushPayload,
} from '../../../shared/ipc/contract'
import type { FocusRequest, NotificationActions } from '../../core/notification-actions'
import type { Logger } from '../../core/ports/logger'
import { appSettingsOf } from '../../core/ports/settings'
import { upcomingRemindersSent } from '../../core/app-api'
import type { StandbyCore } from '../../core/standby-core'
import { cacheChangeOf, changesSessions } from '../../core/sync/cache-push'
import type { UpdatePolicy } from '../../core/update/update-policy'
import type { SqliteCacheStore } from '../../db/sqlite-cache-store'
import type { RuntimeOptions } from './start-runtime'
import { sameUnreadThreads, unreadPushes } from './unread-pushes'

/** Sends one push event to the host's pages. */
export type PushSender = <E extends PushEvent>(event: E, payload: PushPayload<E>) => void

/** What the pushes come from: the running core and what was built beside it. */
export interface PushSources {
  readonly core: StandbyCore
  readonly cache: SqliteCacheStore
  readonly notificationActions: NotificationActions
  readonly updates: UpdatePolicy
  readonly options: Pick<RuntimeOptions, 'settings' | 'launchAtLogin' | 'notifier' | 'log'>
}

/** Send the pages every push that comes from `sources`; returns the function that stops it. */
export function forwardPushes(send: PushSender, sources: PushSources): () => void {
  const { core, cache, notificationActions, updates, options } = sources
  let version = 0
  const unread = unreadPushes(
    () => [...cache.unreadThreads(core.platformClock.deadlines.now())],
    (threads) => send('messages.unreadChanged', threads),
    sameUnreadThreads,
    options.log,
  )
  // Coalesced as the counts are: a plan that skips and shows several reminders sends one list.
  const sent = unreadPushes(
    () => upcomingRemindersSent(core),
    (list) => send('sessions.remindersSentChanged', list),
    (a, b) => JSON.stringify(a) === JSON.stringify(b),
    options.log,
    'Could not read which reminders were sent, for the cards',
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
    core.reminders.sent.changed.add(() => sent.changed()),
    // Only a change to the sessions moves the list: an invite or a message leaves it as it was.
    core.cacheChanged.add((update) => {
      if (changesSessions(update)) sent.changed()
    }),
    options.notifier.onHealthChange?.((health) => send('notifications.healthChanged', health)) ??
      (() => undefined),
    updates.changes.add((state) => send('updates.changed', state)),
  ]
  return () => {
    for (const off of offs) off()
    unread.stop()
    sent.stop()
  }
}

/** What the pages show for a focus request; the bare window has nothing to show in it. */
export function focusTargetOf(request: FocusRequest): FocusTarget | null {
  if (request.kind === 'window') return null
  const flags = {
    ...(request.thread === true ? { thread: true as const } : {}),
    ...(request.link === true ? { link: true as const } : {}),
  }
  if (request.kind === 'invite') return { kind: 'invite', inviteId: request.inviteId, ...flags }
  return { kind: 'session', sessionId: request.sessionId, ...flags }
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
