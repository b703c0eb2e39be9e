/**
 * What a session earned the expert, one rule for the platform (which sends it on the session) and
 * the app (whose end panel previews it). Billable time runs from billing start to the end and is
 * charged per started block of a quarter hour at the rate agreed when the session was booked.
 * A discount takes its percent off the full amount, rounded down to a whole minor unit, so any
 * fraction goes to the client. A cancellation earns its fee when the client is assessed it, costs
 * the expert the fee when they are, and is otherwise nothing; the reason does not matter.
 */
import type { Cancellation, Outcome, SessionState } from '../protocol/entities'
import { clampMinor } from './amount'
import type { Money, Price } from './money'

/** The billing block: a started block of billable time is charged whole. */
export const BILLING_BLOCK_MS = 15 * 60_000

/** The terms fixed when a session is booked: the expert's rate and the cancellation fee. */
export interface SessionTerms {
  /** The price of one billing block. */
  readonly rate: Price
  /** The cancellation fee in the rate's currency's minor units. */
  readonly cancellationFeeMinor: number
}

/** What the rule needs to know of a session. */
export interface EarningsFacts {
  readonly state: SessionState
  readonly billingStartedAt: number | null
  readonly endedAt: number | null
  readonly outcome: Outcome | null
  readonly cancellation: Cancellation | null
}

/** How many billing blocks `billedMs` of billable time is: every started block counts. */
export function billedBlocks(billedMs: number): number {
  return billedMs > 0 ? Math.ceil(billedMs / BILLING_BLOCK_MS) : 0
}

/** What the client pays for `billedMs` of billable time ended with `outcome`. */
export function clientPays(outcome: Outcome, billedMs: number, rate: Price): Money {
  const full = clampMinor(billedBlocks(billedMs) * rate.amountMinor)
  return { amountMinor: amountFor(outcome, full), currency: rate.currency }
}

function amountFor(outcome: Outcome, full: number): number {
  switch (outcome.kind) {
    case 'charged':
      return full
    case 'discounted':
      return Math.floor((full * (100 - outcome.percent)) / 100)
    case 'free':
      return 0
  }
}

/**
 * What the session earned the expert: negative when the expert pays a cancellation fee, null
 * while it is still booked or live.
 */
export function sessionEarnings(session: EarningsFacts, terms: SessionTerms): Money | null {
  const currency = terms.rate.currency
  const zero: Money = { amountMinor: 0, currency }
  if (session.state === 'ended') {
    const { outcome, billingStartedAt, endedAt } = session
    if (outcome === null || billingStartedAt === null || endedAt === null) return zero
    return clientPays(outcome, endedAt - billingStartedAt, terms.rate)
  }
  if (session.state === 'cancelled') {
    const fee = clampMinor(Math.max(0, terms.cancellationFeeMinor))
    switch (session.cancellation?.feeAssessedTo ?? null) {
      case 'client':
        return { amountMinor: fee, currency }
      case 'expert':
        return { amountMinor: fee === 0 ? 0 : -fee, currency }
      case null:
        return zero
    }
  }
  return null
}
