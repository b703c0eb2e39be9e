/** Book a scheduled session on a test platform as if the client asked and the expert accepted. */
import type { TestPlatform } from './test-platform'

/** A client's direct scheduled request to `expertId` for `start`, booked by the expert on the platform. */
export function bookScheduled(
  platform: TestPlatform,
  booking: { expertId: string; clientId: string; title: string; start: number },
): void {
  const { marketplace } = platform.server
  const { request } = marketplace.createRequest({
    clientId: booking.clientId,
    title: booking.title,
    kind: 'scheduled',
    proposedTimes: [booking.start],
    direct: { expertId: booking.expertId, via: 'dashboard' },
  })
  const inviteId = marketplace.db
    .prepare('SELECT id FROM invites WHERE request_id = ?')
    .pluck()
    .get(request.id) as string
  const ack = marketplace.execute(booking.expertId, {
    name: 'invite.accept',
    idempotencyKey: `book-${request.id}`,
    payload: { inviteId, proposedTime: booking.start },
  })
  if (!ack.ok) throw new Error(ack.error.message)
}
