/**
 * The marketplace's entities as they cross the wire. Every timestamp is milliseconds since the Unix
 * epoch (UTC); the app renders them in the OS locale and time zone.
 */
import { z } from 'zod'
import { Money, Price } from '../money/money'
import { DECLINE_REASONS } from './decline-reasons'
import { Chargeback, Review } from './reviews'
import { PrivateNote } from './private-note'
import { RoomUrl } from './room-url'
import { Text } from './text'
import { Timestamp } from './time'
import { WebUrl } from './web-url'
import {
  ClosingNote,
  Id,
  MessageBody,
  PersonName,
  RequestDescription,
  RequestTitle,
  Tag,
  ZoneName,
} from './entity-fields'
import { Cancellation, Outcome, Reschedule, SessionPhase, SessionState } from './session-lifecycle'

export { Timestamp } from './time'
// The bounded fields, the expert and a session's lifecycle live beside this file; every name is
// re-exported here, so importers keep taking them from entities.ts.
export {
  Id,
  MessageBody,
  MessageDraft,
  PersonName,
  RequestDescription,
  RequestTitle,
  Tag,
  TimeZone,
  ZoneName,
} from './entity-fields'
export {
  AutoAvailability,
  Availability,
  AvailabilityCause,
  Expert,
  ExpertStats,
  IDLE_MINUTES_MAX,
  IdleMinutes,
  RecentResponseStats,
  ResponseWindow,
} from './expert'
export {
  Cancellation,
  CancellationMessage,
  CancellationMessageDraft,
  CancellationReason,
  CancelledBy,
  Outcome,
  Reschedule,
  RescheduleState,
  SessionPhase,
  SessionState,
} from './session-lifecycle'

/** The person asking for help. */
export const Client = z.object({
  id: Id,
  name: PersonName,
  timeZone: ZoneName,
})
/** The person asking for help. */
export type Client = z.infer<typeof Client>

/** The name of an attached file. */
export const FileName = Text({ max: 255 })

/** A media type such as "text/plain", as the client's upload declared it. */
export const MimeType = Text({ max: 255 })

/** The largest attachment the protocol describes: a tebibyte. */
export const MAX_ATTACHMENT_BYTES = 2 ** 40

/** A file the client attached to a request; the bytes stay on the platform. */
export const Attachment = z.object({
  name: FileName,
  sizeBytes: z.number().int().min(0).max(MAX_ATTACHMENT_BYTES),
  mimeType: MimeType,
  /** Normalised (percent-encoded), so the stored link is plain ASCII and its length is what is stored. */
  url: WebUrl,
})
/** A file the client attached to a request; the bytes stay on the platform. */
export type Attachment = z.infer<typeof Attachment>

/** Instant sessions start at once; scheduled ones at a time the expert books. */
export const SessionKind = z.enum(['instant', 'scheduled'])
/** Instant sessions start at once; scheduled ones at a time the expert books. */
export type SessionKind = z.infer<typeof SessionKind>

/** The most proposed times a client may offer for a scheduled request. */
export const MAX_PROPOSED_TIMES = 5

/** `times` without repeats, earliest first. */
function inOrderOnce(times: number[]): number[] {
  return [...new Set(times)].sort((a, b) => a - b)
}

/** A client's request for help. */
export const HelpRequest = z
  .object({
    id: Id,
    client: Client,
    title: RequestTitle,
    description: RequestDescription,
    attachments: z.array(Attachment).max(20),
    tags: z.array(Tag).max(20),
    kind: SessionKind,
    /**
     * Empty for instant requests; 1 to 5 times for scheduled ones, each once and in order, as the
     * reference platform stores them: one sent twice or out of order is put right here, on the
     * way in, rather than offered twice (two Book buttons for the same time) wherever it is shown.
     */
    proposedTimes: z.array(Timestamp).max(MAX_PROPOSED_TIMES).overwrite(inOrderOnce),
    expectedDurationMinutes: z.number().int().min(5).max(480),
    createdAt: Timestamp,
  })
  .refine((r) => (r.kind === 'instant' ? r.proposedTimes.length === 0 : r.proposedTimes.length >= 1), {
    message: 'A scheduled request needs 1 to 5 proposed times; an instant one has none',
    path: ['proposedTimes'],
  })
