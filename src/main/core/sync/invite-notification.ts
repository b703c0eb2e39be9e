/** The words of an invite's notification: what kind, why this expert, and what it is about. */
import type { Invite } from '../../../shared/protocol'
import type { AppNotification } from '../ports/notifier'

const REASONS: Record<Invite['reason'], string> = {
  matched: 'Matched to you',
  direct_dashboard: "Direct request from a client's dashboard",
  direct_profile: 'Direct request via your profile link',
}

/** The notification for a new invite. */
export function inviteNotification(invite: Invite): AppNotification {
  const instant = invite.request.kind === 'instant'
  return {
    kind: 'invite',
    inviteId: invite.id,
    instant,
    title: `${instant ? 'Instant' : 'Scheduled'}: ${invite.request.title}`,
    body: `${REASONS[invite.reason]} · ${invite.request.client.name}`,
  }
}
