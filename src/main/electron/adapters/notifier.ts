/**
 * The core's Notifier as native notifications. What a click or "Join" does is the composition
 * root's business: this file only reports them.
 *
 * Every shown Notification is held until it closes (or is acted on). Electron keeps only a weak
 * reference to a main-process Notification, so a local one can be garbage-collected while still
 * on screen, and its click and action handlers are silently lost (electron/electron#16922,
 * #12690; Electron's own docs contrast getHistory() notifications, which survive GC). 'close' is
 * not guaranteed on every OS, so the number held is also capped.
 */
import { Notification, type NotificationConstructorOptions } from 'electron'
import type { Logger } from '../../core/ports/logger'
import type { AppNotification, Notifier } from '../../core/ports/notifier'

/** The action buttons this app offers. */
export type NotificationActionName = 'join'

/** What the notifier needs from the rest of the app. */
export interface ElectronNotifierOptions {
  /** Read at each notification, so a change in settings applies to the next one. */
  readonly soundEnabled: () => boolean
  /** The expert clicked the notification's body. */
  readonly onClick: (notification: AppNotification) => void
  /** The expert pressed an action button ("Join" on an instant invite). */
  readonly onAction: (notification: AppNotification, action: NotificationActionName) => void
  readonly log: Logger
  readonly platform?: NodeJS.Platform
}

/** How many shown notifications are held at most; the oldest is let go beyond that. */
export const MAX_HELD_NOTIFICATIONS = 50

/** "Join" is the first (and only) action. */
const JOIN_ACTION_INDEX = 0

/** Electron's notification buttons work on macOS (signed app, alert style) and Windows only. */
const PLATFORMS_WITH_ACTIONS: ReadonlySet<NodeJS.Platform> = new Set(['darwin', 'win32'])

/** The Notifier on Electron's Notification. */
export interface ElectronNotifier extends Notifier {
  /** How many shown notifications are held for their events (for tests and diagnostics). */
  readonly held: number
}

/** A Notifier on Electron's Notification. */
export function createElectronNotifier(options: ElectronNotifierOptions): ElectronNotifier {
  const { log } = options
  const withActions = PLATFORMS_WITH_ACTIONS.has(options.platform ?? process.platform)
  // Insertion-ordered, so the first entry is the oldest.
  const held = new Map<Notification, AppNotification>()
  let saidUnsupported = false

  const release = (notification: Notification): void => void held.delete(notification)
  const report = (what: string, call: () => void): void => {
    try {
      call()
    } catch (error) {
      log.error(`Handling a notification ${what} failed`, error)
    }
  }

  return {
    get held() {
      return held.size
    },
    show(appNotification) {
      if (!Notification.isSupported()) {
        if (!saidUnsupported) log.warn('This system does not support notifications; none will be shown')
        saidUnsupported = true
        return
      }
      if (appNotification.kind === 'invite_closed') {
        // The invite is gone (taken, expired, withdrawn, declined): its notification comes off the
        // screen and nothing new is shown, since the window's lists say what became of it.
        const stale = [...held].filter(
          ([, data]) => data.kind === 'invite' && data.inviteId === appNotification.inviteId,
        )
        for (const [shown] of stale) {
          shown.close()
          release(shown)
        }
        return
      }
      const notification = new Notification(
        notificationOptions(appNotification, { soundEnabled: options.soundEnabled(), withActions }),
      )
      held.set(notification, appNotification)
      if (held.size > MAX_HELD_NOTIFICATIONS) {
        const oldest = held.keys().next().value
        if (oldest !== undefined) release(oldest)
      }
      notification.on('click', () => {
        release(notification)
        report('click', () => options.onClick(appNotification))
      })
      notification.on('action', (details) => {
        release(notification)
        if (details.actionIndex === JOIN_ACTION_INDEX && hasJoinAction(appNotification)) {
          report('action', () => options.onAction(appNotification, 'join'))
        }
      })
      notification.on('close', () => release(notification))
      notification.on('failed', (_event, error) => {
        release(notification)
        log.warn(`A notification could not be shown: ${error}`)
      })
      notification.show()
    },
  }
}

function hasJoinAction(notification: AppNotification): boolean {
  return notification.kind === 'invite' && notification.instant
}

/**
 * Electron's options for a notification. Invites and reminders, which ask the expert to act, make
 * a sound when the setting allows; notices are always silent.
 */
export function notificationOptions(
  notification: AppNotification,
  context: { readonly soundEnabled: boolean; readonly withActions: boolean },
): NotificationConstructorOptions {
  const wantsAttention = notification.kind === 'invite' || notification.kind === 'reminder'
  const options: NotificationConstructorOptions = {
    title: notification.title,
    body: notification.body,
    silent: !(wantsAttention && context.soundEnabled),
  }
  if (notification.kind === 'invite') {
    // An instant invite is urgent; on Linux a critical notification stays until dismissed.
    options.urgency = notification.instant ? 'critical' : 'normal'
    if (notification.instant && context.withActions) options.actions = [{ type: 'button', text: 'Join' }]
  }
  return options
}
