/**
 * A session's life: joining inside the start window, billing only on the expert's command, ending
 * with an outcome, and the system's cancellation when a party has not joined in time.
 */
import {
  describeInstant,
  type CommandPayload,
  type CommandResult,
  type Session,
} from '../../../src/shared/protocol'
import {
  absentParty,
  autoCancelAt,
  feeAssessedTo,
  isDueForAutoCancel,
  startWindowAt,
  startWindowOpensAt,
} from '../../../src/shared/rules/session-timing'
import { steadyNow } from '../../../src/shared/clock'
import { notCancellableReason } from '../../../src/shared/rules/cancellation-terms'
import { PlatformError } from '../platform-error'
import { busyForSession, endBusyForSession } from './availability'
import { appendMessage } from './messages'
import { lapsedReschedule } from './pending-proposal'
import type { SessionRow } from '../store/platform-store'
import type { MarketplaceContext } from './context'
import { writeEach } from './apply-each'
import { wasDownDuring } from './platform-outages'

/** The expert joins their session; allowed from 10 minutes before the booked time. */
export function joinSession(
  ctx: MarketplaceContext,
  expertId: string,
  { sessionId }: CommandPayload<'session.join'>,
): CommandResult<'session.join'> {
  return ctx.events.transact(() => {
    const row = sessionOf(ctx, expertId, sessionId)
    if (row.expert_joined_at !== null && row.state === 'live')
      return { session: ctx.store.sessionFromRow(row) }
    return { session: join(ctx, row, 'expert') }
  })
}

/** The client joins (the simulator and tests act for clients). */
export function clientJoinSession(ctx: MarketplaceContext, sessionId: string): Session {
  return ctx.events.transact(() => {
    const row = ctx.store.sessionRow(sessionId)
    if (row === undefined) throw new PlatformError('not_found', `No session ${sessionId}.`)
    // Joining again is answered with the session while it runs; once over, refused as the expert is.
    assertActive(row)
    if (row.client_joined_at !== null) return ctx.store.sessionFromRow(row)
    return join(ctx, row, 'client')
  })
}

function join(ctx: MarketplaceContext, row: SessionRow, party: 'expert' | 'client'): Session {
  assertActive(row)
  const now = ctx.clock.now()
  const window = startWindowAt(row.booked_start, now)
  if (window === 'too_early') {
    const opens = describeInstant(startWindowOpensAt(row.booked_start))
    throw new PlatformError(
      'too_early',
      `This session can be started from ${opens}, 10 minutes before its booked time.`,
    )
  }
  if (window === 'closed') {
    throw new PlatformError('invalid_state', 'The start window has closed; this session is being cancelled.')
  }
  const column = party === 'expert' ? 'expert_joined_at' : 'client_joined_at'
  const state = party === 'expert' ? 'live' : row.state
  // A session that starts lapses a pending proposal of another time with the same event.
  const reschedule = state === 'booked' ? row.reschedule : lapsedReschedule(row, now)
  ctx
    .sql(`UPDATE sessions SET ${column} = ?, state = ?, reschedule = ?, updated_at = ? WHERE id = ?`)
    .run(now, state, reschedule, now, row.id)
  const session = publish(ctx, row.id)
  if (party === 'expert' && busyForSession(ctx, row.expert_id)) publishExpert(ctx, row.expert_id)
  return session
}

/** Start billable time. Only the expert can, once the client is there. */
export function startBilling(
  ctx: MarketplaceContext,
  expertId: string,
  { sessionId }: CommandPayload<'session.startBilling'>,
): CommandResult<'session.startBilling'> {
  return ctx.events.transact(() => {
    const row = sessionOf(ctx, expertId, sessionId)
    assertActive(row)
    if (row.state !== 'live' || row.expert_joined_at === null) {
      throw new PlatformError('invalid_state', 'Join the session before starting billing.')
    }
    if (row.phase === 'billable') return { session: ctx.store.sessionFromRow(row) }
    if (row.client_joined_at === null) {
      throw new PlatformError(
        'invalid_state',
        'The client has not joined yet; billing can start once they do.',
      )
    }
    refuseWhileBillingAnother(ctx, expertId, row.id)
    const now = ctx.clock.now()
    ctx
      .sql(`UPDATE sessions SET phase = 'billable', billing_started_at = ?, updated_at = ? WHERE id = ?`)
      .run(now, now, row.id)
    ctx.billingStarts.set(row.id, steadyNow(ctx.clock))
    return { session: publish(ctx, row.id) }
  })
}

