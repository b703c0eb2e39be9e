/**
 * Each expert's invites, found through `expert_invites` (migration 0012-expert-lookups), and each expert's last
 * invite time for the matching order. Both are written just after a fan-out's invites were sent,
 * in a transaction of their own (EventLog.afterDelivery), and are rebuilt from the invites at
 * start if the platform stopped in between.
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
  ctx
    .sql(
      `UPDATE experts SET last_invited_at = MAX(last_invited_at, ?) WHERE id IN (SELECT value FROM json_each(?))`,
    )
    .run(sent.sentAt, JSON.stringify(sent.invites.map((i) => i.expertId)))
}

/**
 * Write the lookup rows the platform did not get to write before it stopped: those of open invites
 * without one. Nothing commits between a fan-out and its lookup write (a failed one is retried
 * inside the next transaction), so every such invite is still open. Returns how many it wrote.
 */
export function repairInviteLookup(ctx: Pick<MarketplaceContext, 'sql' | 'db'>): number {
  const missing = ctx
    .sql<[], { id: string; expert_id: string; sent_at: number }>(
      `SELECT id, expert_id, sent_at FROM invites INDEXED BY invites_open_by_expiry WHERE state = 'open' AND NOT EXISTS
         (SELECT 1 FROM expert_invites AS e WHERE e.expert_id = invites.expert_id AND e.state = 'open'
           AND e.sent_at = invites.sent_at AND e.invite_id = invites.id)`,
    )
    .all()
  if (missing.length === 0) return 0
  ctx.db.transaction(() => {
    for (const { sent_at: sentAt, expert_id: expertId, id: inviteId } of missing) {
      writeInviteLookup(ctx, { sentAt, invites: [{ expertId, inviteId }] })
    }
  })()
  return missing.length
}
