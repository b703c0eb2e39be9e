/**
 * The core's Notifier as native notifications. What a press does is the core's business
 * (core/notification-actions.ts): this file reports it, and keeps the OS's notification centre in
 * step with the app's lists (a closed invite's notification is removed at once, and so is a reminder
 * whose session no longer waits, and everything once the expert is gone: notification-take-down.ts;
 * what an earlier run left in macOS's Notification Center: notification-history.ts).
 *
 * Every shown Notification is held until it closes (or is acted on). Electron keeps only a weak
 * reference to a main-process Notification, so a local one can be garbage-collected while still
 * on screen, and its click and action handlers are silently lost (electron/electron#16922,
 * #12690; Electron's own docs contrast getHistory() notifications, which survive GC). 'close' is
 * not guaranteed on every OS, so the number held is also capped; past the cap the oldest is closed
 * (held-notifications.ts). A Windows toast whose time ran out, or whose banner the expert closed,
 * stays held in the Action Center (Electron's docs on 'close'), so it can still be taken out of it;
 * a press on it there is reported by windows-activations.ts (a second report, press-halves.ts).
 */
import { Notification } from 'electron'
import type { Logger } from '../../core/ports/logger'
import type {
  AppNotification,
  NotificationActivation,
  Notifier,
  NotifierHealth,
  ShownNotification,
} from '../../core/ports/notifier'
import { actionAt, notificationIdOf, notificationOptions, replacedBy } from './notification-options'
import { restoreFromHistory } from './notification-history'
import { notificationTakeDown } from './notification-take-down'
import { NOTIFICATIONS_FAILING, NOTIFICATIONS_UNSUPPORTED, TOASTS_STALLED } from './notification-advice'
import { PressHalves } from './press-halves'
import { HeldNotifications, MAX_HELD_NOTIFICATIONS, MOST_TOASTS_COMING } from './held-notifications'
import { holdWindowsActivations } from './windows-activations'
import { errorMessage } from '../../../shared/error-message'
import { systemClock, type Clock } from '../../../shared/clock'
import { ToastWatch, type SleepsAndWakes } from './toast-watch'
import { HealthLine } from './notifier-health'

/** What the notifier needs from the rest of the app. */
export interface ElectronNotifierOptions {
  /** Read at each notification, so a change in settings applies to the next one. */
  readonly soundEnabled: () => boolean
  /** The expert pressed a notification (body or button), in this run or, on Windows, an earlier one. */
  readonly onActivate: (activation: NotificationActivation) => void
  /** A notification could not be shown (the OS refused it, or has no notifications). */
  readonly onFailed: (notification: AppNotification) => void
  /**
   * The notification an earlier run showed for this invite, if it is still open (for a press on a
   * toast from before a restart); null once it closed.
   */
  readonly findInvite: (inviteId: string) => AppNotification | null
  /**
   * The notification of an invite the signed-in expert's cache holds in any state, for a button
   * pressed on an earlier run's toast whose invite closed (Windows); null when it holds none.
   */
  readonly findPressedInvite?: (inviteId: string) => AppNotification | null
  /** Whether the cache has this session for another request than an earlier run's reminder names: it is taken down. */
  readonly reminderForAnother?: (sessionId: string, requestId: string) => boolean
  readonly log: Logger
  readonly platform?: NodeJS.Platform
  /** Times how long a Windows toast may take to be told (toast-watch.ts); the system clock by default. */
  readonly clock?: Clock
  /** Windows: the computer's sleeps, which a toast's wait for Windows is not counted over (toast-watch.ts). */
  readonly power?: SleepsAndWakes
}

/** How many shown notifications are held at most (held-notifications.ts). */
export { MAX_HELD_NOTIFICATIONS } from './held-notifications'

/** Electron's notification buttons work on macOS (signed app, alert style) and Windows only. */
const PLATFORMS_WITH_ACTIONS: ReadonlySet<NodeJS.Platform> = new Set(['darwin', 'win32'])
/** Where the OS keeps notifications for the app's next run, which re-attaches to them (`restore`). */
const PLATFORMS_KEEPING_NOTIFICATIONS: ReadonlySet<NodeJS.Platform> = new Set(['darwin', 'win32'])

/** What to tell the expert when notifications fail or are missing (notification-advice.ts). */
export { NOTIFICATIONS_FAILING, NOTIFICATIONS_UNSUPPORTED, TOASTS_STALLED } from './notification-advice'

