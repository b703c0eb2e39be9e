/**
 * The words the UI uses for the protocol's enums. An invite's kind and reason are in
 * shared/labels.ts, since its notification says them too.
 */
import { assertNever } from '../../shared/assert-never'
import type { InviteState, Session } from '../../shared/protocol/entities'
import { noticeText, theirs, type NoticeText } from './isolate'

/** Why an invite left the open list; empty for the expert's own accept. */
export function closedInviteLabel(state: InviteState): string {
  switch (state) {
    case 'taken':
      return 'Taken by another expert'
    case 'expired':
      return 'Expired'
    case 'withdrawn':
      return 'Withdrawn by the client'
    case 'declined':
      return 'Declined'
    case 'open':
    case 'accepted':
      return ''
    default:
      return assertNever(state)
  }
}

/** How a past session ended, for the history list. */
export function outcomeLabel(session: Session): NoticeText {
  if (session.state === 'cancelled' && session.cancellation !== null) {
    switch (session.cancellation.reason) {
      case 'client_absent':
        return 'Cancelled: the client did not join'
      case 'expert_absent':
        return 'Cancelled: you did not join'
      case 'both_absent':
        return 'Cancelled: nobody joined'
      case 'client_cancelled':
        return noticeText`Cancelled by ${theirs(session.client.name)}`
      case 'expert_cancelled':
        return 'Cancelled by you'
      default:
        return assertNever(session.cancellation.reason)
    }
  }
  const outcome = session.outcome
  if (outcome === null) return session.state === 'cancelled' ? 'Cancelled' : 'Ended'
  switch (outcome.kind) {
    case 'charged':
      return 'Charged'
    case 'discounted':
      return `Discounted ${outcome.percent}%`
    case 'free':
      return 'No charge'
    default:
      return assertNever(outcome)
  }
}

/** Who pays the cancellation fee, or null when there was no cancellation. */
export function feeLabel(session: Session): string | null {
  if (session.cancellation === null) return null
  switch (session.cancellation.feeAssessedTo) {
    case 'client':
      return 'Fee charged to the client'
    case 'expert':
      return 'Fee charged to you'
    case null:
      return 'No fee'
    default:
      return assertNever(session.cancellation.feeAssessedTo)
  }
}
