/** Book a scheduled session on a test platform as if the client asked and the expert accepted. */
import type { Session } from '../../src/shared/protocol'
import { ofType, type ExpertConnection } from './expert-connection'
import type { TestPlatform } from './test-platform'

const HOUR = 3_600_000

/** A client's direct scheduled request to `expertId` for `start`, booked by the expert on the platform; the request's id. */
export function bookScheduled(
  platform: TestPlatform,
  booking: { expertId: string; clientId: string; title: string; start: number },
): string {
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
  return request.id
}

/** A new client, Sam, with a session booked with `expertId` two hours from the platform's now; its request's id. */
export function bookWithNewClient(platform: TestPlatform, expertId: string): string {
  const clientId = platform.addClient('Sam')
  return bookScheduled(platform, {
    expertId,
    clientId,
    title: 'Booked',
    start: platform.clock.now() + 2 * HOUR,
  })
}

/**
 * A new expert, connected over a socket, accepts a client's direct scheduled request for
 * `inMinutes` from the platform's now: the booking as the expert's app makes it.
 */
export async function bookOverSocket(
  platform: TestPlatform,
  inMinutes: number,
): Promise<{ session: Session; socket: ExpertConnection; expertId: string }> {
  const expert = platform.addExpert()
  const socket = await platform.connect(expert.token)
  const start = platform.clock.now() + inMinutes * 60_000
  platform.server.marketplace.createRequest({
    clientId: platform.addClient(),
    title: 'Scheduled help',
    kind: 'scheduled',
    proposedTimes: [start],
    direct: { expertId: expert.id, via: 'dashboard' },
  })
  const invite = await socket.waitForEvent(ofType('invite.created'))
  const ack = await socket.command('invite.accept', {
    inviteId: invite.payload.invite.id,
    proposedTime: start,
  })
  if (!ack.ok) throw new Error(ack.error.message)
  return { session: (ack.result as { session: Session }).session, socket, expertId: expert.id }
}
