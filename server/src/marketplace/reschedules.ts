/**
 * The expert proposes another time for a booked session; the client (the simulator and the admin
 * endpoint act for clients) accepts or declines. On accept the session moves, under the same rules
 * as a booking: not in the past, not overlapping another of the expert's sessions, and a client who
 * had joined for the old time must join again at the new one. A pending
 * proposal lapses when its time passes unanswered, or when the session is cancelled or starts
 * first; a new proposal replaces a pending one.
 */
import type { CommandPayload, CommandResult, Reschedule, Session } from '../../../src/shared/protocol'
import { outsideWindow, PROPOSED_TIME_WINDOW } from '../../../src/shared/rules/time-windows'
import { PlatformError } from '../platform-error'
import type { SessionRow } from '../store/platform-store'
import type { MarketplaceContext } from './context'
import { writeEach } from './apply-each'
import { refuseOverlap, utcWords } from './invites'
import { lapsedReschedule, pendingOf } from './pending-proposal'
import { assertBooked, publish, sessionOf } from './sessions'

/** The expert proposes `proposedStart` for their booked session. */
export function proposeTime(
  ctx: MarketplaceContext,
  expertId: string,
  { sessionId, proposedStart }: CommandPayload<'session.proposeTime'>,
): CommandResult<'session.proposeTime'> {
  return ctx.events.transact(() => {
    const row = sessionOf(ctx, expertId, sessionId)
    assertBooked(row)
    const now = ctx.clock.now()
    const implausible = outsideWindow(proposedStart, now, PROPOSED_TIME_WINDOW)
    if (implausible !== null) throw new PlatformError('invalid_payload', implausible)
    refusePast(proposedStart, now, 'propose a later one')
    if (proposedStart === row.booked_start)
      throw new PlatformError(
        'invalid_payload',
        'The session is already booked at that time; propose another.',
      )
    refuseOverlap(ctx, expertId, proposedStart, minutesOf(ctx, row), row.id, 'propose another time')
    const reschedule: Reschedule = {
      proposedStart,
      previousStart: row.booked_start,
      proposedAt: now,
      state: 'pending',
      answeredAt: null,
    }
    ctx
      .sql(`UPDATE sessions SET reschedule = ?, updated_at = ? WHERE id = ?`)
      .run(JSON.stringify(reschedule), now, row.id)
    ctx.logger.info('new time proposed', { session: row.id, proposedStart: utcWords(proposedStart) })
    return { session: publish(ctx, row.id) }
  })
}

/** The client accepts (the session moves) or declines (it stays) the pending proposal. */
export function answerProposal(ctx: MarketplaceContext, sessionId: string, accept: boolean): Session {
  return ctx.events.transact(() => {
    const row = ctx.store.sessionRow(sessionId)
    if (row === undefined) throw new PlatformError('not_found', `No session ${sessionId}.`)
    assertBooked(row)
    const pending = pendingOf(row)
    if (pending === null) {
      if (row.reschedule !== null && (JSON.parse(row.reschedule) as Reschedule).state === 'lapsed')
        throw new PlatformError(
          'expired',
          'That proposal lapsed unanswered when its time passed; the expert can propose another time.',
        )
      throw new PlatformError('invalid_state', 'No proposal of another time waits for an answer.')
    }
    const now = ctx.clock.now()
    if (accept) {
      refusePast(pending.proposedStart, now, 'the expert can propose a later one')
      refuseOverlap(
        ctx,
        row.expert_id,
        pending.proposedStart,
        minutesOf(ctx, row),
        row.id,
        'the expert can propose another time',
      )
    }
    const answered: Reschedule = { ...pending, state: accept ? 'accepted' : 'declined', answeredAt: now }
    // A join is for the booked time it was made at: a client who joined for the old time must join
    // again at the new one, or billing could start, and auto-cancel pass, with nobody there.
    ctx
      .sql(
        `UPDATE sessions SET booked_start = ?, client_joined_at = ?, reschedule = ?, updated_at = ?
         WHERE id = ?`,
      )
      .run(
        accept ? pending.proposedStart : row.booked_start,
        accept ? null : row.client_joined_at,
        JSON.stringify(answered),
        now,
        row.id,
      )
    ctx.logger.info('proposal answered', { session: row.id, accepted: accept })
    return publish(ctx, row.id)
  })
}

/** Lapse every pending proposal whose time passed, or whose session is no longer booked. */
export function lapseOverdueProposals(ctx: MarketplaceContext): number {
  const now = ctx.clock.now()
  const due = ctx
    .sql<[number], SessionRow>(
      `SELECT * FROM sessions WHERE json_extract(reschedule, '$.state') = 'pending'
         AND (state != 'booked' OR json_extract(reschedule, '$.proposedStart') <= ?)`,
    )
    .all(now)
  return writeEach(ctx, 'lapsed proposals', due, (row) => lapse(ctx, row, now))
}

/**
 * Lapse the session's pending proposal now if its time has passed, in a transaction of its own,
 * before the client's answer is read: the rule runs once a second, and an answer in between (or
 * after the wall clock was set forward) must find the proposal lapsed, not decline it.
 */
export function lapseProposalIfDue(ctx: MarketplaceContext, sessionId: string): void {
  const now = ctx.clock.now()
  const row = ctx.store.sessionRow(sessionId)
  const pending = row === undefined ? null : pendingOf(row)
  if (row === undefined || pending === null || pending.proposedStart > now) return
  writeEach(ctx, 'lapsed proposals', [row], (due) => lapse(ctx, due, now))
}

function lapse(ctx: MarketplaceContext, row: SessionRow, now: number): void {
  ctx
    .sql(`UPDATE sessions SET reschedule = ?, updated_at = ? WHERE id = ?`)
    .run(lapsedReschedule(row, now), now, row.id)
  publish(ctx, row.id)
  ctx.logger.info('proposal lapsed unanswered', { session: row.id })
}

function refusePast(start: number, now: number, advice: string): void {
  if (start <= now)
    throw new PlatformError('time_passed', `That time (${utcWords(start)}) has already passed; ${advice}.`)
}

function minutesOf(ctx: MarketplaceContext, row: SessionRow): number {
  return ctx.store.request(row.request_id).expectedDurationMinutes
}
