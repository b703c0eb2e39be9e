/**
 * Each expert's invites, found through `expert_invites` (migration 0012-expert-lookups), and each
 * expert's last invite time for the matching order. Both are written just after a fan-out's
 * invites were sent, in a transaction of their own (EventLog.afterDelivery), and are rebuilt from
 * the events at start if the platform stopped in between.
 */
import type { MarketplaceContext } from './context'

/** Invites one request just sent: the lookup rows to write for them. */
export interface SentInvites {
  readonly sentAt: number
  readonly invites: ReadonlyArray<{ readonly expertId: string; readonly inviteId: string }>
}

/** Write the lookup rows of invites just sent, in their state now, and their experts' last invite time. */
export function writeInviteLookup(ctx: Pick<MarketplaceContext, 'sql'>, sent: SentInvites): void {
  // The state as it is now: the transaction that sent an invite may also have closed it.
  const insert = ctx.sql(
    `INSERT OR IGNORE INTO expert_invites (expert_id, state, sent_at, invite_id)
       SELECT expert_id, state, sent_at, id FROM invites WHERE id = ?`,
  )
  for (const { inviteId } of sent.invites) insert.run(inviteId)
  // The time of the newest invite, as the sends left it even when the clock was set back between
  // them: these writes run in the order of the sends, at start too.
  ctx
    .sql(`UPDATE experts SET last_invited_at = ? WHERE id IN (SELECT value FROM json_each(?))`)
    .run(sent.sentAt, JSON.stringify(sent.invites.map((i) => i.expertId)))
}

/**
 * Write the lookup rows the platform did not get to write before it stopped: those of the invites
 * created by events after `afterSeq` (EventLog's `repairAfter`), since an invite's lookup is
 * written in the same transaction as its event's. Must run inside a transaction. Returns how many
 * it wrote.
 */
export function repairInviteLookup(ctx: Pick<MarketplaceContext, 'sql'>, afterSeq: number): number {
  const sent = ctx
    .sql<[number], { id: string; expert_id: string; sent_at: number }>(
      `SELECT invites.id, invites.expert_id, invites.sent_at FROM events
         JOIN invites ON invites.id = json_extract(events.payload, '$.payload.invite.id')
         WHERE events.seq > ? AND events.type = 'invite.created' ORDER BY events.seq`,
    )
    .all(afterSeq)
  for (const { sent_at: sentAt, expert_id: expertId, id: inviteId } of sent) {
    writeInviteLookup(ctx, { sentAt, invites: [{ expertId, inviteId }] })
  }
  return sent.length
}
