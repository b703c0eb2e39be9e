/**
 * Money on the platform's rows: an expert's rate, the terms a session was booked on, what a
 * session earned (by the shared rule in src/shared/money/session-earnings.ts) and the expert's
 * earnings summary for My stats.
 */
import { CurrencyCode, MAX_AMOUNT_MINOR, type Money, type Price } from '../../../src/shared/money/money'
import { sessionEarnings } from '../../../src/shared/money/session-earnings'
import type { EarningsSummary } from '../../../src/shared/money/earnings-summary'
import type { Cancellation, Outcome } from '../../../src/shared/protocol'
import type { ExpertRow, SessionRow } from '../store/platform-store'
import type { MarketplaceContext } from './context'
import { earningsSummary, type SettledEarnings } from './earnings-stats'

/**
 * A stored rate as the protocol carries it; null when the row holds something no app would
 * accept, so one damaged row shows no money rather than making every app refuse the stream.
 */
export function storedPrice(amountMinor: number, currency: string): Price | null {
  const plausible =
    Number.isSafeInteger(amountMinor) &&
    amountMinor >= 0 &&
    amountMinor <= MAX_AMOUNT_MINOR &&
    CurrencyCode.safeParse(currency).success
  return plausible ? { amountMinor, currency } : null
}

/** The expert's rate per quarter hour. */
export function expertRate(row: ExpertRow): Price | null {
  return storedPrice(row.rate_minor, row.rate_currency)
}

/** The session's rate and what it earned, from its row. */
export function sessionMoney(row: SessionRow): { rate: Price | null; earnings: Money | null } {
  const rate = storedPrice(row.rate_minor, row.rate_currency)
  if (rate === null) return { rate, earnings: null }
  const earnings = sessionEarnings(
    {
      state: row.state,
      billingStartedAt: row.billing_started_at,
      endedAt: row.ended_at,
      outcome: row.outcome === null ? null : (JSON.parse(row.outcome) as Outcome),
      cancellation: row.cancellation === null ? null : (JSON.parse(row.cancellation) as Cancellation),
    },
    { rate, cancellationFeeMinor: row.cancellation_fee_minor },
  )
  return { rate, earnings }
}

/** Fix the terms of a session just booked: the expert's present rate and the platform's fee. */
export function fixSessionTerms(ctx: MarketplaceContext, sessionId: string): void {
  ctx
    .sql(
      `UPDATE sessions SET
         rate_minor = (SELECT rate_minor FROM experts WHERE experts.id = sessions.expert_id),
         rate_currency = (SELECT rate_currency FROM experts WHERE experts.id = sessions.expert_id),
         cancellation_fee_minor = ?
       WHERE id = ?`,
    )
    .run(ctx.config.cancellationFeeMinor, sessionId)
}

/** When a settled session settled: its end, or its cancellation. */
function settledAt(row: SessionRow): number {
  if (row.ended_at !== null) return row.ended_at
  if (row.cancellation !== null) return (JSON.parse(row.cancellation) as Cancellation).cancelledAt
  return row.updated_at
}

/** The expert's earnings summary at `now` from their settled sessions' rows. */
export function expertEarnings(
  expert: ExpertRow,
  settled: ReadonlyArray<SessionRow>,
  now: number,
): EarningsSummary | null {
  const rate = expertRate(expert)
  if (rate === null) return null
  const earned: SettledEarnings[] = []
  for (const row of settled) {
    const { earnings } = sessionMoney(row)
    if (earnings !== null) earned.push({ settledAt: settledAt(row), earnings })
  }
  return earningsSummary(earned, rate.currency, now, expert.time_zone)
}