/**
 * One client's clock at a time: billing refused while another of the expert's sessions bills, so
 * no client pays for time the expert spends with someone else. Being live in two (building context
 * in one, finishing another) stays allowed: nothing is billed for it.
 */
function refuseWhileBillingAnother(ctx: MarketplaceContext, expertId: string, sessionId: string): void {
  const other = ctx
    .sql<[string, string], { request_id: string }>(
      `SELECT request_id FROM sessions
        WHERE expert_id = ? AND state = 'live' AND phase = 'billable' AND id != ? LIMIT 1`,
    )
    .get(expertId, sessionId)
  if (other === undefined) return
  const title = ctx.store.requestRow(other.request_id)?.title ?? 'another session'
  throw new PlatformError(
    'conflict',
    `You are billing “${title}” now; end that session before you start billing this one, so no client pays for time spent with another.`,
  )
}

/** End a live session as charged, discounted or free. */
export function endSession(
  ctx: MarketplaceContext,
  expertId: string,
  { sessionId, outcome, closingNote }: CommandPayload<'session.end'>,
): CommandResult<'session.end'> {
  return ctx.events.transact(() => {
    const row = sessionOf(ctx, expertId, sessionId)
    assertActive(row)
    if (row.state !== 'live')
      throw new PlatformError(
        'invalid_state',
        'This session has not started, so it cannot be ended yet; join it first, or cancel the booking if you cannot take it.',
      )
    if (outcome.kind !== 'free' && row.billing_started_at === null) {
      throw new PlatformError(
        'invalid_state',
        'Billing never started, so there is nothing to charge: end it as free.',
      )
    }
    const now = ctx.clock.now()
    const billingStartedAt = billedSince(ctx, row.id, row.billing_started_at, now)
    // The note goes to the client as the thread's last message, before the end closes the thread.
    if (closingNote !== undefined) appendMessage(ctx, row.request_id, expertId, 'expert', closingNote)
    ctx
      .sql(
        `UPDATE sessions SET state = 'ended', ended_at = ?, billing_started_at = ?, outcome = ?,
           closing_note = ?, updated_at = ?
         WHERE id = ?`,
      )
      .run(now, billingStartedAt, JSON.stringify(outcome), closingNote ?? null, now, row.id)
    const session = publish(ctx, row.id)
    endBusyForSession(ctx, expertId)
    // Sent either way: the stats changed with the session.
    publishExpert(ctx, expertId)
    return { session }
  })
}

/**
 * When billing started, as the session's record should say once it ends at `now`: the span billed
 * is what the steady clock measured, so a wall clock set back or forward meanwhile (by hand, or
 * NTP correcting it) moves the start, which was read on the clock before it was corrected, and
 * neither the end nor the charge. After a restart only the wall clock is left: the end is then
 * never before the start.
 */
function billedSince(ctx: MarketplaceContext, sessionId: string, recorded: number | null, now: number) {
  const steadyStart = ctx.billingStarts.get(sessionId)
  ctx.billingStarts.delete(sessionId)
  if (recorded === null) return null
  if (steadyStart === undefined) return Math.min(recorded, now)
  return now - Math.max(0, steadyNow(ctx.clock) - steadyStart)
}

/** Cancel every session whose auto-cancel deadline passed with a party absent. */
export function autoCancelOverdue(ctx: MarketplaceContext): number {
  const now = ctx.clock.now()
  const overdue = ctx
    .sql<[number], SessionRow>(
      `SELECT * FROM sessions WHERE state IN ('booked','live') AND booked_start <= ? ORDER BY booked_start`,
    )
    .all(now - 10 * 60_000)
    .filter((row) => dueForAutoCancel(row, now))
  return writeEach(ctx, 'auto-cancel', overdue, (row) => cancelForAbsence(ctx, row, now))
}

