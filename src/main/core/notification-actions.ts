/**
 * What a press on a notification does, the same in both hosts. A body click (and every click where
 * the OS has no buttons) asks the host to show that invite with its main button focused; Join runs
 * the very handler the window's Join runs; Decline declines. When Join or Decline comes too late
 * (another expert was faster, the invite expired), a follow-up notification and an in-app notice
 * say so at once, since the expert pressed a button and is waiting for what it did.
 *
 * A reminder's body and Open show that session in the window; Start runs the window's Start (the
 * start window is checked again at the press: the notification may have waited); Snooze puts the
 * reminder off. A Start or Snooze that cannot be done is told the same way as a late Join.
 * A client's message opens its thread: the invite in the popover, the session in the window.
 * An answer that comes once the expert who pressed is gone (signed out, another signed in) is
 * only logged: it would show their invite's or session's title to whoever is at the computer now.
 */
import type { CommandOutcome } from '../../shared/command-outcome'
import { mayHaveHappened } from '../../shared/unanswered-command'
import { errorMessage } from '../../shared/error-message'
import { Listeners } from '../../shared/listeners'
import type { CommandPayload, CommandResult } from '../../shared/protocol'
import type { Logger } from './ports/logger'
import type { AppNotification, NotificationAction, NotificationActivation, Notifier } from './ports/notifier'
import { reminderActions, type ReminderNotification } from './reminders/reminder-actions'
import type { ReminderScheduler } from './reminders/reminder-scheduler'
import { SESSION_GONE } from './reminders/reminder-press'
import { AnsweredInvites, type InviteAnswer } from './answered-invites'
import { storageRemedy } from './storage-remedy'
import { ACTED_FOR_NO_ONE, actedForNoOne, NO_ONE_LOGGED, type NoOne } from './acted-for-no-one'

/** Where the host should take the expert after a notification was pressed. */
export type FocusRequest =
  /** The popover on this invite, its main button focused; `attention` when its notification failed. */
  | {
      readonly kind: 'invite'
      readonly inviteId: string
      readonly attention: boolean
      /** A client's message: the window on the invite, its thread open. */
      readonly thread?: true
    }
  /** The full window on this session (a reminder's notification; with `thread`, a message's). */
  | { readonly kind: 'session'; readonly sessionId: string; readonly thread?: true }
  /** The full window (a notice). */
  | { readonly kind: 'window' }

/** A sentence for the window's notices, with its tone. */
export interface AppNotice {
  readonly text: string
  readonly tone: 'info' | 'success' | 'warning' | 'error'
}

/** The commands a notification can send: the window's own handlers, so both run the same code. */
export interface NotificationCommands {
  accept(payload: CommandPayload<'invite.accept'>): Promise<CommandOutcome<CommandResult<'invite.accept'>>>
  decline(payload: CommandPayload<'invite.decline'>): Promise<CommandOutcome<CommandResult<'invite.decline'>>>
  /** The window's Start on a booked session. */
  start(payload: CommandPayload<'session.join'>): Promise<CommandOutcome<CommandResult<'session.join'>>>
}

/** What a press on a reminder tells and asks the reminder scheduler. */
export type ReminderControls = Pick<
  ReminderScheduler,
  'pressed' | 'startAllowed' | 'whyNoStart' | 'snooze' | 'whyNoSnooze' | 'shownForAnotherRequest'
>

/** What the actions need. */
export interface NotificationActionsDeps {
  readonly commands: NotificationCommands
  readonly reminders: ReminderControls
  readonly notifier: Notifier
  readonly log: Logger
  /**
   * Who is signed in now (null: no one). A press's answer that comes once this changed is about
   * an expert gone from this computer: it is logged, not told to whoever is here now.
   */
  readonly signedInAs?: () => string | null
  /**
   * Whether the signed-in expert's cache holds this invite or session. A notification of one it
   * does not (another expert's, left on screen past what the OS lets the app take down) acts for
   * no one: a press on it opens the window rather than sending a command or naming it.
   */
  readonly holds?: (target: { readonly inviteId: string } | { readonly sessionId: string }) => boolean
  /** How the signed-in expert's cache has this invite answered (in the window, say), if it is. */
  readonly answered?: (inviteId: string) => InviteAnswer | null
  /**
   * Settles once no connection attempt is under way. A press can come before the platform could
   * answer (on Windows a toast's press launches Standby): its command waits for the attempt rather
   * than failing as offline, and is checked against whoever is signed in once it is over. Null
   * when none is under way.
   */
  readonly connectionSettled?: () => Promise<void> | null
}

