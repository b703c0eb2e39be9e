/**
 * Each expert's invites are found through their stream's lookup (`expert_events.invite_id`,
 * ExpertEventLookup); what is written here after a fan-out's sends is the invited experts' last
 * invite time, for the matching order. It is written in a transaction of its own after the sends
 * (EventLog.afterDelivery), and rebuilt from the events at start if the platform stopped in between.
 */
import type { MarketplaceContext } from './context'
import { markPhase } from '../phase-trace'

/** Invites one request just sent. */
export interface SentInvites {
  readonly sentAt: number
  /** The request they were sent for: every invite a request has is created with it. */
  readonly requestId: string
}

/** Write the last invite time of the experts just sent an invite. */
export function writeLastInvited(ctx: Pick<MarketplaceContext, 'sql'>, sent: SentInvites): void {
  // The time of the newest invite, as the sends left it even when the clock was set back between
  // them: these writes run in the order of the sends, at start too. One statement over the
  // request's invites, instead of a call per expert: the calls cost more than the rows.
  ctx
    .sql(
      `UPDATE experts SET last_invited_at = ? WHERE id IN (SELECT expert_id FROM invites WHERE request_id = ?)`,
    )
    .run(sent.sentAt, sent.requestId)
  markPhase('last invited')
}

/**
 * Write the invite rows and last invite times the platform did not get to write before it stopped:
 * those of the invites created by events after `afterSeq` (EventLog's `repairAfter`, which writes
 * their stream's lookup rows in the same transaction). Must run inside a transaction. Returns how
 * many invites it found, and how many of those events' texts did not read (damaged on disk): their
 * invites cannot be rebuilt, and the platform starts without them rather than not at all.
 */
export function repairInviteLookup(
  ctx: Pick<MarketplaceContext, 'sql'>,
  afterSeq: number,
): { readonly invites: number; readonly unreadable: number } {
  // The invite rows themselves follow the sends too (createRequest): each event holds its invite.
  ctx
    .sql(
      `INSERT OR IGNORE INTO invites (id, request_id, expert_id, reason, sent_at, expires_at, state)
         SELECT json_extract(payload, '$.payload.invite.id'),
                COALESCE(request_id, json_extract(payload, '$.payload.invite.request.id')), expert_id,
                json_extract(payload, '$.payload.invite.reason'), json_extract(payload, '$.payload.invite.sentAt'),
                json_extract(payload, '$.payload.invite.expiresAt'), 'open'
           FROM events WHERE seq > ? AND type = 'invite.created' AND json_valid(payload) ORDER BY seq`,
    )
    .run(afterSeq)
  const sent = ctx
    .sql<[number], { request_id: string; sent_at: number }>(
      `SELECT invites.request_id, invites.sent_at FROM events
         JOIN invites ON invites.id = json_extract(events.payload, '$.payload.invite.id')
         WHERE events.seq > ? AND events.type = 'invite.created' AND json_valid(events.payload)
         ORDER BY events.seq`,
    )
    .all(afterSeq)
  const requests = new Map(sent.map(({ request_id: requestId, sent_at: sentAt }) => [requestId, sentAt]))
  for (const [requestId, sentAt] of requests) writeLastInvited(ctx, { sentAt, requestId })
  const unreadable = ctx
    .sql<[number], number>(
      `SELECT COUNT(*) FROM events WHERE seq > ? AND type = 'invite.created' AND NOT json_valid(payload)`,
    )
    .pluck()
    .get(afterSeq)
  return { invites: sent.length, unreadable: unreadable ?? 0 }
}
