/**
 * What a press on an invite's notification does: Join runs the window's Join, Decline declines,
 * and every other press opens the invite in the popover. When Join or Decline comes too late
 * (another expert was faster, the invite expired), a follow-up says so at once. A press on a
 * notification shown for a request the invite's id no longer has, or Join or Decline on one an
 * earlier version showed, sends nothing (invite-press.ts). The steps every press shares are
 * NotificationActions' own, handed in as `PressSteps` (press-steps.ts).
 */
import type { NotificationCommands } from '../notification-actions'
import type { Logger } from '../ports/logger'
import {
  namesAnotherRequest,
  REQUEST_UNKNOWN,
  type AppNotification,
  type NotificationAction,
  type Notifier,
} from '../ports/notifier'
import type { PressSteps } from '../press-steps'
import { AnsweredInvites, type InviteAnswer } from '../answered-invites'
import {
  followUpTitle,
  INVITE_CLOSED_CODES,
  INVITE_GONE,
  INVITE_OUT_OF_DATE,
  UNNAMED_REQUEST,
  unnamedTitle,
} from './invite-press'

/** What invite presses need. */
export interface InvitePressDeps {
  readonly commands: Pick<NotificationCommands, 'accept' | 'decline'>
  readonly notifier: Notifier
  readonly log: Logger
  /**
   * The request the signed-in expert's cache holds this invite for now; null when it holds no row.
   * A press on a notification shown for another request (a platform restored from a backup gave
   * the invite's id to another) sends nothing.
   */
  readonly inviteRequest?: (inviteId: string) => string | null
  /** How the signed-in expert's cache has this invite answered (in the window, say), if it is. */
  readonly answered?: (inviteId: string) => InviteAnswer | null
}

/** An invite's notification, as a press hands it over. */
export type InviteNotification = Extract<AppNotification, { kind: 'invite' }>

/** Answers presses on invites. */
export class InvitePresses {
  private readonly answers = new AnsweredInvites()

  constructor(
    private readonly deps: InvitePressDeps,
    private readonly steps: PressSteps,
  ) {}

  /** A press on an invite: Join (on an instant invite) and Decline are sent, any other press opens it. */
  async press(action: NotificationAction, notification: InviteNotification): Promise<void> {
    // "View times" has nothing to send: the times and their Book buttons are on the card; a press
    // an invite does not offer opens it too.
    const sends = action === 'decline' || (action === 'primary' && notification.instant)
    if (!sends) {
      if (this.shownForAnother(notification)) return this.inviteGone(action, notification)
      this.steps.focus({ kind: 'invite', inviteId: notification.inviteId, attention: false })
      return
    }
    const what = action === 'primary' ? 'join' : 'decline'
    await this.steps.once(`invite ${notification.inviteId}`, async () => {
      const attempt = this.steps.attemptUnderWay()
      if (attempt !== null) await attempt
      if (!this.steps.mayAct({ inviteId: notification.inviteId }, action)) return
      // Asked once the attempt is over: a catch-up in the meantime may have given the id to another request.
      if (this.shownForAnother(notification)) return this.inviteGone(action, notification)
      if (notification.requestId === REQUEST_UNKNOWN) return this.unnamed(notification, what)
      if (this.answeredAlready(notification.inviteId, what === 'join' ? 'accepted' : 'declined')) return
      await this.answer(notification, what)
    })
  }

  /** Whether the cache has the invite's id for another request than its notification was shown for. */
  private shownForAnother({ inviteId, requestId }: InviteNotification): boolean {
    return this.steps.readCache(
      () => namesAnotherRequest(requestId, this.deps.inviteRequest?.(inviteId) ?? null),
      false,
    )
  }

  /**
   * A press on the notification of an invite whose id is now another request's: nothing is sent
   * and that invite is not opened in its place; the window opens on the lists, the expert is told
   * why, and the notification, where the OS still shows it (an earlier run's), is taken down.
   */
  private inviteGone(action: NotificationAction, invite: InviteNotification): void {
    const { inviteId, requestId } = invite
    this.deps.log.info(
      `A ${action} pressed on invite ${inviteId} shown for request ${requestId}, now another request's: nothing sent`,
    )
    this.steps.focus({ kind: 'window' })
    this.deps.notifier.show({
      kind: 'invite_closed',
      inviteId,
      requestId,
      reason: 'gone',
      title: '',
      body: INVITE_GONE,
    })
    this.steps.tell(INVITE_OUT_OF_DATE, INVITE_GONE)
  }

  /** Join or Decline on an earlier version's notification, which names no request: the invite opens, to be answered there. */
  private unnamed(invite: InviteNotification, what: 'join' | 'decline'): void {
    this.deps.log.info(`A ${what} pressed on invite ${invite.inviteId} from an earlier version: not sent`)
    this.steps.focus({ kind: 'invite', inviteId: invite.inviteId, attention: false })
    this.steps.tell(unnamedTitle(what), UNNAMED_REQUEST)
  }

  /**
   * A Join or Decline on an invite the expert answered so already does nothing more (a Join shows
   * the window, where its session is): asked again, the platform refuses it, and the expert was
   * told "Could not join" about the session they had joined, or that it was no longer open.
   */
  private answeredAlready(inviteId: string, answer: InviteAnswer): boolean {
    // Unread (a damaged cache file), it is sent: the platform knows how it was answered.
    const given =
      this.answers.get(this.steps.signedInAs(), inviteId) ??
      this.steps.readCache(() => this.deps.answered?.(inviteId), null)
    if (given !== answer) return false
    this.deps.log.info(`Pressed again on invite ${inviteId}, ${answer} already`)
    if (answer === 'accepted') this.steps.focus({ kind: 'window' })
    return true
  }

  /** Join (`join`) or Decline the invite, as the window's buttons do. */
  private async answer(invite: InviteNotification, what: 'join' | 'decline'): Promise<void> {
    const { commands, log } = this.deps
    const [by, { inviteId }, name] = [this.steps.signedInAs(), invite, what === 'join' ? 'Join' : 'Decline']
    const outcome =
      what === 'join'
        ? await commands.accept({ inviteId, proposedTime: null })
        : await commands.decline({ inviteId })
    if (this.steps.goneSince(by, name, outcome)) return
    if (outcome.ok) return this.answers.add(by, inviteId, what === 'join' ? 'accepted' : 'declined')
    log.warn(`${name} from the notification failed: ${outcome.error.message}`)
    this.tooLate(invite, what, outcome.error)
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
    this.steps.followUp(followUpTitle(what, error.code), invite, error.message, closed ? 'info' : 'warning')
  }
}