/** Routes presses on notifications; the host follows `focusRequests`, the window `notices`. */
export class NotificationActions {
  /** The host opens what the expert asked for. */
  readonly focusRequests: Listeners<FocusRequest>
  /** The window shows these in its notices. */
  readonly notices: Listeners<AppNotice>
  /** Invites and sessions with a command from a notification on its way: a second press waits for it. */
  private readonly busy = new Set<string>()
  private readonly answers = new AnsweredInvites()

  constructor(private readonly deps: NotificationActionsDeps) {
    const onError = (error: unknown): void => deps.log.error('A notification listener failed', error)
    this.focusRequests = new Listeners(onError)
    this.notices = new Listeners(onError)
  }

  /** The expert pressed `activation.action` on a notification; settles once its command is answered. */
  async activate({ action, notification }: NotificationActivation): Promise<void> {
    if (notification.kind === 'reminder') return this.remind(action, notification)
    if (notification.kind === 'message') {
      const { opens } = notification
      this.focusRequests.emit(
        opens.kind === 'invite'
          ? { kind: 'invite', inviteId: opens.inviteId, attention: false, thread: true }
          : { kind: 'session', sessionId: opens.sessionId, thread: true },
      )
      return
    }
    if (notification.kind !== 'invite') {
      this.focusRequests.emit({ kind: 'window' })
      return
    }
    // "View times" has nothing to send: the times and their Book buttons are on the card; a press
    // an invite does not offer opens it too.
    const sends = action === 'decline' || (action === 'primary' && notification.instant)
    if (!sends) {
      this.focusRequests.emit({ kind: 'invite', inviteId: notification.inviteId, attention: false })
      return
    }
    await this.once(`invite ${notification.inviteId}`, async () => {
      const attempt = this.attemptUnderWay()
      if (attempt !== null) await attempt
      if (!this.mayAct({ inviteId: notification.inviteId }, action)) return
      if (this.answeredAlready(notification.inviteId, action === 'primary' ? 'accepted' : 'declined')) return
      await this.answer(notification, action === 'primary' ? 'join' : 'decline')
    })
  }

  /**
   * An invite's notification could not be shown: the popover opens on it by itself and the host
   * draws attention to the app, so the invite is not missed.
   */
  notificationFailed(notification: AppNotification): void {
    if (notification.kind !== 'invite') return
    this.focusRequests.emit({ kind: 'invite', inviteId: notification.inviteId, attention: true })
  }

  /** A press on a reminder: Start and Snooze where it offers them, else the session in the window. */
  private async remind(action: NotificationAction, reminder: ReminderNotification): Promise<void> {
    if (
      this.readCache(
        () => this.deps.reminders.shownForAnotherRequest(reminder.sessionId, reminder.requestId),
        false,
      )
    )
      return this.shownForGone(action, reminder)
    // Pressed, it left the screen: its session changing now has nothing there to withdraw.
    this.deps.reminders.pressed(reminder.sessionId)
    const offered = reminderActions({ ...reminder, startAllowed: true })
    const target = { sessionId: reminder.sessionId }
    if (action === 'snooze' && offered.includes('snooze'))
      return this.mayAct(target, action) ? this.snooze(reminder) : undefined
    if (action === 'start' && offered.includes('start'))
      return this.once(`session ${reminder.sessionId}`, async () => {
        const attempt = this.attemptUnderWay()
        if (attempt !== null) await attempt
        if (this.mayAct(target, action)) await this.start(reminder)
      })
    this.focusRequests.emit({ kind: 'session', sessionId: reminder.sessionId })
  }

  /**
   * A press on a reminder of a session whose id is now another request's (a platform restored from a
   * backup): what it spoke of is gone, so nothing is sent and the other session is not opened in its
   * place; the window opens on the lists as they are, the expert is told why, and the notification,
   * where the OS still shows it (an earlier run's), is taken down.
   */
  private shownForGone(action: NotificationAction, reminder: ReminderNotification): void {
    const { sessionId, bookedStart, requestId, title } = reminder
    this.deps.log.info(
      `A ${action} pressed on a reminder of session ${sessionId} for request ${requestId}, now another request's: nothing done`,
    )
    this.focusRequests.emit({ kind: 'window' })
    const why = `${SESSION_GONE} The window shows your sessions as they are now.`
    this.deps.notifier.show({ kind: 'reminder_closed', sessionId, bookedStart, requestId, title, body: why })
    this.followUp(REMINDER_OUT_OF_DATE, title, why)
  }