/**
 * Cancel one session now if its join deadline passed with a party absent, in a transaction of its
 * own, before anything else acts on it: the timed rule runs once a second, and a command that
 * arrives in between (or after the wall clock was set forward) must find the session as the rule
 * leaves it, not cancel it late with a fee, move it to another time, or end it.
 */
export function autoCancelIfDue(ctx: MarketplaceContext, sessionId: string): void {
  const now = ctx.clock.now()
  const row = ctx.store.sessionRow(sessionId)
  if (row === undefined || !dueForAutoCancel(row, now)) return
  writeEach(ctx, 'auto-cancel', [row], (due) => cancelForAbsence(ctx, due, now))
}

/** The same for the expert's session of a request, if they took it: before a message in its thread. */
export function autoCancelIfDueFor(ctx: MarketplaceContext, requestId: string, expertId: string): void {
  const sessionId = ctx
    .sql<[string, string], string>('SELECT id FROM sessions WHERE request_id = ? AND expert_id = ?')
    .pluck()
    .get(requestId, expertId)
  if (sessionId !== undefined) autoCancelIfDue(ctx, sessionId)
}

/** Whether the system must cancel the session on this row now: its deadline passed with a party absent. */
export function dueForAutoCancel(row: SessionRow, now: number): boolean {
  return isDueForAutoCancel(
    {
      state: row.state,
      bookedStart: row.booked_start,
      expertJoinedAt: row.expert_joined_at,
      clientJoinedAt: row.client_joined_at,
    },
    now,
  )
}

function cancelForAbsence(ctx: MarketplaceContext, row: SessionRow, now: number): void {
  const reason = absentParty(row.expert_joined_at, row.client_joined_at) ?? 'both_absent'
  // Absent while the platform was down is no fault of the absent party's: nobody could join.
  const excused = wasDownDuring(ctx, startWindowOpensAt(row.booked_start), autoCancelAt(row.booked_start))
  const cancellation = { reason, feeAssessedTo: excused ? null : feeAssessedTo(reason), cancelledAt: now }
  ctx
    .sql(
      `UPDATE sessions SET state = 'cancelled', cancellation = ?, reschedule = ?, updated_at = ?
       WHERE id = ?`,
    )
    .run(JSON.stringify(cancellation), lapsedReschedule(row, now), now, row.id)
  publish(ctx, row.id)
  if (endBusyForSession(ctx, row.expert_id)) publishExpert(ctx, row.expert_id)
  ctx.logger.info('session auto-cancelled', {
    session: row.id,
    reason,
    ...(excused && { fee: 'none: the platform was down during its join window' }),
  })
}

/** The expert's own session; someone else's is reported as missing. */
export function sessionOf(ctx: MarketplaceContext, expertId: string, sessionId: string): SessionRow {
  const row = ctx.store.sessionRow(sessionId)
  if (row === undefined || row.expert_id !== expertId)
    throw new PlatformError('not_found', `You have no session ${sessionId}.`)
  return row
}

/** Refuse a change ahead of time (cancel, another time) to a session that is not booked, saying why. */
export function assertBooked(row: SessionRow): void {
  const refusal = notCancellableReason(row.state)
  if (refusal !== null) throw new PlatformError('invalid_state', refusal)
}

function assertActive(row: SessionRow): void {
  if (row.state === 'ended')
    throw new PlatformError(
      'invalid_state',
      'This session has already ended, so it can no longer be joined or changed; nothing more is needed.',
    )
  if (row.state === 'cancelled')
    throw new PlatformError(
      'invalid_state',
      'This session was cancelled, so it can no longer be joined or changed; nothing more is needed.',
    )
}

/** Send the session as it now stands to its expert. */
export function publish(ctx: MarketplaceContext, sessionId: string): Session {
  const session = ctx.store.session(sessionId)
  ctx.events.append(session.expertId, 'session.updated', { session })
  return session
}

function publishExpert(ctx: MarketplaceContext, expertId: string): void {
  ctx.events.append(expertId, 'expert.updated', { expert: ctx.store.expert(expertId) })
}
