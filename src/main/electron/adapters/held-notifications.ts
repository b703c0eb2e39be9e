/**
 * The shown notifications the notifier holds, with what each is about (notifier.ts says why they
 * are held), and the bound on how many: the number held is capped as 'close' is not guaranteed on
 * every OS, and the app runs for days.
 */
import { Notification } from 'electron'
import { MOST_NOTIFICATIONS_HELD, type AppNotification } from '../../core/ports/notifier'
import { notificationIdOf } from './notification-options'

/** How many shown notifications are held at most; the oldest is closed beyond that. */
export const MAX_HELD_NOTIFICATIONS = MOST_NOTIFICATIONS_HELD

/**
 * Windows: how many toasts may wait to come up at once, those held and as many closed before they
 * came up. Windows makes them one after another, so this many waiting means it makes none.
 */
export const MOST_TOASTS_COMING = 2 * MAX_HELD_NOTIFICATIONS

/**
 * The held notifications: at most MAX_HELD_NOTIFICATIONS, the oldest closed past that, on every OS.
 * On Windows and Linux Electron closes a notification only through the object that showed it, so
 * one let go could never be taken down at a sign-out (a client's request left on screen for whoever
 * uses the computer next). On macOS one let go stays in Notification Center, and Electron still
 * hands it the presses on a newer notification of its id (a session's next reminder), with its own
 * buttons and words, or to no one once it is collected (Electron lets go only of one closed).
 */
export class HeldNotifications {
  /** What each held notification is about; insertion-ordered, so the first entry is the oldest. */
  readonly about = new Map<Notification, AppNotification>()
  /**
   * Windows: held toasts whose time on screen ran out or whose banner the expert closed. Each waits in the Action Center, where only
   * `close()` on its object removes it (a closed invite, a withdrawn reminder), so it stays held.
   */
  readonly inActionCenter = new Set<Notification>()
  /**
   * macOS: held notifications made by getHistory(), which Electron only observes: their `close()`
   * detaches them and leaves them in Notification Center, so closing one removes its id as well.
   */
  readonly observed = new WeakSet<Notification>()
  /**
   * Windows: shown toasts not yet up ('show' not heard), closed early or not. Electron makes each on
   * a background thread, and one closed before then comes up all the same, its object detached, so
   * nothing can take it down. Closing one of these waits for its 'show' (`closedEarly`), however
   * long: the notifier shows no more than MOST_TOASTS_COMING at a time instead.
   */
  readonly coming = new Set<Notification>()
  /** Windows: toasts closed before they came up, held until they do, and then closed. */
  readonly closedEarly = new Set<Notification>()
  /**
   * Windows: for a toast not up yet, what the toast of its id it took the place of was about. No
   * press can be on a toast not up: one told meanwhile under the id was on the earlier one, whose
   * buttons may be others (a reminder offers Start only once the start window is open).
   */
  readonly tookPlaceOf = new Map<Notification, AppNotification>()

  /** Windows: a toast shown, to come up later, taking the place of one about `earlier` (pressableUnder). */
  awaitToast(notification: Notification, earlier: AppNotification | undefined): void {
    this.coming.add(notification)
    if (earlier !== undefined) this.tookPlaceOf.set(notification, earlier)
  }

  /**
   * What a press on a toast of notification id `id` is on: the held toast's, or while that one is
   * not up, what it took the place of; undefined when none is held, or that is not known.
   */
  pressableUnder(id: string): AppNotification | undefined {
    const found = [...this.about].find(([, data]) => notificationIdOf(data) === id)
    if (found === undefined) return undefined
    const [shown, data] = found
    return this.coming.has(shown) ? this.tookPlaceOf.get(shown) : data
  }

  /**
   * Its toast came up, or never will (it failed): whether the app closed it meanwhile, and so
   * closes it now.
   */
  upOrFailed(notification: Notification): boolean {
    this.coming.delete(notification)
    this.tookPlaceOf.delete(notification)
    return this.closedEarly.delete(notification)
  }

  /** What the held notification with this OS id is about, if one is held. */
  readonly shownUnder = (id: string): AppNotification | undefined =>
    [...this.about].find(([shown]) => shown.id === id)?.[1]

  /** How many are held. */
  get size(): number {
    return this.about.size
  }

  /** Holds a notification about `data`; past the cap the oldest leaves the screen. */
  hold(notification: Notification, data: AppNotification): void {
    this.about.set(notification, data)
    if (this.about.size <= MAX_HELD_NOTIFICATIONS) return
    const oldest = this.about.keys().next().value
    if (oldest !== undefined) this.closeOne(oldest)
  }

  /** Lets go of a held notification (it closed, was acted on, or another took its place). */
  release(notification: Notification): void {
    this.about.delete(notification)
    this.inActionCenter.delete(notification)
  }

  /** Closes the held notifications `matches` accepts, and lets them go. */
  close(matches: (data: AppNotification) => boolean): void {
    for (const [shown, data] of [...this.about]) if (matches(data)) this.closeOne(shown)
  }

  /**
   * Closes a held notification and lets it go. One Electron only observes leaves Notification
   * Center by its id, unless another held notification carries that id (this run's own, which
   * getHistory() answered too): closing that one takes it down.
   */
  private closeOne(notification: Notification): void {
    if (this.coming.has(notification)) {
      this.closedEarly.add(notification)
      this.release(notification)
      return
    }
    notification.close()
    this.release(notification)
    if (!this.observed.has(notification)) return
    if ([...this.about.keys()].some((other) => other.id === notification.id)) return
    Notification.remove(notification.id)
  }
}