  private async start(reminder: ReminderNotification): Promise<void> {
    const { reminders, commands, log } = this.deps
    const { sessionId, bookedStart, requestId } = reminder
    // Asked now, not when it was shown: the notification may have waited while the session changed.
    // By the time and request it named: a session moved since is refused, naming its new time, as
    // Snooze is, and one whose id is now another request's, as gone.
    if (!reminders.startAllowed(sessionId, bookedStart, requestId)) {
      const why = reminders.whyNoStart(sessionId, bookedStart, requestId) ?? 'Start is not open for it now.'
      log.info(`Start from a reminder refused for session ${reminder.sessionId}: ${why}`)
      return this.followUp('Could not start', reminder.title, why)
    }
    const by = this.signedInAs()
    const outcome = await commands.start({ sessionId: reminder.sessionId })
    if (this.goneSince(by, 'Start', outcome)) return
    // Started: the window shows the live session, as after the window's own Start.
    if (outcome.ok) return this.focusRequests.emit({ kind: 'session', sessionId: reminder.sessionId })
    log.warn(`Start from a reminder failed: ${outcome.error.message}`)
    this.followUp('Could not start', reminder.title, outcome.error.message)
  }

  private snooze(reminder: ReminderNotification): void {
    const { reminders, log } = this.deps
    let snoozed: boolean
    try {
      snoozed = reminders.snooze(reminder.sessionId, reminder.bookedStart, reminder.requestId)
    } catch (error) {
      log.error('Could not save a snooze', error)
      const what = `Standby could not save the snooze (${errorMessage(error)}), so this reminder does not come back.`
      return this.followUp('Could not snooze', reminder.title, `${what} ${storageRemedy(error)}.`)
    }
    if (snoozed) return
    // Refused when the session no longer waits for the expert, or its auto-cancel is too close.
    const why =
      reminders.whyNoSnooze(reminder.sessionId, reminder.bookedStart, reminder.requestId) ??
      'The session no longer waits for you to start it.'
    this.followUp('Could not snooze', reminder.title, `${why} The window shows it as it is now.`)
  }

  /**
   * Whether a press may act on `target`: someone is signed in and it is theirs. Otherwise the
   * window opens (the sign-in form, or the lists of whoever is signed in now), nothing is sent,
   * and the expert is told why in words that name nothing of it: the press would act for, or
   * name the clients of, an expert who is gone, and a button that did nothing unexplained looks
   * like a Join that went through.
   */
  private mayAct(
    target: { readonly inviteId: string } | { readonly sessionId: string },
    action: NotificationAction,
  ): boolean {
    const { signedInAs, holds, log } = this.deps
    const nobody = signedInAs !== undefined && signedInAs() === null
    // A cache that cannot be read (a damaged file) cannot say whose it is: the window opens.
    const whose: NoOne | 'theirs' = nobody
      ? 'nobody'
      : this.readCache(() => ((holds?.(target) ?? true) ? 'theirs' : 'another'), 'unread')
    if (whose === 'theirs') return true
    const what = 'inviteId' in target ? `invite ${target.inviteId}` : `session ${target.sessionId}`
    log.info(`A ${action} pressed on the notification of ${what} acts for no one: ${NO_ONE_LOGGED[whose]}`)
    this.focusRequests.emit({ kind: 'window' })
    const { title, body } = actedForNoOne(action, whose)
    // Each press takes the last one's place: a stale toast pressed twice is one thing to read.
    this.deps.notifier.show({ kind: 'notice', title, body, noticeId: ACTED_FOR_NO_ONE })
    this.notices.emit({ text: `${title}: ${body}`, tone: 'warning' })
    return false
  }

  /**
   * A Join or Decline on an invite the expert answered so already does nothing more (a Join shows
   * the window, where its session is): asked again, the platform refuses it, and the expert was
   * told "Could not join" about the session they had joined, or that it was no longer open.
   */
  private answeredAlready(inviteId: string, answer: InviteAnswer): boolean {
    // Unread (a damaged cache file), it is sent: the platform knows how it was answered.
    const given =
      this.answers.get(this.signedInAs(), inviteId) ??
      this.readCache(() => this.deps.answered?.(inviteId), null)
    if (given !== answer) return false
    this.deps.log.info(`Pressed again on invite ${inviteId}, ${answer} already`)
    if (answer === 'accepted') this.focusRequests.emit({ kind: 'window' })
    return true
  }

