/** The platform's timed rules, run once a second: invite expiry, auto-cancel, "online until", lapsed proposals. */
import type { InviteRow } from '../store/platform-store'
import { endOnlineUntil } from './availability'
import type { MarketplaceContext } from './context'
import { expireRequestIfUnanswered } from './requests'
import { lapseOverdueProposals } from './reschedules'
import { autoCancelOverdue } from './sessions'

/** What one sweep changed. */
export interface SweepResult {
  readonly expiredInvites: number
  readonly cancelledSessions: number
  readonly expertsNowAway: number
  /** Proposals of another time that lapsed unanswered. */
  readonly lapsedProposals: number
}

/** Apply every rule whose time has come. */
export function sweep(ctx: MarketplaceContext): SweepResult {
  return {
    expiredInvites: expireInvites(ctx),
    cancelledSessions: autoCancelOverdue(ctx),
    expertsNowAway: endOnlineUntil(ctx),
    lapsedProposals: lapseOverdueProposals(ctx),
  }
}

function expireInvites(ctx: MarketplaceContext): number {
  const due = ctx
    .sql<[number], InviteRow>(
      `SELECT * FROM invites WHERE state = 'open' AND expires_at <= ? ORDER BY expires_at`,
    )
    .all(ctx.clock.now())
  if (due.length === 0) return 0
  ctx.events.transact(() => {
    const expire = ctx.sql(`UPDATE invites SET state = 'expired' WHERE id = ? AND state = 'open'`)
    for (const invite of due) {
      expire.run(invite.id)
      ctx.events.append(invite.expert_id, 'invite.closed', {
        inviteId: invite.id,
        reason: 'expired',
        sessionId: null,
      })
    }
    for (const requestId of new Set(due.map((i) => i.request_id))) expireRequestIfUnanswered(ctx, requestId)
    // A missed invite changes the expert's recent figures, so their devices hear it now.
    for (const expertId of new Set(due.map((i) => i.expert_id))) {
      ctx.events.append(expertId, 'expert.updated', { expert: ctx.store.expert(expertId) })
    }
  })
  return due.length
}
