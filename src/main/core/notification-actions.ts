/**
 * What a press on a notification does, the same in both hosts. A body click (and every click where
 * the OS has no buttons) asks the host to show that invite with its main button focused; Join runs
 * the very handler the window's Join runs; Decline declines. When Join or Decline comes too late
 * (another expert was faster, the invite expired), a follow-up notification and an in-app notice
 * say so at once, since the expert pressed a button and is waiting for what it did.
 */
import type { CommandOutcome } from '../../shared/command-outcome'
import { Listeners } from '../../shared/listeners'
import type { CommandPayload, CommandResult } from '../../shared/protocol'
import type { Logger } from './ports/logger'
import type { AppNotification, NotificationActivation, Notifier } from './ports/notifier'

/** Where the host should take the expert after a notification was pressed. */
export type FocusRequest =
  /** The popover on this invite, its main button focused; `attention` when its notification failed. */
  | { readonly kind: 'invite'; readonly inviteId: string; readonly attention: boolean }
  /** The full window (a reminder, a notice). */
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
}

/** What the actions need. */
export interface NotificationActionsDeps {
  readonly commands: NotificationCommands
  readonly notifier: Notifier
  readonly log: Logger
}

/** Routes presses on notifications; the host follows `focusRequests`, the window `notices`. */
export class NotificationActions {
  /** The host opens what the expert asked for. */
  readonly focusRequests: Listeners<FocusRequest>
  /** The window shows these in its notices. */
  readonly notices: Listeners<AppNotice>
  /** Invites with a Join or Decline from a notification on its way: a second press waits for it. */
  private readonly busy = new Set<string>()

  constructor(private readonly deps: NotificationActionsDeps) {
    const onError = (error: unknown): void => deps.log.error('A notification listener failed', error)
    this.focusRequests = new Listeners(onError)
    this.notices = new Listeners(onError)
  }

  /** The expert pressed `activation.action` on a notification; settles once its command is answered. */
  async activate({ action, notification }: NotificationActivation): Promise<void> {
    if (notification.kind !== 'invite') {
      this.focusRequests.emit({ kind: 'window' })
      return
    }
    // "View times" has nothing to send: the times and their Book buttons are on the card.
    if (action === 'open' || (action === 'primary' && !notification.instant)) {
      this.focusRequests.emit({ kind: 'invite', inviteId: notification.inviteId, attention: false })
      return
    }
    if (this.busy.has(notification.inviteId)) return
    this.busy.add(notification.inviteId)
    try {
      if (action === 'primary') await this.join(notification)
      else await this.decline(notification)
    } finally {
      this.busy.delete(notification.inviteId)
    }
  }

  /**
   * An invite's notification could not be shown: the popover opens on it by itself and the host
   * draws attention to the app, so the invite is not missed.
   */
  notificationFailed(notification: AppNotification): void {
    if (notification.kind !== 'invite') return
    this.focusRequests.emit({ kind: 'invite', inviteId: notification.inviteId, attention: true })
  }

  private async join(invite: InviteNotification): Promise<void> {
    const outcome = await this.deps.commands.accept({ inviteId: invite.inviteId, proposedTime: null })
    if (outcome.ok) return
    this.deps.log.warn(`Join from the notification failed: ${outcome.error.message}`)
    this.tooLate(invite, 'join', outcome.error)
  }

  private async decline(invite: InviteNotification): Promise<void> {
    const outcome = await this.deps.commands.decline({ inviteId: invite.inviteId })
    if (outcome.ok) return
    this.deps.log.warn(`Decline from the notification failed: ${outcome.error.message}`)
    this.tooLate(invite, 'decline', outcome.error)
  }

  /** Tell the expert at once, on screen and in the window, why their press did nothing. */
  private tooLate(
    invite: InviteNotification,
    what: 'join' | 'decline',
    error: { readonly code: string; readonly message: string },
  ): void {
    const title = followUpTitle(what, error.code)
    this.deps.notifier.show({ kind: 'notice', title, body: `${invite.title}. ${error.message}` })
    this.notices.emit({ text: `${title}: ${invite.title}. ${error.message}`, tone: 'warning' })
  }
}

type InviteNotification = Extract<AppNotification, { kind: 'invite' }>

/** The follow-up's title: the reason when the platform gave one the expert knows. */
export function followUpTitle(what: 'join' | 'decline', code: string): string {
  if (code === 'taken') return 'Another expert was faster'
  if (code === 'expired') return 'This invite expired'
  return what === 'join' ? 'Could not join' : 'Could not decline'
}
