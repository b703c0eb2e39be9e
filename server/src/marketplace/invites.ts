/** An expert answering an invite. The first accept wins; everyone else is told at once. */
import type { CommandPayload, CommandResult } from '../../../src/shared/protocol'
import { conflictingSessions } from '../../../src/shared/rules/session-overlap'
import { autoCancelAt, startWindowOpensAt } from '../../../src/shared/rules/session-timing'
import { outsideWindow, PROPOSED_TIME_WINDOW } from '../../../src/shared/rules/time-windows'
import { newId } from '../ids'
import { newRoomKey } from '../room/room-link'
import { PlatformError } from '../platform-error'
import type { InviteRow, SessionRow } from '../store/platform-store'
import type { MarketplaceContext } from './context'
import { busyForSession } from './availability'
import { fixSessionTerms } from './earnings'
import { closeOpenInvites, expireRequestIfUnanswered } from './requests'
import { dueForAutoCancel } from './sessions'

/** Accept an invite: an instant one goes live at once, a scheduled one is booked at a proposed time. */
export function acceptInvite(
  ctx: MarketplaceContext,
  expertId: string,
  { inviteId, proposedTime }: CommandPayload<'invite.accept'>,
): CommandResult<'invite.accept'> {
  return ctx.events.transact(() => {
    const invite = openInviteOf(ctx, expertId, inviteId, 'accept')
    const request = ctx.store.requestRow(invite.request_id)
    if (request === undefined || request.state !== 'open') {
      throw new PlatformError('taken', 'Another expert already took this session.')
    }
    const now = ctx.clock.now()
    let bookedStart: number
    if (request.kind === 'instant') {
      if (proposedTime !== null)
        throw new PlatformError('invalid_payload', 'An instant invite takes no proposed time.')
      refuseInstantOverBooking(ctx, expertId, now, request.expected_duration_minutes)
      bookedStart = now
    } else {
      const proposed = JSON.parse(request.proposed_times) as number[]
      if (proposedTime === null) {
        throw new PlatformError(
          'invalid_payload',
          'Choose one of the proposed times to book a scheduled session.',
        )
      }
      const implausible = outsideWindow(proposedTime, now, PROPOSED_TIME_WINDOW)
      if (implausible !== null) throw new PlatformError('invalid_payload', implausible)
      if (!proposed.includes(proposedTime)) {
        throw new PlatformError(
          'not_proposed',
          'That time was not one the client proposed; book one of the proposed times.',
        )
      }
      if (proposedTime <= now) {
        throw new PlatformError(
          'time_passed',
          `That proposed time (${utcWords(proposedTime)}) has already passed; book a later one or decline.`,
        )
      }
      refuseOverlap(ctx, expertId, proposedTime, request.expected_duration_minutes)
      bookedStart = proposedTime
    }
    const sessionId = newId('ses')
    const live = request.kind === 'instant'
    ctx
      .sql(
        `INSERT INTO sessions (id, request_id, expert_id, client_id, kind, booked_start, state, phase,
           expert_joined_at, updated_at, room_key) VALUES (?, ?, ?, ?, ?, ?, ?, 'context', ?, ?, ?)`,
      )
      .run(
        sessionId,
        request.id,
        expertId,
        request.client_id,
        request.kind,
        bookedStart,
        live ? 'live' : 'booked',
        live ? now : null,
        now,
        newRoomKey(),
      )
    fixSessionTerms(ctx, sessionId)
    ctx.sql(`UPDATE requests SET state = 'booked' WHERE id = ?`).run(request.id)
    ctx.sql(`UPDATE invites SET state = 'accepted', answered_at = ? WHERE id = ?`).run(now, invite.id)
    ctx.events.append(expertId, 'invite.closed', { inviteId: invite.id, reason: 'accepted', sessionId })
    const session = ctx.store.session(sessionId)
    ctx.events.append(expertId, 'session.updated', { session })
    // An instant session is live from here: busy in the same transaction, so no matched request
    // can reach the expert in between.
    if (live) busyForSession(ctx, expertId)
    ctx.events.append(expertId, 'expert.updated', { expert: ctx.store.expert(expertId) })
    closeOpenInvites(ctx, request.id, 'taken', invite.id)
    return { session }
  })
}

