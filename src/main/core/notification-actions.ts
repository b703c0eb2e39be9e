/**
 * What a press on a notification does, the same in both hosts. A body click (and every click where
 * the OS has no buttons) asks the host to show that invite with its main button focused; Join runs
 * the very handler the window's Join runs; Decline declines. When Join or Decline comes too late
 * (another expert was faster, the invite expired), a follow-up notification and an in-app notice
 * say so at once, since the expert pressed a button and is waiting for what it did.
 *
 * A press on an invite's notification shown for a request the invite's id no longer has (a restored
 * platform gave it to another), or Join or Decline on one an earlier version showed, which names no
 * request, sends nothing (invites/invite-press.ts): it would answer a request the expert never read.
 *
 * A reminder's body and Open show that session in the window; Start runs the window's Start (the
 * start window is checked again at the press: the notification may have waited); Snooze puts the
 * reminder off. A Start or Snooze that cannot be done is told the same way as a late Join.
 * A client's message opens its thread: the invite in the popover, the session in the window.
 * An answer that comes once the expert who pressed is gone (signed out, another signed in) is
 * only logged: it would show their invite's or session's title to whoever is at the computer now.
 * Presses on invites are answered in invites/invite-presses.ts, on reminders in
 * reminders/reminder-presses.ts; the steps they share are this class's (press-steps.ts).
 */
import type { CommandOutcome } from '../../shared/command-outcome'
import { Listeners } from '../../shared/listeners'
import type { CommandPayload, CommandResult } from '../../shared/protocol'
import type { Logger } from './ports/logger'
import type { AppNotification, NotificationAction, NotificationActivation, Notifier } from './ports/notifier'
import { followUpNoticeId, type PressedItem, type PressSteps } from './press-steps'
import { ReminderPresses, type ReminderControls } from './reminders/reminder-presses'
import { InvitePresses } from './invites/invite-presses'
import type { InviteAnswer } from './answered-invites'
import { ACTED_FOR_NO_ONE, actedForNoOne, NO_ONE_LOGGED, pressTitle, type NoOne } from './acted-for-no-one'
import { CALL_AT_QUIT } from './ipc/closed-api'

/** The notice that says a press was refused as Standby quit; each such press takes the last one's place. */
const PRESSED_AT_QUIT = 'pressed-at-quit'

/** Where the host should take the expert after a notification was pressed. */
export type FocusRequest =
  /** The popover on this invite, its main button focused; `attention` when its notification failed. */
  | {
      readonly kind: 'invite'
      readonly inviteId: string
      readonly attention: boolean
      /** A client's message: the window on the invite, its thread open. */
      readonly thread?: true
      /** A standby:// link asked (see `FocusTarget`): the popover shows without taking the keyboard. */
      readonly link?: true
    }
  /** The full window on this session (a reminder's notification; with `thread`, a message's). */
  | { readonly kind: 'session'; readonly sessionId: string; readonly thread?: true; readonly link?: true }
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

/** What a press on a reminder tells and asks the reminder scheduler (reminders/reminder-presses.ts). */
export type { ReminderControls } from './reminders/reminder-presses'

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
  /**
   * The request the signed-in expert's cache holds this invite for now; null when it holds no row.
   * A press on a notification shown for another request (a platform restored from a backup gave
   * the invite's id to another) sends nothing.
   */
  readonly inviteRequest?: (inviteId: string) => string | null
  /** How the signed-in expert's cache has this invite answered (in the window, say), if it is. */
  readonly answered?: (inviteId: string) => InviteAnswer | null
  /**
   * Settles once no connection attempt is under way. A press can come before the platform could
   * answer (on Windows a toast's press launches Standby): its command waits for the attempt rather
   * than failing as offline, and is checked against whoever is signed in once it is over. Null
   * when none is under way.
   */
  readonly connectionSettled?: () => Promise<void> | null
  /**
   * Whether the runtime has closed (Standby is quitting): a press then, or one that waited for the
   * connection meanwhile, is refused whole, as the pages' calls are; its cache is closed.
   */
  readonly closed?: () => boolean
}

/** Routes presses on notifications; the host follows `focusRequests`, the window `notices`. */
export class NotificationActions {
  /** The host opens what the expert asked for. */
  readonly focusRequests: Listeners<FocusRequest>
  /** The window shows these in its notices. */
  readonly notices: Listeners<AppNotice>
  /** Invites and sessions with a command from a notification on its way: a second press waits for it. */
  private readonly busy = new Set<string>()
  private readonly invitePresses: InvitePresses
  private readonly reminderPresses: ReminderPresses

