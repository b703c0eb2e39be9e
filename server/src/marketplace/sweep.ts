/** The platform's timed rules, run once a second: invite expiry, auto-cancel, "online until", lapsed proposals. */
import type { InviteRow } from '../store/platform-store'
import { applyEach, runRule } from './apply-each'
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
  // Each rule on its own: one that fails leaves the others to run.
  return {
    expiredInvites: runRule(ctx, 'invite expiry', () => expireInvites(ctx)),
    cancelledSessions: runRule(ctx, 'auto-cancel', () => autoCancelOverdue(ctx)),
    expertsNowAway: runRule(ctx, 'online until', () => endOnlineUntil(ctx)),
    lapsedProposals: runRule(ctx, 'lapsed proposals', () => lapseOverdueProposals(ctx)),
  }
}

function expireInvites(ctx: MarketplaceContext): number {
  const due = ctx
    .sql<[number], InviteRow>(
      `SELECT * FROM invites WHERE state = 'open' AND expires_at <= ? ORDER BY expires_at`,
    )
    .all(ctx.clock.now())
  if (due.length === 0) return 0
  try {
    // All at once, in one transaction: the usual case, and the cheapest.
    expire(ctx, due)
    return due.length
  } catch {
    // One of them cannot be expired: each on its own, so that one alone is left.
    return applyEach(ctx, 'invite expiry', due, (invite) => expire(ctx, [invite]))
  }
}

/**
 * Close a request's invites whose time has run out now, as expired, before the client acts on it:
 * the rule runs once a second, and a withdrawal in between (or after the wall clock was set
 * forward) must find them expired, as the expert's app already shows them, not close them as
 * withdrawn.
 */
export function expireDueInvitesOf(ctx: MarketplaceContext, requestId: string): void {
  const due = ctx
    .sql<[string, number], InviteRow>(
      `SELECT * FROM invites WHERE request_id = ? AND state = 'open' AND expires_at <= ? ORDER BY expires_at`,
    )
    .all(requestId, ctx.clock.now())
  if (due.length === 0) return
  runRule(ctx, 'invite expiry', () => {
    expire(ctx, due)
    return due.length
  })
}

function expire(ctx: MarketplaceContext, due: ReadonlyArray<InviteRow>): void {
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
}
