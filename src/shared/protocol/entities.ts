/**
 * The marketplace's entities as they cross the wire. Every timestamp is milliseconds since the Unix
 * epoch (UTC); the app renders them in the OS locale and time zone.
 */
import { z } from 'zod'
import { EarningsSummary } from '../money/earnings-summary'
import { Money, Price } from '../money/money'
import { DECLINE_REASONS } from './decline-reasons'
import { Chargeback, Review, ReviewStats } from './reviews'
import { PrivateNote } from './private-note'
import { RoomUrl } from './room-url'
import { Text, Token } from './text'
import { DurationMs, Timestamp } from './time'
import { WebUrl } from './web-url'

export { Timestamp } from './time'

/** An opaque identifier issued by the platform: visible ASCII, so it is stored and compared as sent. */
export const Id = Token({ max: 64, what: 'An id' })

/** A skill tag such as "typescript". */
export const Tag = Text({ max: 40 })

/** A person's display name. */
export const PersonName = Text({ max: 200 })

/** The one-line title of a help request. */
export const RequestTitle = Text({ max: 200 })

/** The client's own account of their problem; may be empty. */
export const RequestDescription = Text({ min: 0, max: 20_000, multiline: true })

/** One message of a thread. */
export const MessageBody = Text({ max: 5_000, multiline: true })

/**
 * A message as someone sends it: a MessageBody that must also be well-formed Unicode. A stored body
 * keeps the lenient rule (a broken character becomes U+FFFD), but one being written is refused, so
 * the writer learns of it and retypes it rather than sending a mangled message.
 */
export const MessageDraft = z
  .string()
  .refine((text) => text.isWellFormed(), {
    message: 'The message holds a broken character (invalid Unicode); retype it and send it again',
    abort: true,
  })
  .pipe(MessageBody)

/**
 * A time zone name as the platform sends it ("Europe/Berlin", "Etc/GMT+5"): checked for its form
 * only. This computer's time zone data may be older than the platform's, and a zone added since
 * (or one renamed) would otherwise make a client's every invite, or the expert's own profile,
 * unreadable over a name the app only shows. What formats a time in it falls back when unknown.
 */
export const ZoneName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_+-]+(?:\/[A-Za-z0-9_+-]+)*$/, { message: 'Not a time zone name' })

/** An IANA time zone name this runtime's Intl data knows: what the platform computes times in. */
export const TimeZone = ZoneName.refine(isKnownTimeZone, { message: 'Unknown IANA time zone' })

// Constructing an Intl formatter is slow enough to matter when replaying thousands of events.
const knownTimeZones = new Map<string, boolean>()

function isKnownTimeZone(zone: string): boolean {
  const cached = knownTimeZones.get(zone)
  if (cached !== undefined) return cached
  let known: boolean
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone })
    known = true
  } catch {
    known = false
  }
  if (knownTimeZones.size < 1_000) knownTimeZones.set(zone, known)
  return known
}

/** What the expert has told the platform about taking new work. */
export const Availability = z.enum(['online', 'away', 'busy', 'offline'])
/** What the expert has told the platform about taking new work. */
export type Availability = z.infer<typeof Availability>

/**
 * Who set the availability: the expert (`chosen`), or a rule acting for them: a live session
 * (busy), the app seeing the computer idle or its screen locked (away), or "online until"
 * passing (away). Only what a rule set is ever undone by one: the expert's own choice stands.
 */
export const AvailabilityCause = z.enum(['chosen', 'session', 'idle', 'screen_locked', 'online_until'])
/** Who set the availability: the expert, or a rule acting for them. */
export type AvailabilityCause = z.infer<typeof AvailabilityCause>

/** The longest idle time the wire carries, in minutes: a day; a longer one is said as a day. */
export const IDLE_MINUTES_MAX = 1440
/** How long the computer had been idle when an idle rule set away, in whole minutes. */
export const IdleMinutes = z.number().int().min(1).max(IDLE_MINUTES_MAX)

/** The automatic changes the app asks for: away while idle or locked, and back when the expert is. */
export const AutoAvailability = z.enum(['idle', 'screen_locked', 'back'])
/** The automatic changes the app asks for. */
export type AutoAvailability = z.infer<typeof AutoAvailability>

/** How the expert answered the invites sent in one recent window (the last 7 or 30 days). */
export const ResponseWindow = z.object({
  /** Median time from sent to answered; null when nothing in the window was answered. */
  medianMs: DurationMs.nullable(),
  /** The time nine answers in ten beat (nearest rank); null when nothing was answered. */
  p90Ms: DurationMs.nullable(),
  answered: z.number().int().nonnegative(),
  accepted: z.number().int().nonnegative(),
  /** Invites that expired unanswered. */
  missed: z.number().int().nonnegative(),
  /** Accepted over accepted, declined and missed; null when there were none. */
  acceptanceRate: z.number().min(0).max(1).nullable(),
})
/** How the expert answered the invites sent in one recent window. */
export type ResponseWindow = z.infer<typeof ResponseWindow>

/** Response figures over recent windows, beside the platform's own average response time. */
export const RecentResponseStats = z.object({
  last7Days: ResponseWindow,
  last30Days: ResponseWindow,
  platformAverageMs: DurationMs,
})
/** Response figures over recent windows, beside the platform's own average. */
export type RecentResponseStats = z.infer<typeof RecentResponseStats>

