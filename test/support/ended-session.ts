/** A session taken, billed and ended on a test platform, so a test can review or charge it back. */
import type { Outcome, Session } from '../../src/shared/protocol'
import type { TestPlatform } from './test-platform'

let keys = 0

/** How an ended session was billed. */
export interface Billing {
  /**
   * Billable time between the start of billing and the end, on the platform's clock: a second
   * unless given, so the client paid a started block and a chargeback has a payment to undo.
   * Not used for a free session, which never starts billing.
   */
  readonly billedMs?: number
}

/** A new expert's direct instant session, accepted, joined by the client, billed and ended with `outcome`. */
export function endedSessionOn(
  platform: TestPlatform,
  outcome: Outcome = { kind: 'charged' },
  expertId: string = platform.addExpert().id,
  { billedMs = 1_000 }: Billing = {},
): { expertId: string; sessionId: string } {
  const marketplace = platform.server.marketplace
  const { request } = platform.inviteDirectly(expertId, 'Help with a query')
  const inviteId = marketplace.db
    .prepare('SELECT id FROM invites WHERE request_id = ?')
    .pluck()
    .get(request.id) as string
  const run = (name: string, payload: unknown): unknown => {
    const ack = marketplace.execute(expertId, { name, idempotencyKey: `ended-session-${++keys}`, payload })
    if (!ack.ok) throw new Error(ack.error.message)
    return ack.result
  }
  const { session } = run('invite.accept', { inviteId, proposedTime: null }) as { session: Session }
  marketplace.clientJoin(session.id)
  if (outcome.kind !== 'free') {
    run('session.startBilling', { sessionId: session.id })
    platform.clock.advance(billedMs)
  }
  run('session.end', { sessionId: session.id, outcome })
  return { expertId, sessionId: session.id }
}
