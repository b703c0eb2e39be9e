/**
 * Each expert's invites, found through `expert_invites` (migration 0012-expert-lookups), and each expert's last
 * invite time for the matching order. Both are written just after a fan-out's invites were sent,
 * in a transaction of their own (EventLog.afterDelivery), and are rebuilt from the invites at
 * start if the platform stopped in between.
 */
import type { MarketplaceContext } from './context'

/** Write the lookup rows of `inviteIds`, in their current state, and their experts' last invite time. */
export function writeInviteLookup(
  ctx: Pick<MarketplaceContext, 'sql'>,
  inviteIds: ReadonlyArray<string>,
): void {
  const ids = JSON.stringify(inviteIds)
  // The state as it is now: a retried write may run after the invite was answered or closed.
  ctx
    .sql(
      `INSERT OR IGNORE INTO expert_invites (expert_id, state, sent_at, invite_id)
         SELECT expert_id, state, sent_at, id FROM invites WHERE id IN (SELECT value FROM json_each(?))`,
    )
    .run(ids)
  ctx
    .sql(
      `UPDATE experts SET last_invited_at = MAX(last_invited_at, invited.sent_at)
         FROM (SELECT expert_id, MAX(sent_at) AS sent_at FROM invites
           WHERE id IN (SELECT value FROM json_each(?)) GROUP BY expert_id) AS invited
         WHERE experts.id = invited.expert_id`,
    )
    .run(ids)
}

/**
 * Write the lookup rows the platform did not get to write before it stopped: those of open invites
 * without one. Nothing commits between a fan-out and its lookup write (a failed one is retried
 * inside the next transaction), so every such invite is still open. Returns how many it wrote.
 */
export function repairInviteLookup(ctx: Pick<MarketplaceContext, 'sql' | 'db'>): number {
  const missing = ctx
    .sql<[], string>(
      `SELECT id FROM invites INDEXED BY invites_open_by_expiry WHERE state = 'open' AND NOT EXISTS
         (SELECT 1 FROM expert_invites AS e WHERE e.expert_id = invites.expert_id AND e.state = 'open'
           AND e.sent_at = invites.sent_at AND e.invite_id = invites.id)`,
    )
    .pluck()
    .all()
  if (missing.length > 0) ctx.db.transaction(() => writeInviteLookup(ctx, missing))()
  return missing.length
}
