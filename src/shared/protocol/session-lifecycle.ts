/**
 * Where a session stands and how it ended, as it crosses the wire: its state and phase, the
 * expert's outcome, a cancellation, and a proposal of another time. entities.ts re-exports every
 * name here and builds the Session from them.
 */
import { z } from 'zod'
import { Text, Written } from './text'
import { Timestamp } from './time'

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

/** A cancellation's note as the cancelling party writes it: also well-formed Unicode. */
export const CancellationMessageDraft = Written(CancellationMessage, 'The message')

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
