/** The words of an invite's notifications: the new invite, and the word that it has closed. */
import { kindLabel, reasonLabel } from '../../../shared/labels'
import type { Invite, InviteClosedReason } from '../../../shared/protocol'
import type { AppNotification } from '../ports/notifier'

/** Why an invite is no longer open, as the expert would be told; null when only a snapshot saw it go. */
const CLOSED_BECAUSE: Record<InviteClosedReason | 'gone', string> = {
  accepted: 'You accepted it.',
  declined: 'You declined it.',
  taken: 'Another expert took it.',
  expired: 'It expired.',
  withdrawn: 'The client withdrew it.',
  gone: 'It is no longer open.',
}

/** The notification for a new invite. */
export function inviteNotification(invite: Invite): AppNotification {
  const instant = invite.request.kind === 'instant'
  return {
    kind: 'invite',
    inviteId: invite.id,
    instant,
    title: `${kindLabel(invite.request.kind)}: ${invite.request.title}`,
    body: `${reasonLabel(invite.reason)} · ${invite.request.client.name}`,
  }
}

/** The word that a notified invite closed, so its notification can be taken off the screen. */
export function inviteClosedNotification(invite: Invite, reason: InviteClosedReason | null): AppNotification {
  return {
    kind: 'invite_closed',
    inviteId: invite.id,
    title: `Closed: ${invite.request.title}`,
    body: CLOSED_BECAUSE[reason ?? 'gone'],
  }
}