/** Decline an invite; the request stays open for the other invited experts. */
export function declineInvite(
  ctx: MarketplaceContext,
  expertId: string,
  { inviteId, reason }: CommandPayload<'invite.decline'>,
): CommandResult<'invite.decline'> {
  return ctx.events.transact(() => {
    const invite = openInviteOf(ctx, expertId, inviteId, 'decline')
    ctx
      .sql(`UPDATE invites SET state = 'declined', answered_at = ?, decline_reason = ? WHERE id = ?`)
      .run(ctx.clock.now(), reason ?? null, invite.id)
    ctx.events.append(expertId, 'invite.closed', { inviteId: invite.id, reason: 'declined', sessionId: null })
    ctx.events.append(expertId, 'expert.updated', { expert: ctx.store.expert(expertId) })
    expireRequestIfUnanswered(ctx, invite.request_id)
    return { inviteId }
  })
}

/**
 * Refuse a booking at [start, start + minutes) that overlaps one of the expert's booked or live
 * sessions; `movingSessionId`, a session being moved, does not clash with itself. `advice` says
 * what the refused party can do instead.
 */
export function refuseOverlap(
  ctx: MarketplaceContext,
  expertId: string,
  start: number,
  minutes: number,
  movingSessionId?: string,
  advice = 'book another proposed time or decline',
): void {
  const rows = ctx
    .sql(`SELECT * FROM sessions WHERE expert_id = ? AND state IN ('booked', 'live') ORDER BY booked_start`)
    .all(expertId) as SessionRow[]
  // A session the system cancels now for an absence holds no time, though the rule has not run yet.
  const now = ctx.clock.now()
  const held = rows.filter((row) => row.id !== movingSessionId && !dueForAutoCancel(row, now))
  const clash = conflictingSessions(
    start,
    minutes,
    held.map((row) => ctx.store.sessionFromRow(row)),
  )[0]
  if (clash === undefined) return
  throw new PlatformError(
    'conflict',
    `That time overlaps your session “${clash.request.title}” at ${utcWords(clash.bookedStart)}; ` +
      `${advice}.`,
  )
}

/**
 * Refuse an instant session that, started at `now` and lasting its expected `minutes`, would run
 * into a scheduled session the expert booked, or comes while that session's start window is open:
 * its client booked that time ahead, and an expert
 * still in the instant one when it starts would miss it and have it cancelled, a fee perhaps
 * assessed. A live session does not refuse one: running two at once is the expert's call, and the
 * platform already keeps matched invites from a busy expert.
 */
function refuseInstantOverBooking(
  ctx: MarketplaceContext,
  expertId: string,
  now: number,
  minutes: number,
): void {
  const rows = ctx
    .sql(`SELECT * FROM sessions WHERE expert_id = ? AND state = 'booked' ORDER BY booked_start`)
    .all(expertId) as SessionRow[]
  const held = rows.filter((row) => !dueForAutoCancel(row, now)).map((row) => ctx.store.sessionFromRow(row))
  // One whose start window is open is the one to start now, however short the instant one.
  const due = held.find((session) => startWindowOpensAt(session.bookedStart) <= now)
  if (due !== undefined) {
    throw new PlatformError(
      'conflict',
      `Your scheduled session “${due.request.title}” at ${utcWords(due.bookedStart)} can be started now, ` +
        'so this instant session was not taken; start that one, or decline this.',
    )
  }
  const clash = conflictingSessions(now, minutes, held)[0]
  if (clash === undefined) return
  throw new PlatformError(
    'conflict',
    `This instant session, expected to take ${minutes} minutes, would run into your scheduled session ` +
      `“${clash.request.title}” at ${utcWords(clash.bookedStart)}; decline it, or move or cancel that booking first.`,
  )
}

