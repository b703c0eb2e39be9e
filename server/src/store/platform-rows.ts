/**
 * The rows of the platform database as better-sqlite3 reads them (the columns of
 * server/src/db's schema): the store and the marketplace's rules read and write these.
 */
import type {
  Availability,
  AvailabilityCause,
  DeclineReason,
  InviteReason,
  InviteState,
  SessionKind,
  SessionPhase,
  SessionState,
} from '../../../src/shared/protocol'

/** A row of `experts`. */
export interface ExpertRow {
  id: string
  name: string
  email: string
  password_hash: string
  time_zone: string
  availability: Availability
  online_until: number | null
  availability_cause: AvailabilityCause
  idle_minutes: number | null
  resume_availability: Availability | null
  resume_online_until: number | null
  resume_cause: AvailabilityCause | null
  tags: string
  rating: number | null
  last_invited_at: number
  /** The price of a quarter hour, in minor units of `rate_currency`. */
  rate_minor: number
  rate_currency: string
}

/** A row of `requests`. */
export interface RequestRow {
  id: string
  client_id: string
  title: string
  description: string
  attachments: string
  tags: string
  kind: SessionKind
  proposed_times: string
  expected_duration_minutes: number
  state: 'open' | 'booked' | 'withdrawn' | 'expired'
  created_at: number
}

/** A row of `invites`. */
export interface InviteRow {
  id: string
  request_id: string
  expert_id: string
  reason: InviteReason
  sent_at: number
  expires_at: number
  state: InviteState
  answered_at: number | null
  /** Set only on a decline whose expert said why. */
  decline_reason: DeclineReason | null
}

/** A row of `sessions`. */
export interface SessionRow {
  id: string
  request_id: string
  expert_id: string
  client_id: string
  kind: SessionKind
  booked_start: number
  state: SessionState
  phase: SessionPhase
  expert_joined_at: number | null
  client_joined_at: number | null
  billing_started_at: number | null
  ended_at: number | null
  outcome: string | null
  cancellation: string | null
  updated_at: number
  /** The key in the room's link (room/room-link.ts). */
  room_key: string
  /** The terms fixed at booking (marketplace/earnings.ts): the rate and the cancellation fee. */
  rate_minor: number
  rate_currency: string
  cancellation_fee_minor: number
  /** The expert's latest proposal of another time, as JSON; null when there was none. */
  reschedule: string | null
  /** The expert's private note; empty for none. */
  private_note: string
  /** What the expert wrote to the client on ending it; null for none. */
  closing_note: string | null
}

/** A row of `messages`. */
export interface MessageRow {
  id: string
  request_id: string
  expert_id: string
  from_party: 'expert' | 'client'
  body: string
  sent_at: number
}
