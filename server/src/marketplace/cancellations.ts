/**
 * Cancelling a booked session ahead of time, by the expert (a command) or the client (the
 * simulator and the admin endpoint act for clients): free until the free period ends
 * (src/shared/rules/cancellation-terms.ts), after it the party who cancels pays the fee. A live,
 * ended or already cancelled session cannot be cancelled this way.
 */
import type { Cancellation, CommandPayload, CommandResult, Session } from '../../../src/shared/protocol'
import { freeCancellationUntil, lateCancellationFeeTo } from '../../../src/shared/rules/cancellation-terms'
import { PlatformError } from '../platform-error'
import type { SessionRow } from '../store/platform-store'
import type { MarketplaceContext } from './context'
import { lapsedReschedule } from './pending-proposal'
import { assertBooked, publish, sessionOf } from './sessions'

/** The expert cancels their booked session, with a note to the client. */
export function expertCancelSession(
  ctx: MarketplaceContext,
  expertId: string,
  { sessionId, message }: CommandPayload<'session.cancel'>,
): CommandResult<'session.cancel'> {
  return ctx.events.transact(() => ({
    session: cancel(ctx, sessionOf(ctx, expertId, sessionId), 'expert', message),
  }))
}

/** The client cancels a booked session, with a note to the expert. */
export function clientCancelSession(ctx: MarketplaceContext, sessionId: string, message?: string): Session {
  return ctx.events.transact(() => {
    const row = ctx.store.sessionRow(sessionId)
    if (row === undefined) throw new PlatformError('not_found', `No session ${sessionId}.`)
    return cancel(ctx, row, 'client', message)
  })
}

function cancel(
  ctx: MarketplaceContext,
  row: SessionRow,
  by: 'expert' | 'client',
  message: string | undefined,
): Session {
  assertBooked(row)
  const now = ctx.clock.now()
  const freeUntil = freeCancellationUntil(row.booked_start, ctx.config.freeCancellationHours)
  const cancellation: Cancellation = {
    reason: by === 'expert' ? 'expert_cancelled' : 'client_cancelled',
    feeAssessedTo: lateCancellationFeeTo(by, freeUntil, now),
    cancelledAt: now,
    by,
    ...(message === undefined || message === '' ? {} : { message }),
  }
  ctx
    .sql(
      `UPDATE sessions SET state = 'cancelled', cancellation = ?, reschedule = ?, updated_at = ? WHERE id = ?`,
    )
    .run(JSON.stringify(cancellation), lapsedReschedule(row, now), now, row.id)
  ctx.logger.info('session cancelled ahead of time', {
    session: row.id,
    by,
    fee: cancellation.feeAssessedTo ?? 'none',
  })
  return publish(ctx, row.id)
}
