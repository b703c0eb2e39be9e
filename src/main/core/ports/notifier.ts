/**
 * Native notifications. Electron: Notification (with Join / View times and Decline on an invite,
 * Start, Open and Snooze on a reminder, where the OS offers buttons); Node (browser shell, tests):
 * recorded as data and printed.
 */
import type { Unsubscribe } from '../../../shared/listeners'
import type { InviteClosedReason } from '../../../shared/protocol'
import type { ReminderMoment } from '../reminders/due-alerts'

/**
 * How many shown notifications a notifier keeps track of at most, as the app runs for days: past
 * that the oldest is let go where the OS can still remove it by id (macOS), and closed elsewhere.
 */
export const MOST_NOTIFICATIONS_HELD = 50

/** What a notification is about; decides its actions and where a click leads. */
export type AppNotification =
  | {
      readonly kind: 'invite'
      readonly inviteId: string
      /**
       * The request the invite was for when shown: a platform restored from a backup can give the
       * invite's id to another request, and a press on this one then answers nothing. REQUEST_UNKNOWN
       * on one an earlier version showed, whose notification names its invite alone.
       */
      readonly requestId: string
      readonly title: string
      readonly body: string
      readonly instant: boolean
    }
  /**
   * A shown invite closed (taken, expired, withdrawn, declined or accepted, here or elsewhere): the
   * sync engine sends it once per shown invite, so its notification is taken off the screen.
   * Nothing new is shown for it: the app's lists say what became of the invite.
   */
  | {
      readonly kind: 'invite_closed'
      readonly inviteId: string
      /** The request it was shown for: the notification of the invite for another request stays. */
      readonly requestId: string
      /**
       * Why it closed, as the platform said; 'gone' when a snapshot no longer holds it. Unless the
       * expert accepted it, its thread closes with it, and a client's message shown for it goes too.
       */
      readonly reason: InviteClosedReason | 'gone'
      readonly title: string
      readonly body: string
    }
  | {
      readonly kind: 'reminder'
      readonly sessionId: string
      readonly title: string
      readonly body: string
      /** Which alert about the session this is; only 'before' and 'starting_now' offer Start and Snooze. */
      readonly moment: ReminderMoment
      /**
       * The booked start it was shown for (platform time): a rebooked session has another.
       * BOOKED_START_UNKNOWN on one from an earlier run, which the OS gives back by its session alone.
       */
      readonly bookedStart: number
      /**
       * The request the session was for when shown: a platform restored from a backup can give the
       * session's id to another request, and a press then acts on nothing. REQUEST_UNKNOWN on one an
       * earlier version showed, whose notification names its session alone.
       */
      readonly requestId: string
      /** Start was allowed when shown; at the click, ask `ReminderScheduler.startAllowed(sessionId)`. */
      readonly startAllowed: boolean
    }
  /**
   * What a shown reminder announced no longer holds (its session was cancelled, moved, started,
   * ended or is gone, or its start window closed): the scheduler sends it once per shown reminder,
   * so the notification leaves the screen. Nothing new is shown; the title and body say why, for logs.
   */
  | {
      readonly kind: 'reminder_closed'
      readonly sessionId: string
      /** The booked start the reminder was shown for (platform time). */
      readonly bookedStart: number
      /** The request the reminder was shown for: one of the session for another request stays. */
      readonly requestId: string
      readonly title: string
      readonly body: string
    }
  /** A client wrote while the window was not focused; a press opens the thread's invite or session. */
  | {
      readonly kind: 'message'
      readonly requestId: string
      readonly opens: MessagePlace
      readonly title: string
      readonly body: string
    }
  /** `noticeId`: a notice about a condition that can end, so it can be withdrawn when it does. */
  | { readonly kind: 'notice'; readonly title: string; readonly body: string; readonly noticeId?: string }
  /**
   * The condition a notice with this `noticeId` told of is over: its notification leaves the
   * screen. Nothing new is shown; the title and body say what ended, for logs.
   */
  | {
      readonly kind: 'notice_withdrawn'
      readonly noticeId: string
      readonly title: string
      readonly body: string
    }
  /**
   * The expert is gone from this computer (signed out here, signed out by the platform, or another
   * expert signed in): every notification shown so far leaves the screen and the notification
   * centre, since each tells of their clients, sessions or standing and its buttons would act for
   * them. Nothing new is shown; the title and body say why, for logs.
   */
  | { readonly kind: 'all_withdrawn'; readonly title: string; readonly body: string }

/** The notifications that show nothing: each takes earlier ones off the screen. */
export type Withdrawal = Extract<
  AppNotification,
  { kind: 'invite_closed' | 'reminder_closed' | 'notice_withdrawn' | 'all_withdrawn' }
>

/** The notifications the expert sees. */
export type ShownNotification = Exclude<AppNotification, Withdrawal>

/** What a message's notification opens: the invite (in the popover) or the session (in the window). */
export type MessagePlace =
  | { readonly kind: 'invite'; readonly inviteId: string }
  | { readonly kind: 'session'; readonly sessionId: string }

/** A reminder's booked start when it is not known: one from an earlier run (see its `bookedStart`). */
export const BOOKED_START_UNKNOWN = 0

/** An invite's or reminder's request when it is not known: one an earlier version showed (see its `requestId`). */
export const REQUEST_UNKNOWN = ''

/**
 * Whether a notification shown for request `shownFor` speaks of another invite or session than the
 * one its id names now (request `now`; null when nothing is known of it): a platform restored from a
 * backup gave the id to another request. Never for one that names no request (an earlier version's).
 */
export function namesAnotherRequest(shownFor: string, now: string | null): boolean {
  return now !== null && now !== REQUEST_UNKNOWN && shownFor !== REQUEST_UNKNOWN && shownFor !== now
}

/**
 * What the expert did with a notification: clicked its body or Open (`open`); on an invite,
 * pressed its first button (`primary`: Join on an instant invite, View times on a scheduled one)
 * or Decline; on a reminder, Start or Snooze.
 */
export type NotificationAction = 'open' | 'primary' | 'decline' | 'start' | 'snooze'

/** One press on a notification, as the notifier reports it to the core. */
export interface NotificationActivation {
  readonly action: NotificationAction
  readonly notification: AppNotification
}

/** Whether notifications reach the expert, and if not what they can do about it. */
export type NotifierHealth =
  | { readonly status: 'ok' }
  | {
      readonly status: 'unsupported' | 'failing' | 'silenced'
      /** One sentence: what is wrong and what the expert can do. */
      readonly advice: string
    }

/** Shows notifications to the expert. */
export interface Notifier {
  show(notification: AppNotification): void
  /** Whether notifications reach the expert now; a notifier that cannot tell leaves this out. */
  health?(): NotifierHealth
  /** Calls `listener` whenever the health changes. */
  onHealthChange?(listener: (health: NotifierHealth) => void): Unsubscribe
}