  /**
   * `read` of the offline cache, or `unread` when it throws (a damaged file), logged: a press is
   * handled from the notifier's event, where a throw would be the app's unhandled rejection and
   * the press would do nothing at all.
   */
  private readCache<T>(read: () => T, unread: T): T {
    try {
      return read()
    } catch (error) {
      this.deps.log.error('A press on a notification could not read the offline cache', error)
      return unread
    }
  }

  /**
   * The end of a connection attempt under way, or null when none is: a press on a connected app
   * then sends its command in the same turn.
   */
  private attemptUnderWay(): Promise<void> | null {
    return this.deps.connectionSettled?.() ?? null
  }

  /** Run `work` unless a press on the same thing is still on its way. */
  private async once(key: string, work: () => Promise<void>): Promise<void> {
    if (this.busy.has(key)) return
    this.busy.add(key)
    try {
      await work()
    } finally {
      this.busy.delete(key)
    }
  }

  /** Join (`join`) or Decline the invite, as the window's buttons do. */
  private async answer(invite: InviteNotification, what: 'join' | 'decline'): Promise<void> {
    const { commands, log } = this.deps
    const [by, { inviteId }, name] = [this.signedInAs(), invite, what === 'join' ? 'Join' : 'Decline']
    const outcome =
      what === 'join'
        ? await commands.accept({ inviteId, proposedTime: null })
        : await commands.decline({ inviteId })
    if (this.goneSince(by, name, outcome)) return
    if (outcome.ok) return this.answers.add(by, inviteId, what === 'join' ? 'accepted' : 'declined')
    log.warn(`${name} from the notification failed: ${outcome.error.message}`)
    this.tooLate(invite, what, outcome.error)
  }

  private signedInAs(): string | null {
    return this.deps.signedInAs?.() ?? null
  }

  /** Whether the expert who pressed is gone since (`by`); then the answer is only logged. */
  private goneSince(by: string | null, what: string, outcome: CommandOutcome<unknown>): boolean {
    if (this.signedInAs() === by) return false
    const answer = outcome.ok ? 'done' : outcome.error.message
    this.deps.log.info(`${what} from a notification answered after its expert signed out: ${answer}`)
    return true
  }

  /**
   * Tell the expert at once, on screen and in the window, why their press did nothing. A decline
   * that found the invite closed (taken, run out, withdrawn, declined already) did what was meant:
   * the invite is not theirs, so it is told as news, not as a failure.
   */
  private tooLate(
    invite: InviteNotification,
    what: 'join' | 'decline',
    error: { readonly code: string; readonly message: string },
  ): void {
    const closed = what === 'decline' && INVITE_CLOSED_CODES.has(error.code)
    this.followUp(followUpTitle(what, error.code), invite.title, error.message, closed ? 'info' : 'warning')
  }

  /**
   * A notification and a window notice: what could not be done, and why (the tray's toggle too);
   * a warning unless `tone` says otherwise.
   */
  tell(title: string, body: string, tone: AppNotice['tone'] = 'warning'): void {
    this.deps.notifier.show({ kind: 'notice', title, body })
    this.notices.emit({ text: `${title}: ${body}`, tone })
  }

  /** What the press could not do, about what, and why. */
  private followUp(title: string, about: string, why: string, tone: AppNotice['tone'] = 'warning'): void {
    this.tell(title, `${about}. ${why}`, tone)
  }
}

/** The title of what a press on a reminder of a session no longer in the list is told. */
export const REMINDER_OUT_OF_DATE = 'Reminder out of date'

/** The refusals of an answer to an invite no longer open: another expert took it, it ran out, or it closed otherwise. */
const INVITE_CLOSED_CODES: ReadonlySet<string> = new Set(['taken', 'expired', 'invalid_state'])

type InviteNotification = Extract<AppNotification, { kind: 'invite' }>

/** The follow-up's title: the reason when the platform gave one the expert knows. */
export function followUpTitle(what: 'join' | 'decline', code: string): string {
  // Nobody was faster at declining: the invite closed before the decline reached the platform.
  if (what === 'decline' && INVITE_CLOSED_CODES.has(code)) return 'No longer open'
  if (code === 'taken') return 'Another expert was faster'
  if (code === 'expired') return 'This invite expired'
  if (code === 'unconfirmed') return what === 'join' ? 'Join not confirmed' : 'Decline not confirmed'
  // Sent, and no answer said whether it was done: its sentence says so, and that again is safe.
  if (mayHaveHappened({ code })) return what === 'join' ? 'No answer to Join' : 'No answer to Decline'
  return what === 'join' ? 'Could not join' : 'Could not decline'
}
