/**
 * Reads the platform's rows and turns them into protocol entities. Statements are prepared once;
 * every method runs inside whatever transaction the caller holds.
 */
import type Database from 'better-sqlite3'
import type { Clock } from '../../../src/shared/clock'
import { recentResponseStats } from '../marketplace/response-stats'
import { earningsSince } from '../marketplace/earnings-stats'
import { expertEarnings, expertRate, sessionMoney } from '../marketplace/earnings'
import { reviewStats } from '../marketplace/review-stats'
import { REVIEW_WINDOW } from '../../../src/shared/protocol/reviews'
import { isBlankText } from '../../../src/shared/text-normalise'
import {
  ChargebackReason,
  fitText,
  fitTimestamp,
  FileName,
  ReviewComment,
  MessageBody,
  MimeType,
  PersonName,
  PrivateNote,
  RequestDescription,
  RequestTitle,
  type Attachment,
  type Chargeback,
  type Review,
  type Client,
  type Expert,
  type HelpRequest,
  type Invite,
  type Message,
  type Outcome,
  type Session,
} from '../../../src/shared/protocol'
import { freeCancellationUntil } from '../../../src/shared/rules/cancellation-terms'
import { roomPath } from '../room/room-link'
import type { ExpertRow, InviteRow, MessageRow, RequestRow, SessionRow } from './platform-rows'
import { InviteFigureReads } from './invite-figure-reads'
import { messageFromRow, storedCancellation, storedReschedule, storedTags, storedTime } from './stored-values'

// The row types and the stored-value readers live beside the store; importers keep taking them
// from here.
export type { ExpertRow, InviteRow, MessageRow, RequestRow, SessionRow } from './platform-rows'
export { messageFromRow } from './stored-values'

/** The longest window the recent figures look back over. */
const RECENT_WINDOW_MS = 30 * 24 * 60 * 60 * 1000

/** Typed reads of the platform database. */
export class PlatformStore {
  private readonly expertById: Database.Statement<[string], ExpertRow>
  /** The reads of the expert's response figures. */
  private readonly inviteFigures: InviteFigureReads
  private readonly sessionsDone: Database.Statement<[string], number>
  private readonly settledSessions: Database.Statement<[string, number], SessionRow>
  private readonly latestRatings: Database.Statement<[string, number], number>
  private readonly allTimeRating: Database.Statement<[string], number | null>
  private readonly chargebackTimes: Database.Statement<[string], number>
  private readonly reviewBySession: Database.Statement<
    [string],
    { rating: number; comment: string; reviewed_at: number }
  >
  private readonly chargebackBySession: Database.Statement<[string], { reason: string; recorded_at: number }>
  private readonly clientById: Database.Statement<[string], { id: string; name: string; time_zone: string }>
  private readonly requestById: Database.Statement<[string], RequestRow>
  private readonly inviteById: Database.Statement<[string], InviteRow>
  private readonly sessionById: Database.Statement<[string], SessionRow>
  private readonly messageById: Database.Statement<[string], MessageRow>

