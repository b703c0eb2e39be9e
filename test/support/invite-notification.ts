/** The instant invite notification the notifier's tests show: Sam Lee's hooks question, matched to Ada. */
import type { InviteNotification } from '../../src/main/core/invites/invite-presses'

/** An instant invite to request `req_1`, as the core hands it to the notifier. */
export const INSTANT_INVITE: InviteNotification = {
  kind: 'invite',
  inviteId: 'inv_1',
  requestId: 'req_1',
  title: 'Sam Lee: Hooks question',
  body: 'Instant · Matched to you',
  instant: true,
}