/** A time as the platform names it in a refusal: in UTC, since the platform does not know the reader's zone. */
export function utcWords(t: number): string {
  return `${new Date(t).toISOString().slice(0, 16).replace('T', ' ')} UTC`
}

/** How the expert answered: the refusal of an invite answered already says what that press can still do. */
type Press = 'accept' | 'decline'

/** The expert's own invite, still open and unexpired; otherwise a refusal that says why. */
function openInviteOf(ctx: MarketplaceContext, expertId: string, inviteId: string, press: Press): InviteRow {
  const invite = ctx.store.inviteRow(inviteId)
  // Someone else's invite is reported as missing, so experts cannot probe each other's invites.
  if (invite === undefined || invite.expert_id !== expertId) {
    throw new PlatformError('not_found', `You have no invite ${inviteId}.`)
  }
  switch (invite.state) {
    case 'open':
      break
    case 'taken':
      throw new PlatformError('taken', 'Another expert already took this session.')
    case 'expired':
      throw new PlatformError('expired', EXPIRED)
    case 'withdrawn':
      throw new PlatformError(
        'invalid_state',
        'The client withdrew this request, so its invite can no longer be answered; nothing more is needed.',
      )
    case 'declined':
      throw new PlatformError(
        'invalid_state',
        press === 'accept'
          ? 'You already declined this invite, so it can no longer be taken; the client can send you a new request.'
          : 'You already declined this invite; nothing more is needed.',
      )
    case 'accepted':
      throw new PlatformError('conflict', alreadyAccepted(ctx, invite, press))
  }
  if (ctx.clock.now() >= invite.expires_at) throw new PlatformError('expired', EXPIRED)
  return invite
}

const EXPIRED =
  'This invite expired before your answer reached the platform, so it can no longer be answered; nothing more is needed.'

/**
 * The refusal of an invite the expert accepted already, saying where its session stands: a
 * second accept is a second device or a retry under a new key, and its expert needs to know
 * whether the session is theirs, at which time, and whether it still holds.
 */
function alreadyAccepted(ctx: MarketplaceContext, invite: InviteRow, press: Press): string {
  const row = ctx
    .sql<[string, string], SessionRow>('SELECT * FROM sessions WHERE request_id = ? AND expert_id = ?')
    .get(invite.request_id, invite.expert_id)
  // A decline after the accept wants out of the session, not into it: it is told how to get out.
  const accepting = press === 'accept'
  const said = accepting
    ? 'You already accepted this invite'
    : 'You already accepted this invite, so it can no longer be declined'
  const over = accepting ? 'there is nothing more to take' : 'nothing more is needed'
  switch (row?.state) {
    case 'booked':
      return `${said}; ${bookedWords(row.booked_start, ctx.clock.now(), accepting)}`
    case 'live':
      return `${said}; its session is live now: open it to ${accepting ? 'carry on' : 'end it'}.`
    case 'ended':
      return `${said}; its session has since ended, so ${over}.`
    case 'cancelled':
      return `${said}; its session has since been cancelled, so ${over}.`
    default:
      return `${said}.`
  }
}

/**
 * Where a booked session stands for an expert who accepted it already: before its start window
 * opens it can be moved; once it is open, its time has come, and what is left is to start it
 * before the system cancels it (a session past that is cancelled before the command is read).
 */
function bookedWords(start: number, now: number, accepting: boolean): string {
  if (now < startWindowOpensAt(start)) {
    const move = accepting
      ? 'To move it, propose another time from the session.'
      : 'If you cannot take it, cancel it from the session.'
    return `its session is booked for ${utcWords(start)}. ${move}`
  }
  const cancelledAt = utcWords(autoCancelAt(start))
  return accepting
    ? `its session at ${utcWords(start)} can be started now: open it and press Start before ${cancelledAt}, when the platform cancels a session nobody joined.`
    : `its session at ${utcWords(start)} can be started now. If you cannot take it, cancel it from the session before ${cancelledAt}.`
}