  constructor(
    readonly db: Database.Database,
    private readonly clock: Clock,
    /** The rules the store's answers follow: the standing threshold, and how many hours before its start cancelling a session stops being free. */
    private readonly rules: { readonly reviewThreshold: number; readonly freeCancellationHours: number },
    /** Writes what the response figures read through each expert's stream and is not written yet. */
    beforeStreamReads: () => void = () => {},
  ) {
    this.expertById = db.prepare('SELECT * FROM experts WHERE id = ?')
    this.inviteFigures = new InviteFigureReads(db, beforeStreamReads)
    this.sessionsDone = db
      .prepare<[string], number>(`SELECT COUNT(*) FROM sessions WHERE expert_id = ? AND state = 'ended'`)
      .pluck()
    // A session settles before its last update, so updated_at narrows the read through the index.
    this.settledSessions = db.prepare(`
      SELECT * FROM sessions WHERE expert_id = ? AND updated_at >= ? AND state IN ('ended', 'cancelled')`)
    // The latest reviewed sessions by when they ended, as History lists them.
    this.latestRatings = db
      .prepare<[string, number], number>(
        `SELECT reviews.rating FROM reviews JOIN sessions ON sessions.id = reviews.session_id
          WHERE reviews.expert_id = ? ORDER BY sessions.ended_at DESC, sessions.id DESC LIMIT ?`,
      )
      .pluck()
    this.allTimeRating = db
      .prepare<[string], number | null>('SELECT AVG(rating) FROM reviews WHERE expert_id = ?')
      .pluck()
    this.chargebackTimes = db
      .prepare<[string], number>('SELECT recorded_at FROM chargebacks WHERE expert_id = ?')
      .pluck()
    this.reviewBySession = db.prepare('SELECT rating, comment, reviewed_at FROM reviews WHERE session_id = ?')
    this.chargebackBySession = db.prepare('SELECT reason, recorded_at FROM chargebacks WHERE session_id = ?')
    this.clientById = db.prepare('SELECT id, name, time_zone FROM clients WHERE id = ?')
    this.requestById = db.prepare('SELECT * FROM requests WHERE id = ?')
    this.inviteById = db.prepare('SELECT * FROM invites WHERE id = ?')
    this.sessionById = db.prepare('SELECT * FROM sessions WHERE id = ?')
    this.messageById = db.prepare('SELECT * FROM messages WHERE id = ?')
  }

  /** The expert's row, or undefined. */
  expertRow(id: string): ExpertRow | undefined {
    return this.expertById.get(id)
  }

  /** The expert as the protocol shows it, with live stats. */
  expert(id: string): Expert {
    const row = this.must(this.expertById.get(id), 'expert', id)
    return {
      id: row.id,
      name: fitText(PersonName, row.name),
      email: row.email,
      timeZone: row.time_zone,
      availability: row.availability,
      onlineUntil: storedTime(row.online_until),
      availabilityCause: row.availability_cause,
      idleMinutes: row.availability_cause === 'idle' ? row.idle_minutes : null,
      tags: storedTags(row.tags),
      stats: {
        averageResponseMs: this.inviteFigures.averageResponseMs(id),
        // An account's rating from before reviews were recorded stands until the first review.
        rating: this.allTimeRating.get(id) ?? row.rating,
        sessionsDone: this.sessionsDone.get(id) ?? 0,
        recent: this.recentStats(id),
        earnings: this.earnings(row),
        reviews: reviewStats(
          this.latestRatings.all(id, 2 * REVIEW_WINDOW),
          this.chargebackTimes.all(id),
          this.rules.reviewThreshold,
          this.clock.now(),
        ),
      },
      rate: expertRate(row),
    }
  }

  /** The expert's earnings this week, this month and per week, where they live. */
  private earnings(row: ExpertRow) {
    const now = this.clock.now()
    const since = earningsSince(now, row.time_zone)
    return expertEarnings(row, this.settledSessions.all(row.id, since), now)
  }

  /** The expert's response figures over the last 7 and 30 days, from the invites' recorded times. */
  private recentStats(expertId: string) {
    const now = this.clock.now()
    const since = now - RECENT_WINDOW_MS
    return recentResponseStats(this.inviteFigures.sentSinceTimes(expertId, since), now)
  }

  /** A client. */
  client(id: string): Client {
    const row = this.must(this.clientById.get(id), 'client', id)
    return { id: row.id, name: fitText(PersonName, row.name), timeZone: row.time_zone }
  }

  /** The request's row, or undefined. */
  requestRow(id: string): RequestRow | undefined {
    return this.requestById.get(id)
  }

  /** A help request with its client. */
  request(id: string): HelpRequest {
    return this.requestOf(this.must(this.requestById.get(id), 'request', id))
  }

