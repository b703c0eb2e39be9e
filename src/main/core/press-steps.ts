/**
 * The steps every press on a notification shares (who may act, one press at a time, the
 * follow-up), NotificationActions' own, handed to the presses on invites and on reminders.
 */
import type { CommandOutcome } from '../../shared/command-outcome'
import type { AppNotice, FocusRequest } from './notification-actions'
import type { NotificationAction } from './ports/notifier'

/** The invite or session a press was on, as its notification names it. */
export type PressedItem = { readonly title: string } & (
  { readonly inviteId: string } | { readonly sessionId: string }
)

/**
 * The id of a follow-up about `item`: a press failing again on the same invite or session takes
 * its place, a press failing on another keeps its own (two late Joins are two things to read).
 */
export function followUpNoticeId(title: string, item: PressedItem): string {
  const named = 'inviteId' in item ? `invite:${item.inviteId}` : `session:${item.sessionId}`
  return `press:${named}:${title}`
}

/** The steps every press on a notification shares, as NotificationActions takes them. */
export interface PressSteps {
  /** Whether a press may act on the invite or session: someone is signed in and it is theirs (else told why). */
  mayAct(
    target: { readonly inviteId: string } | { readonly sessionId: string },
    action: NotificationAction,
  ): boolean
  /** Whether the runtime has closed (Standby is quitting): what a press would do now is refused. */
  quitting(): boolean
  /** Runs `work` unless a press on the same thing is still on its way. */
  once(key: string, work: () => Promise<void>): Promise<void>
  /** The end of a connection attempt under way, or null when none is. */
  attemptUnderWay(): Promise<void> | null
  /** `read` of the offline cache, or `unread` when it throws (logged). */
  readCache<T>(read: () => T, unread: T): T
  /** Who is signed in now (null: no one). */
  signedInAs(): string | null
  /** Whether the expert who pressed is gone since (`by`); then the answer is only logged. */
  goneSince(by: string | null, what: string, outcome: CommandOutcome<unknown>): boolean
  /**
   * A notification and a window notice: what could not be done, and why; a warning unless `tone`
   * says otherwise. With `noticeId`, its notification takes the place of the last with that id.
   */
  tell(title: string, body: string, tone?: AppNotice['tone'], noticeId?: string): void
  /**
   * A notification and a window notice: what the press could not do, about which invite or
   * session, and why. One per title and item: a second failure on another item stays beside it.
   */
  followUp(title: string, about: PressedItem, why: string, tone?: AppNotice['tone']): void
  /** The host opens what the expert asked for. */
  focus(request: FocusRequest): void
}