  constructor(private readonly deps: NotificationActionsDeps) {
    const onError = (error: unknown): void => deps.log.error('A notification listener failed', error)
    this.focusRequests = new Listeners(onError)
    this.notices = new Listeners(onError)
    const steps: PressSteps = {
      mayAct: (target, action) => this.mayAct(target, action),
      quitting: () => this.deps.closed?.() === true,
      once: async (key, work) => this.once(key, work),
      attemptUnderWay: () => this.attemptUnderWay(),
      readCache: (read, unread) => this.readCache(read, unread),
      signedInAs: () => this.signedInAs(),
      goneSince: (by, what, outcome) => this.goneSince(by, what, outcome),
      tell: (title, body, tone, noticeId) => this.tell(title, body, tone, noticeId),
      followUp: (title, about, why, tone) => this.followUp(title, about, why, tone),
      focus: (request) => this.focusRequests.emit(request),
    }
    this.invitePresses = new InvitePresses(deps, steps)
    this.reminderPresses = new ReminderPresses(deps, steps)
  }

  /** The expert pressed `activation.action` on a notification; settles once its command is answered. */
  async activate({ action, notification }: NotificationActivation): Promise<void> {
    // View times on a scheduled invite only opens it: nothing to tell it was not done.
    const opens = notification.kind === 'invite' && action === 'primary' && !notification.instant
    if (this.refusedAtQuit(opens ? 'open' : action, `a ${notification.kind}'s notification`)) return
    if (notification.kind === 'reminder') return this.reminderPresses.press(action, notification)
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
    return this.invitePresses.press(action, notification)
  }

  /**
   * An invite's notification could not be shown: the popover opens on it by itself and the host
   * draws attention to the app, so the invite is not missed.
   */
  notificationFailed(notification: AppNotification): void {
    if (notification.kind !== 'invite') return
    this.focusRequests.emit({ kind: 'invite', inviteId: notification.inviteId, attention: true })
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
    const what = 'inviteId' in target ? `invite ${target.inviteId}` : `session ${target.sessionId}`
    if (this.refusedAtQuit(action, `the notification of ${what}`)) return false
    const nobody = signedInAs !== undefined && signedInAs() === null
    // A cache that cannot be read (a damaged file) cannot say whose it is: the window opens.
    const whose: NoOne | 'theirs' = nobody
      ? 'nobody'
      : this.readCache(() => ((holds?.(target) ?? true) ? 'theirs' : 'another'), 'unread')
    if (whose === 'theirs') return true
    log.info(`A ${action} pressed on the notification of ${what} acts for no one: ${NO_ONE_LOGGED[whose]}`)
    this.focusRequests.emit({ kind: 'window' })
    const { title, body } = actedForNoOne(action, whose)
    // Each press takes the last one's place: a stale toast pressed twice is one thing to read.
    this.deps.notifier.show({ kind: 'notice', title, body, noticeId: ACTED_FOR_NO_ONE })
    this.notices.emit({ text: `${title}: ${body}`, tone: 'warning' })
    return false
  }

  /**
   * Whether Standby is quitting, and so the press on `about` is refused: logged, and a button told
   * in a notification, which stays past the quit (its words need no Standby behind them), as the expert
   * pressed and waits for what it did. Nothing opens: the windows are closing.
   */
  private refusedAtQuit(action: NotificationAction, about: string): boolean {
    if (this.deps.closed?.() !== true) return false
    this.deps.log.info(`A ${action} pressed on ${about} was refused: ${CALL_AT_QUIT}`)
    const title = pressTitle(action)
    if (title !== undefined)
      this.deps.notifier.show({ kind: 'notice', title, body: CALL_AT_QUIT, noticeId: PRESSED_AT_QUIT })
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
   * A notification and a window notice: what could not be done, and why (the tray's toggle too);
   * a warning unless `tone` says otherwise.
   */
  tell(title: string, body: string, tone: AppNotice['tone'] = 'warning', noticeId?: string): void {
    this.deps.notifier.show({ kind: 'notice', title, body, ...(noticeId !== undefined && { noticeId }) })
    this.notices.emit({ text: `${title}: ${body}`, tone })
  }

  /** What the press could not do, about which invite or session (its own notice), and why. */
  private followUp(
    title: string,
    about: PressedItem,
    why: string,
    tone: AppNotice['tone'] = 'warning',
  ): void {
    this.tell(title, `${about.title}. ${why}`, tone, followUpNoticeId(title, about))
  }
}

/** The title of what a press on a reminder of a session no longer in the list is told. */
export { REMINDER_OUT_OF_DATE } from './reminders/reminder-presses'

/** The follow-up's title for a refused Join or Decline (invites/invite-press.ts). */
export { followUpTitle } from './invites/invite-press'