/** A client's request for help. */
export type HelpRequest = z.infer<typeof HelpRequest>

/** Why this expert was invited. A direct request is addressed to this expert alone. */
export const InviteReason = z.enum(['matched', 'direct_dashboard', 'direct_profile'])
/** Why this expert was invited. A direct request is addressed to this expert alone. */
export type InviteReason = z.infer<typeof InviteReason>

/** Why an expert declined an invite, when they said. */
export const DeclineReason = z.enum(DECLINE_REASONS)
/** Why an expert declined an invite, when they said. */
export type DeclineReason = z.infer<typeof DeclineReason>

/** Where an invite stands for the expert who holds it. */
export const InviteState = z.enum(['open', 'accepted', 'declined', 'taken', 'expired', 'withdrawn'])
/** Where an invite stands for the expert who holds it. */
export type InviteState = z.infer<typeof InviteState>

/** One expert's invitation to one request. */
export const Invite = z.object({
  id: Id,
  request: HelpRequest,
  reason: InviteReason,
  sentAt: Timestamp,
  expiresAt: Timestamp,
  state: InviteState,
})
/** One expert's invitation to one request. */
export type Invite = z.infer<typeof Invite>

/** A session an expert took, from booking to its end. */
export const Session = z.object({
  id: Id,
  request: HelpRequest,
  expertId: Id,
  client: Client,
  kind: SessionKind,
  bookedStart: Timestamp,
  state: SessionState,
  phase: SessionPhase,
  expertJoinedAt: Timestamp.nullable(),
  clientJoinedAt: Timestamp.nullable(),
  billingStartedAt: Timestamp.nullable(),
  endedAt: Timestamp.nullable(),
  outcome: Outcome.nullable(),
  cancellation: Cancellation.nullable(),
  updatedAt: Timestamp,
  /**
   * The platform's page where the expert meets the client (see room-url.ts). Null from a platform
   * that names no room, as one older than rooms sends nothing here.
   */
  roomUrl: RoomUrl.nullable().default(null),
  /** The expert's rate per quarter hour when the session was booked; null when the platform does not say. */
  rate: Price.nullable().default(null),
  /**
   * What the session earned the expert (see money/session-earnings.ts): negative for a fee the
   * expert pays; null while it is booked or live, or from a platform that does not say.
   */
  earnings: Money.nullable().default(null),
  /** The client's review once they left one; null before, and from a platform without reviews. */
  review: Review.nullable().default(null),
  /** The chargeback recorded against the session, if any; null from a platform without them. */
  chargeback: Chargeback.nullable().default(null),
  /**
   * Until when cancelling ahead of time is free, inclusive (rules/cancellation-terms.ts); null from
   * a platform that does not say.
   */
  freeCancellationUntil: Timestamp.nullable().default(null),
  /** The expert's latest proposal of another time; null when there was none. */
  reschedule: Reschedule.nullable().default(null),
  /**
   * The expert's private note (private-note.ts); empty from a platform older than notes. A note
   * that does not fit reads as none rather than costing the whole session: the platform keeps it.
   */
  privateNote: PrivateNote.catch(''),
  /**
   * What the expert wrote to the client on ending it (also the thread's last message); null for
   * none (see ClosingNote).
   */
  closingNote: ClosingNote.default(null),
})
/** A session an expert took, from booking to its end. */
export type Session = z.infer<typeof Session>

/** One line of the thread between a client and one expert about a request, from invite to session. */
export const Message = z.object({
  id: Id,
  requestId: Id,
  expertId: Id,
  from: z.enum(['expert', 'client']),
  body: MessageBody,
  sentAt: Timestamp,
})
/** One line of the thread between a client and one expert about a request, from invite to session. */
export type Message = z.infer<typeof Message>
