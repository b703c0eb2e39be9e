/**
 * The notifications an earlier run left on screen, looked up for the host when it re-attaches to
 * them or hears a press on one (the invites' made again by invites/earlier-notifications.ts). Each
 * answers nothing while no one is signed in: the cache may still hold an expert who is gone, and
 * their Join is not for whoever is here.
 */
import { heldInviteNotification, openInviteNotification } from './invites/earlier-notifications'
import type { CacheStore } from './ports/cache-store'
import type { AppNotification } from './ports/notifier'
import type { ReminderScheduler } from './reminders/reminder-scheduler'

/** What the lookups read: the cache, who is signed in, the platform's time and the reminders. */
export interface EarlierRunSources {
  readonly cache: Pick<CacheStore, 'invite'>
  /** Whether someone is signed in now. */
  readonly signedIn: () => boolean
  /** The platform's time, as invites run out by it. */
  readonly now: () => number
  readonly reminders: Pick<ReminderScheduler, 'shownForAnotherRequest'>
}

/** Looks up what an earlier run's notifications are about now. */
export class EarlierRunNotifications {
  constructor(private readonly sources: EarlierRunSources) {}

  /**
   * The notification of this invite while open, for an earlier run's toast; null while signed out:
   * the cache may still hold an expert who is gone, and their Join is not for whoever is here.
   */
  invite(inviteId: string): AppNotification | null {
    if (!this.sources.signedIn()) return null
    return openInviteNotification(this.sources.cache, inviteId, this.sources.now())
  }

  /** The notification of an invite held in any state, for a press on an earlier run's toast; null signed out. */
  heldInvite(inviteId: string): AppNotification | null {
    if (!this.sources.signedIn()) return null
    return heldInviteNotification(this.sources.cache, inviteId, this.sources.now())
  }

  /**
   * Whether an earlier run's reminder of this session, shown for `requestId`, speaks of a session
   * whose id the signed-in expert's cache now has for another request; false signed out.
   */
  reminderForAnother(sessionId: string, requestId: string): boolean {
    if (!this.sources.signedIn()) return false
    return this.sources.reminders.shownForAnotherRequest(sessionId, requestId)
  }
}
