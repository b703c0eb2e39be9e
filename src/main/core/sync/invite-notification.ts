/** The words of an invite's notification: what kind, why this expert, and what it is about. */
import { kindLabel, reasonLabel } from '../../../shared/labels'
import type { Invite } from '../../../shared/protocol'
import type { AppNotification } from '../ports/notifier'

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