/** The Notifier on Electron's Notification. */
export interface ElectronNotifier extends Notifier {
  /** How many shown notifications are held for their events (for tests and diagnostics). */
  readonly held: number
  /** How many presses on Windows wait for their other report (for tests and diagnostics). */
  readonly halfReported: number
  /**
   * Re-attach to what an earlier run left, once the app can act on it: on macOS, `getHistory`
   * (a closed invite's notification is removed, an open one's presses are reported again); on
   * Windows, the presses handleActivation told since the notifier was made (the one that launched
   * the app too), and every one after.
   */
  restore(): Promise<void>
  /**
   * Standby quits. On Linux every notification it holds leaves the screen: its presses die with
   * this process and no later run hears them, so an invite's would stay (critical ones until
   * dismissed) naming a client with nothing behind a click. macOS and Windows hand them to the
   * next run (`restore`), so they stay.
   */
  quitting(): void
}

/** A Notifier on Electron's Notification. */
export function createElectronNotifier(options: ElectronNotifierOptions): ElectronNotifier {
  const { log } = options
  const platform = options.platform ?? process.platform
  const withActions = PLATFORMS_WITH_ACTIONS.has(platform)
  const held = new HeldNotifications()
  // Taken at once, each press kept until `restore` can answer it (windows-activations.ts).
  const activations =
    platform === 'win32'
      ? holdWindowsActivations(MAX_HELD_NOTIFICATIONS, (error) =>
          log.error('Answering a press on a notification failed', error),
        )
      : null
  const health = new HealthLine(
    Notification.isSupported()
      ? { status: 'ok' }
      : { status: 'unsupported', advice: NOTIFICATIONS_UNSUPPORTED },
    log,
  )
  const setHealth = (next: NotifierHealth): void => health.set(next)
  // A press on a toast waiting in the Action Center is heard through handleActivation, as one on a
  // toast let go is. So is one on every toast that ever went there, also once it is let go: its own
  // handlers may hear the same press after handleActivation has reported it.
  const wentToActionCenter = new WeakSet<Notification>()
  const release = (notification: Notification): void => held.release(notification)
  let leftAtQuit = false // Linux: the quit took every notification down; none is put up after it.
  // Windows: a toast untold past its bound means Windows makes none; what it carries is shown by
  // the app, unless it was taken down meanwhile.
  const toasts =
    platform === 'win32'
      ? new ToastWatch<Notification>(options.clock ?? systemClock, options.power, (toast) => {
          setHealth({ status: 'failing', advice: TOASTS_STALLED })
          const data = held.about.get(toast)
          if (data !== undefined) options.onFailed(data)
        })
      : null
  /** Its toast came up or failed: whether the app closed it meanwhile (held-notifications.ts). */
  const upOrFailed = (notification: Notification): boolean => {
    toasts?.told(notification)
    return held.upOrFailed(notification)
  }
  /**
   * Done with a notification the expert pressed or dismissed. macOS hands a press to the first
   * notification Electron still holds under the pressed one's id, and Electron lets go of one only
   * when its body is clicked or the app closes it: one whose button was pressed (Snooze) or that
   * was dismissed would hear the presses on the session's next reminder, with its own buttons.
   */
  const finished = (notification: Notification): void => {
    release(notification)
    if (platform === 'darwin') notification.close()
  }
  const { withdraw, withdrawReminder, withdrawAll, retract } = notificationTakeDown(held, platform)
  // On Windows a press on a held notification is reported twice: the second is not a new press.
  const halves = new PressHalves(MAX_HELD_NOTIFICATIONS)
  const report = (activation: NotificationActivation): void => {
    try {
      options.onActivate(activation)
    } catch (error) {
      log.error(`Handling a notification ${activation.action} failed`, error)
    }
  }
  /**
   * `buttonsKnown` is false for an earlier run's reminder, whose buttons depended on that moment:
   * any press on it opens its session.
   */
  const follow = (notification: Notification, data: AppNotification, buttonsKnown = true): void => {
    held.hold(notification, data)
    const pressed = (): void => {
      finished(notification)
      const id = notificationIdOf(data)
      if (platform === 'win32' && id !== null && !halves.isSecond(id, 'activation')) halves.first(id, 'own')
    }
    notification.on('click', () => {
      if (wentToActionCenter.has(notification)) return
      pressed()
      report({ action: 'open', notification: data })
    })
    notification.on('action', (details) => {
      // On Windows every button is heard by handleActivation first, which answers it
      // (windows-activations.ts): Electron hands it on to any object of the id, maybe an older one.
      if (platform === 'win32') return
      pressed()
      // A button this notification does not have (an index the OS made up, or one from a layout
      // since changed) opens what it is about: the expert pressed something and waits for it.
      const action = (buttonsKnown ? actionAt(data, details.actionIndex) : undefined) ?? 'open'
      report({ action, notification: data })
    })
    notification.on('close', (details) => {
      if (platform === 'win32' && details.reason !== 'applicationHidden') {
        held.inActionCenter.add(notification)
        wentToActionCenter.add(notification)
      } else finished(notification)
    })
    // One that shows again (after the expert allowed Standby, and sent a test) clears the warning.
    notification.on('show', () => {
      if (upOrFailed(notification)) notification.close()
      if (health.now.status === 'failing') setHealth({ status: 'ok' })
    })
    notification.on('failed', (_event, error) => {
      const takenDown = upOrFailed(notification)
      release(notification)
      log.warn(`A notification could not be shown: ${errorMessage(error)}`)
      setHealth({ status: 'failing', advice: NOTIFICATIONS_FAILING })
      // Taken down before it came up, what it told of is over; overdue, the app showed it: none opens.
      if (!takenDown && toasts?.wasOverdue(notification) !== true) options.onFailed(data)
    })
  }

  /** Follows what getHistory() answered, which Electron only observes (held-notifications.ts). */
  const followObserved: typeof follow = (notification, data, buttonsKnown) => {
    held.observed.add(notification)
    follow(notification, data, buttonsKnown)
  }

  return {
    get held() {
      return held.size
    },
    get halfReported() {
      return halves.size
    },
    health: () => health.now,
    onHealthChange: (listener) => health.onChange(listener),
    async restore() {
      activations?.answerWith({
        held: held.about,
        inActionCenter: held.inActionCenter,
        coming: held.coming,
        tookPlaceOf: held.tookPlaceOf,
        close: (matches) => held.close(matches),
        halves,
        release,
        report,
        findInvite: options.findInvite,
        findPressedInvite: options.findPressedInvite,
      })
      if (platform === 'darwin') await restoreFromHistory(options, followObserved, held.shownUnder)
    },
    quitting() {
      toasts?.stop()
      leftAtQuit = !PLATFORMS_KEEPING_NOTIFICATIONS.has(platform)
      if (leftAtQuit) held.close(() => true)
    },
    show(appNotification) {
      if (appNotification.kind === 'invite_closed') return retract(appNotification)
      if (appNotification.kind === 'notice_withdrawn') return withdraw(appNotification.noticeId)
      if (appNotification.kind === 'reminder_closed') return withdrawReminder(appNotification)
      if (appNotification.kind === 'all_withdrawn') return withdrawAll()
      if (health.now.status === 'unsupported') return options.onFailed(appNotification)
      // Shown after the quit took the others down, it would outlive every handler of its presses.
      if (leftAtQuit) return log.info(`A ${appNotification.kind} notification was not shown: Standby quits`)
      // Windows: a press told under the id before the newer toast is up is on the earlier one.
      const id = notificationIdOf(appNotification)
      const earlier = platform === 'win32' && id !== null ? held.pressableUnder(id) : undefined
      // A newer notification about the same thing takes the earlier one's place: the session's next
      // reminder, an invite shown again (a snapshot has its id for another request), a notice about
      // one condition told again (the test notification pressed twice, a catch-up failing again).
      // The earlier one is closed before the newer shows, not merely let go, also where the OS
      // would replace it by their shared id: macOS hands a press to the first notification Electron
      // still holds under that id, which would be the earlier one, with its buttons and words.
      held.close(replacedBy(appNotification))
      if (toasts !== null && (toasts.stalled || held.coming.size >= MOST_TOASTS_COMING)) {
        // None came up for a long while: Windows is making no toasts. The app shows this one
        // itself, and keeps the ones waiting, which it could not take down once let go.
        setHealth({ status: 'failing', advice: TOASTS_STALLED })
        return options.onFailed(appNotification)
      }
      const notification = create(appNotification)
      if (notification === null) return options.onFailed(appNotification)
      follow(notification, appNotification)
      // Windows puts the toast up later; one taken down meanwhile is closed as it comes up.
      if (platform === 'win32') held.awaitToast(notification, earlier)
      toasts?.shown(notification)
      notification.show()
    },
  }

  /**
   * The Notification for `data`, or null where Electron refuses to make one (it throws for options
   * the OS cannot carry, and before the app is ready): then it is told as one the OS refused.
   */
  function create(data: ShownNotification): Notification | null {
    try {
      return new Notification(
        notificationOptions(data, { soundEnabled: options.soundEnabled(), withActions, platform }),
      )
    } catch (error) {
      log.warn(`A notification could not be made: ${errorMessage(error)}`)
      return null
    }
  }
}
