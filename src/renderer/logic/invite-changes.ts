/**
 * Which invites just left the open list for a reason the expert did not choose (taken by another
 * expert, expired, withdrawn), so the UI can say so at once instead of letting a card vanish.
 */
import type { Invite } from '../../shared/protocol/entities'
import { closedInviteLabel } from './labels'

/** One short notice about an invite that left the open list. */
export interface ClosedInviteNotice {
  readonly inviteId: string
  readonly title: string
  /** "Taken by another expert", "Expired" or "Withdrawn by the client". */
  readonly label: string
}

/** Notices for invites open in `before` and now missed for someone else's reason. */
export function closedInviteNotices(
  before: ReadonlyArray<Invite>,
  open: ReadonlyArray<Invite>,
  missed: ReadonlyArray<Invite>,
): ReadonlyArray<ClosedInviteNotice> {
  const stillOpen = new Set(open.map((invite) => invite.id))
  const missedById = new Map(missed.map((invite) => [invite.id, invite]))
  const notices: ClosedInviteNotice[] = []
  for (const invite of before) {
    if (stillOpen.has(invite.id)) continue
    const closed = missedById.get(invite.id)
    // Declined and accepted invites left because the expert acted: nothing to announce.
    if (closed === undefined || closed.state === 'declined' || closed.state === 'accepted') continue
    const label = closedInviteLabel(closed.state)
    if (label !== '') notices.push({ inviteId: invite.id, title: invite.request.title, label })
  }
  return notices
}
