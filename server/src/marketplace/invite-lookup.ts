/**
 * Each expert's invites, found through `expert_invites` (migration 0012-expert-lookups), and each
 * expert's last invite time for the matching order. Both are written just after a fan-out's
 * invites were sent, in a transaction of their own (EventLog.afterDelivery), and are rebuilt from
 * the events at start if the platform stopped in between.
 */
import type { MarketplaceContext } from './context'
import { markPhase } from '../phase-trace'

/** Invites one request just sent: the lookup rows to write for them. */
export interface SentInvites {
  readonly sentAt: number
  /** The request they were sent for: every invite a request has is created with it. */
  readonly requestId: string
}

/** Write the lookup rows of invites just sent, in their state now, and their experts' last invite time. */
export function writeInviteLookup(ctx: Pick<MarketplaceContext, 'sql'>, sent: SentInvites): void {
  // The state as it is now: the transaction that sent an invite may also have closed it. One
  // statement each over the request's invites, instead of a call per invite or a list of experts
  // to parse: the calls cost more than the rows.
  ctx
    .sql(
      `INSERT OR IGNORE INTO expert_invites (expert_id, state, sent_at, invite_id)
         SELECT expert_id, state, sent_at, id FROM invites WHERE request_id = ?`,
    )
    .run(sent.requestId)
  markPhase('invite lookups')
  // The time of the newest invite, as the sends left it even when the clock was set back between
  // them: these writes run in the order of the sends, at start too.
  ctx
    .sql(
      `UPDATE experts SET last_invited_at = ? WHERE id IN (SELECT expert_id FROM invites WHERE request_id = ?)`,
    )
    .run(sent.sentAt, sent.requestId)
  markPhase('last invited')
}

/**
 * Write the lookup rows the platform did not get to write before it stopped: those of the invites
 * created by events after `afterSeq` (EventLog's `repairAfter`), since an invite's lookup is
 * written in the same transaction as its event's. Must run inside a transaction. Returns how many
 * it wrote.
 */
export function repairInviteLookup(ctx: Pick<MarketplaceContext, 'sql'>, afterSeq: number): number {
  // The invite rows themselves follow the sends too (createRequest): each event holds its invite.
  ctx
    .sql(
      `INSERT OR IGNORE INTO invites (id, request_id, expert_id, reason, sent_at, expires_at, state)
         SELECT json_extract(payload, '$.payload.invite.id'),
                COALESCE(request_id, json_extract(payload, '$.payload.invite.request.id')), expert_id,
                json_extract(payload, '$.payload.invite.reason'), json_extract(payload, '$.payload.invite.sentAt'),
                json_extract(payload, '$.payload.invite.expiresAt'), 'open'
           FROM events WHERE seq > ? AND type = 'invite.created' ORDER BY seq`,
    )
    .run(afterSeq)
  const sent = ctx
    .sql<[number], { request_id: string; sent_at: number }>(
      `SELECT invites.request_id, invites.sent_at FROM events
         JOIN invites ON invites.id = json_extract(events.payload, '$.payload.invite.id')
         WHERE events.seq > ? AND events.type = 'invite.created' ORDER BY events.seq`,
    )
    .all(afterSeq)
  const requests = new Map(sent.map(({ request_id: requestId, sent_at: sentAt }) => [requestId, sentAt]))
  for (const [requestId, sentAt] of requests) writeInviteLookup(ctx, { sentAt, requestId })
  return sent.length
}
