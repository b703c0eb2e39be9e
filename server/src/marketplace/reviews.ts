/**
 * A client's review of an ended session (1 to 5 whole stars and a comment) and a chargeback the
 * payment provider reports: each recorded once per session, told to the expert's devices as the
 * session's update, with the expert's figures (average, trend, chargebacks) sent along.
 */
import { z } from 'zod'
import {
  ChargebackReason,
  describeInstant,
  Rating,
  ReviewComment,
  Written,
  type Session,
} from '../../../src/shared/protocol'
import { PlatformError } from '../platform-error'
import type { SessionRow } from '../store/platform-store'
import type { MarketplaceContext } from './context'
import { sessionMoney } from './earnings'
import { parseInput } from './parse-input'

/** What a client sends with a review: the stars, and a comment that may be left out. */
export const ReviewInput = z
  .object({ rating: Rating, comment: Written(ReviewComment, 'The comment').default('') })
  .strict()

/** What the operator sends with a chargeback: the provider's reason, which may be left out. */
export const ChargebackInput = z
  .object({ reason: Written(ChargebackReason, 'The reason').default('') })
  .strict()

/** Record the client's review of an ended session; a second review of it is refused. */
export function recordReview(ctx: MarketplaceContext, sessionId: string, input: unknown): Session {
  return logRefusal(ctx, 'review', () =>
    ctx.events.transact(() => {
      const row = endedSession(ctx, sessionId, 'review')
      const { rating, comment } = parseInput(ReviewInput, input, 'review')
      const earlier = ctx
        .sql<[string], { rating: number; reviewed_at: number }>(
          'SELECT rating, reviewed_at FROM reviews WHERE session_id = ?',
        )
        .get(row.id)
      if (earlier !== undefined) {
        throw new PlatformError(
          'conflict',
          `Session ${row.id} was already reviewed (${earlier.rating} of 5 stars, ${describeInstant(earlier.reviewed_at)}); a session is reviewed once.`,
        )
      }
      ctx
        .sql(
          'INSERT INTO reviews (session_id, expert_id, rating, comment, reviewed_at) VALUES (?, ?, ?, ?, ?)',
        )
        .run(row.id, row.expert_id, rating, comment, ctx.clock.now())
      ctx.logger.info('review recorded', { session: row.id, rating })
      return publishWithStats(ctx, row)
    }),
  )
}

/** Record a chargeback against a session the client paid for (more than nothing); a second one is refused. */
export function recordChargeback(ctx: MarketplaceContext, sessionId: string, input: unknown): Session {
  return logRefusal(ctx, 'chargeback', () =>
    ctx.events.transact(() => {
      const row = endedSession(ctx, sessionId, 'chargeback')
      const { reason } = parseInput(ChargebackInput, input, 'chargeback')
      if (row.outcome === null || (JSON.parse(row.outcome) as { kind: string }).kind === 'free') {
        throw new PlatformError(
          'invalid_state',
          `Session ${row.id} ended free of charge, so there is no payment to charge back.`,
        )
      }
      // Charged or discounted, yet nothing to pay: billing ended as it started, or a discount of a
      // small amount rounded down to nothing. A chargeback counts against the expert's standing,
      // and one of no payment would count where the client lost nothing.
      if (sessionMoney(row).earnings?.amountMinor === 0) {
        throw new PlatformError(
          'invalid_state',
          `The client paid nothing for session ${row.id}, so there is no payment to charge back.`,
        )
      }
      const earlier = ctx
        .sql<[string], number>('SELECT recorded_at FROM chargebacks WHERE session_id = ?')
        .pluck()
        .get(row.id)
      if (earlier !== undefined) {
        throw new PlatformError(
          'conflict',
          `A chargeback was already recorded against session ${row.id} (${describeInstant(earlier)}); a session is charged back once.`,
        )
      }
      ctx
        .sql('INSERT INTO chargebacks (session_id, expert_id, reason, recorded_at) VALUES (?, ?, ?, ?)')
        .run(row.id, row.expert_id, reason, ctx.clock.now())
      ctx.logger.warn('chargeback recorded', { session: row.id, expert: row.expert_id })
      return publishWithStats(ctx, row)
    }),
  )
}

/** The session, if it has ended; reviews and chargebacks come only after the end. */
function endedSession(ctx: MarketplaceContext, sessionId: string, what: string): SessionRow {
  const row = ctx.store.sessionRow(sessionId)
  if (row === undefined) throw new PlatformError('not_found', `No session ${sessionId}.`)
  if (row.state === 'cancelled') {
    throw new PlatformError(
      'invalid_state',
      `Session ${row.id} was cancelled; a ${what} is recorded only for a session that ended.`,
    )
  }
  if (row.state !== 'ended') {
    throw new PlatformError(
      'invalid_state',
      `Session ${row.id} has not ended yet; a ${what} is recorded once it has ended.`,
    )
  }
  return row
}

/** Runs `record`; a refusal is logged with its sentence before it goes back to the caller. */
function logRefusal(ctx: MarketplaceContext, what: string, record: () => Session): Session {
  try {
    return record()
  } catch (error) {
    if (error instanceof PlatformError) ctx.logger.warn(`${what} refused`, { reason: error.message })
    throw error
  }
}

/** The session with its review or chargeback, then the expert's figures, which changed with it. */
function publishWithStats(ctx: MarketplaceContext, row: SessionRow): Session {
  const session = ctx.store.session(row.id)
  ctx.events.append(row.expert_id, 'session.updated', { session })
  ctx.events.append(row.expert_id, 'expert.updated', { expert: ctx.store.expert(row.expert_id) })
  return session
}