/** The figures the platform keeps about an expert. */
export const ExpertStats = z.object({
  /** Mean time from an invite being sent to the expert answering it; null before any answer. */
  averageResponseMs: DurationMs.nullable(),
  /**
   * Mean of every review rating the platform holds for the expert, 1 to 5 (until the first review,
   * an account's rating from before reviews were recorded); null when there is none.
   */
  rating: z.number().min(1).max(5).nullable(),
  sessionsDone: z.number().int().nonnegative(),
  /** Recent response figures; a platform that does not send them leaves them null. */
  recent: RecentResponseStats.nullable().default(null),
  /** Earnings this week, this month and per week; null from a platform that does not sum them. */
  earnings: EarningsSummary.nullable().default(null),
  /** Review average, trend and chargebacks; a platform that does not send them leaves them null. */
  reviews: ReviewStats.nullable().default(null),
})
/** The figures the platform keeps about an expert. */
export type ExpertStats = z.infer<typeof ExpertStats>

/** The signed-in expert. */
export const Expert = z.object({
  id: Id,
  name: PersonName,
  email: z.email().max(320),
  timeZone: ZoneName,
  availability: Availability,
  /** When set, the platform switches an online expert to away at this time. */
  onlineUntil: Timestamp.nullable(),
  /** Who set `availability`; a platform that does not say is taken to mean the expert did. */
  availabilityCause: AvailabilityCause.default('chosen'),
  /** When an idle rule set away: how long the computer had been idle, in whole minutes. */
  idleMinutes: IdleMinutes.nullable().default(null),
  tags: z.array(Tag).max(50),
  stats: ExpertStats,
  /** The price of a quarter hour of billable time; null from a platform that does not say. */
  rate: Price.nullable().default(null),
})
/** The signed-in expert. */
export type Expert = z.infer<typeof Expert>

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
    /** Empty for instant requests; 1 to 5 times for scheduled ones. */
    proposedTimes: z.array(Timestamp).max(MAX_PROPOSED_TIMES),
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

/** booked → live → ended, or cancelled by the system. */
export const SessionState = z.enum(['booked', 'live', 'ended', 'cancelled'])
/** booked → live → ended, or cancelled by the system. */
export type SessionState = z.infer<typeof SessionState>

/** A live session builds context first; billable time starts only on the expert's command. */
export const SessionPhase = z.enum(['context', 'billable'])
/** A live session builds context first; billable time starts only on the expert's command. */
export type SessionPhase = z.infer<typeof SessionPhase>

/** How the expert ended a session. */
export const Outcome = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('charged') }),
  z.object({ kind: z.literal('discounted'), percent: z.number().int().min(1).max(99) }),
  z.object({ kind: z.literal('free') }),
])
/** How the expert ended a session. */
export type Outcome = z.infer<typeof Outcome>

/** Who failed to join in time, or which party cancelled ahead of time. */
export const CancellationReason = z.enum([
  'expert_absent',
  'client_absent',
  'both_absent',
  'expert_cancelled',
  'client_cancelled',
])
/** Who failed to join in time, or which party cancelled ahead of time. */
export type CancellationReason = z.infer<typeof CancellationReason>

/** The note a party cancelling ahead of time leaves for the other; may be empty. */
export const CancellationMessage = Text({ min: 0, max: 1_000, multiline: true })

/** Who cancelled: a party ahead of time, or the system when a party did not join. */
export const CancelledBy = z.enum(['expert', 'client', 'system'])
/** Who cancelled: a party ahead of time, or the system when a party did not join. */
export type CancelledBy = z.infer<typeof CancelledBy>

/** Why a session was cancelled, by whom, and who may pay a fee for it. */
export const Cancellation = z.object({
  reason: CancellationReason,
  /**
   * Who pays the cancellation fee: the absent party, or the party who cancelled after the free
   * period (cancellation-terms.ts); null when nobody does.
   */
  feeAssessedTo: z.enum(['expert', 'client']).nullable(),
  cancelledAt: Timestamp,
  /**
   * Who cancelled; absent from a platform older than cancelling ahead of time, where only the
   * system did (read it with cancelledBy in rules/cancellation-terms.ts).
   */
  by: CancelledBy.optional(),
  /** What the cancelling party wrote to the other; absent when they wrote nothing. */
  message: CancellationMessage.optional(),
})
/** Why a session was cancelled, by whom, and who may pay a fee for it. */
export type Cancellation = z.infer<typeof Cancellation>

/** Where the expert's proposal of another time stands. */
export const RescheduleState = z.enum(['pending', 'accepted', 'declined', 'lapsed'])
/** Where the expert's proposal of another time stands. */
export type RescheduleState = z.infer<typeof RescheduleState>

/**
 * The expert's latest proposal to move a booked session, and the client's answer. A pending one
 * lapses when its time passes unanswered or the session is cancelled or starts first.
 */
export const Reschedule = z.object({
  proposedStart: Timestamp,
  /** The booked start when the expert proposed. */
  previousStart: Timestamp,
  proposedAt: Timestamp,
  state: RescheduleState,
  /** When the client answered, or the proposal lapsed; null while pending. */
  answeredAt: Timestamp.nullable(),
})
/** The expert's latest proposal to move a booked session, and the client's answer. */
export type Reschedule = z.infer<typeof Reschedule>

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
  /** What the expert wrote to the client on ending it (also the thread's last message); null for none. */
  closingNote: MessageBody.nullable().default(null),
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
