/**
 * Cancelling a booked session ahead of time: free until a set number of hours before its start,
 * after that the party who cancels pays a late-cancellation fee. Pure, by the platform's clock, so
 * the platform's decision and the app's line before Confirm agree on every boundary.
 */
import { assertNever } from '../assert-never'
import type { Cancellation, CancelledBy, Session } from '../protocol/entities'

const HOUR_MS = 60 * 60_000

/** The platform's default free period before a booked start. */
export const DEFAULT_FREE_CANCELLATION_HOURS = 24

/** The last moment cancelling is free: the booked start less the free period. */
export function freeCancellationUntil(bookedStart: number, freeHours: number): number {
  return bookedStart - freeHours * HOUR_MS
}

/** Whether cancelling at `now` is free: up to and including the moment the free period ends. */
export function cancellationIsFree(freeUntil: number, now: number): boolean {
  return now <= freeUntil
}

/** Who pays when `by` cancels at `now`: nobody inside the free period, the canceller after it. */
export function lateCancellationFeeTo<P extends 'expert' | 'client'>(
  by: P,
  freeUntil: number,
  now: number,
): P | null {
  return cancellationIsFree(freeUntil, now) ? null : by
}

/** What cancelling would mean for the expert now, for the line shown before Confirm. */
export type CancellationTerms =
  | { readonly kind: 'free'; readonly until: number }
  | { readonly kind: 'fee' }
  /** The platform did not say when the free period ends. */
  | { readonly kind: 'unknown' }

/** The terms of cancelling `session` at platform time `now`. */
export function cancellationTermsAt(
  session: Pick<Session, 'freeCancellationUntil'>,
  now: number,
): CancellationTerms {
  const until = session.freeCancellationUntil
  if (until === null) return { kind: 'unknown' }
  return cancellationIsFree(until, now) ? { kind: 'free', until } : { kind: 'fee' }
}

/** Why a session cannot be cancelled or moved ahead of time; null while it is booked. */
export function notCancellableReason(state: Session['state']): string | null {
  switch (state) {
    case 'booked':
      return null
    case 'live':
      return 'This session has already started; end it instead.'
    case 'ended':
      return 'This session has already ended.'
    case 'cancelled':
      return 'This session was already cancelled.'
    default:
      return assertNever(state)
  }
}

/**
 * Who cancelled, as the reason names them: a party who cancelled ahead of time, or the system for a
 * party's absence. `by` on the wire says the same, or is missing (from a platform older than
 * cancelling ahead of time, or one that leaves it out); the reason is what every view words, so a
 * `by` that is missing or says otherwise never makes a client's cancellation read as an absence.
 */
export function cancelledBy(cancellation: Pick<Cancellation, 'reason'>): CancelledBy {
  switch (cancellation.reason) {
    case 'expert_cancelled':
      return 'expert'
    case 'client_cancelled':
      return 'client'
    case 'expert_absent':
    case 'client_absent':
    case 'both_absent':
      return 'system'
    default:
      return assertNever(cancellation.reason)
  }
}