  /** A help request with its client, from its row as stored (read, or about to be written). */
  requestOf(row: RequestRow): HelpRequest {
    return {
      id: row.id,
      client: this.client(row.client_id),
      title: fitText(RequestTitle, row.title),
      description: fitText(RequestDescription, row.description),
      attachments: (JSON.parse(row.attachments) as Attachment[]).map((a) => ({
        ...a,
        name: fitText(FileName, a.name),
        mimeType: fitText(MimeType, a.mimeType),
      })),
      tags: storedTags(row.tags),
      kind: row.kind,
      proposedTimes: (JSON.parse(row.proposed_times) as number[]).map(fitTimestamp),
      expectedDurationMinutes: row.expected_duration_minutes,
      createdAt: fitTimestamp(row.created_at),
    }
  }

  /** The invite's row, or undefined. */
  inviteRow(id: string): InviteRow | undefined {
    return this.inviteById.get(id)
  }

  /** An invite with its request. */
  invite(id: string): Invite {
    const row = this.must(this.inviteById.get(id), 'invite', id)
    return this.inviteFromRow(row)
  }

  /** An invite entity from a row already read. */
  inviteFromRow(row: InviteRow): Invite {
    return {
      id: row.id,
      request: this.request(row.request_id),
      reason: row.reason,
      sentAt: fitTimestamp(row.sent_at),
      expiresAt: fitTimestamp(row.expires_at),
      state: row.state,
    }
  }

  /** The session's row, or undefined. */
  sessionRow(id: string): SessionRow | undefined {
    return this.sessionById.get(id)
  }

  /** A session with its request and client. */
  session(id: string): Session {
    return this.sessionFromRow(this.must(this.sessionById.get(id), 'session', id))
  }

  /** A session entity from a row already read. */
  sessionFromRow(row: SessionRow): Session {
    return {
      id: row.id,
      request: this.request(row.request_id),
      expertId: row.expert_id,
      client: this.client(row.client_id),
      kind: row.kind,
      bookedStart: fitTimestamp(row.booked_start),
      state: row.state,
      phase: row.phase,
      expertJoinedAt: storedTime(row.expert_joined_at),
      clientJoinedAt: storedTime(row.client_joined_at),
      billingStartedAt: storedTime(row.billing_started_at),
      endedAt: storedTime(row.ended_at),
      outcome: row.outcome === null ? null : (JSON.parse(row.outcome) as Outcome),
      cancellation: row.cancellation === null ? null : storedCancellation(row.cancellation),
      updatedAt: fitTimestamp(row.updated_at),
      roomUrl: roomPath(row.id, row.room_key),
      ...sessionMoney(row),
      review: this.review(row.id),
      chargeback: this.chargeback(row.id),
      freeCancellationUntil: fitTimestamp(
        freeCancellationUntil(row.booked_start, this.rules.freeCancellationHours),
      ),
      reschedule: row.reschedule === null ? null : storedReschedule(row.reschedule),
      privateNote: fitText(PrivateNote, row.private_note),
      // A note stored as nothing to read is no note, as the app reads it (ClosingNote): fitted as a
      // message it would reach every app as U+FFFD, shown as a note of one broken character.
      closingNote:
        row.closing_note === null || isBlankText(row.closing_note)
          ? null
          : fitText(MessageBody, row.closing_note),
    }
  }

  /** The client's review of a session, or null. */
  private review(sessionId: string): Review | null {
    const row = this.reviewBySession.get(sessionId)
    if (row === undefined) return null
    return {
      rating: row.rating,
      comment: fitText(ReviewComment, row.comment),
      reviewedAt: fitTimestamp(row.reviewed_at),
    }
  }

  /** The chargeback recorded against a session, or null. */
  private chargeback(sessionId: string): Chargeback | null {
    const row = this.chargebackBySession.get(sessionId)
    if (row === undefined) return null
    return { reason: fitText(ChargebackReason, row.reason), recordedAt: fitTimestamp(row.recorded_at) }
  }

  /** A message. */
  message(id: string): Message {
    return messageFromRow(this.must(this.messageById.get(id), 'message', id))
  }

  private must<T>(row: T | undefined, what: string, id: string): T {
    if (row === undefined) throw new Error(`No ${what} with id ${id}`)
    return row
  }
}
