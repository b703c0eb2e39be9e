import { describe, expect, it } from 'vitest'
import { MAX_AMOUNT_MINOR, Money } from '../../../../src/shared/money/money'
import {
  billedBlocks,
  clientPays,
  sessionEarnings,
  type EarningsFacts,
  type SessionTerms,
} from '../../../../src/shared/money/session-earnings'

const MINUTE = 60_000
const START = Date.UTC(2026, 10, 30, 9)
const USD: SessionTerms = { rate: { amountMinor: 2_500, currency: 'USD' }, cancellationFeeMinor: 1_000 }

/** A session that billed `minutes` and ended with `outcome`. */
function ended(minutes: number, outcome: EarningsFacts['outcome']): EarningsFacts {
  return {
    state: 'ended',
    billingStartedAt: START,
    endedAt: START + minutes * MINUTE,
    outcome,
    cancellation: null,
  }
}

/** A session cancelled with the fee assessed to `to`. */
function cancelled(to: 'expert' | 'client' | null): EarningsFacts {
  return {
    state: 'cancelled',
    billingStartedAt: null,
    endedAt: null,
    outcome: null,
    cancellation: { reason: 'client_absent', feeAssessedTo: to, cancelledAt: START },
  }
}

describe('billable time in blocks', () => {
  it('charges every started quarter hour whole', () => {
    expect(billedBlocks(0)).toBe(0)
    expect(billedBlocks(1)).toBe(1)
    expect(billedBlocks(15 * MINUTE)).toBe(1)
    expect(billedBlocks(15 * MINUTE + 1)).toBe(2)
    expect(billedBlocks(61 * MINUTE)).toBe(5)
    expect(billedBlocks(-MINUTE)).toBe(0)
  })
})

describe('what a session earned', () => {
  it('earns the full amount when charged', () => {
    expect(sessionEarnings(ended(40, { kind: 'charged' }), USD)).toEqual({
      amountMinor: 7_500,
      currency: 'USD',
    })
  })

  it('takes the discount off and rounds the client’s share down to a whole minor unit', () => {
    expect(sessionEarnings(ended(40, { kind: 'discounted', percent: 25 }), USD)).toEqual({
      amountMinor: 5_625,
      currency: 'USD',
    })
    // A third off 1 × 0.99: 0.66 exactly is 66; 33 % off 0.99 leaves 0.6633, rounded down to 66.
    const odd: SessionTerms = { rate: { amountMinor: 99, currency: 'USD' }, cancellationFeeMinor: 0 }
    expect(sessionEarnings(ended(10, { kind: 'discounted', percent: 33 }), odd)?.amountMinor).toBe(66)
    expect(sessionEarnings(ended(10, { kind: 'discounted', percent: 99 }), odd)?.amountMinor).toBe(0)
  })

  it('earns nothing when free or never billed', () => {
    expect(sessionEarnings(ended(40, { kind: 'free' }), USD)).toEqual({ amountMinor: 0, currency: 'USD' })
    const neverBilled: EarningsFacts = { ...ended(0, { kind: 'free' }), billingStartedAt: null }
    expect(sessionEarnings(neverBilled, USD)).toEqual({ amountMinor: 0, currency: 'USD' })
  })

  it('counts a zero-decimal currency in whole units', () => {
    const yen: SessionTerms = { rate: { amountMinor: 3_333, currency: 'JPY' }, cancellationFeeMinor: 1_500 }
    expect(sessionEarnings(ended(20, { kind: 'discounted', percent: 10 }), yen)).toEqual({
      amountMinor: 5_999,
      currency: 'JPY',
    })
    expect(sessionEarnings(cancelled('expert'), yen)).toEqual({ amountMinor: -1_500, currency: 'JPY' })
  })

  it('earns the cancellation fee when the client is assessed it and pays it when the expert is', () => {
    expect(sessionEarnings(cancelled('client'), USD)).toEqual({ amountMinor: 1_000, currency: 'USD' })
    expect(sessionEarnings(cancelled('expert'), USD)).toEqual({ amountMinor: -1_000, currency: 'USD' })
    expect(sessionEarnings(cancelled(null), USD)).toEqual({ amountMinor: 0, currency: 'USD' })
    const noFee = { ...USD, cancellationFeeMinor: 0 }
    expect(Object.is(sessionEarnings(cancelled('expert'), noFee)?.amountMinor, 0)).toBe(true)
  })

  it('has earned nothing yet while booked or live', () => {
    expect(sessionEarnings({ ...ended(10, null), state: 'live', endedAt: null }, USD)).toBeNull()
    expect(sessionEarnings({ ...cancelled(null), state: 'booked', cancellation: null }, USD)).toBeNull()
  })

  it('keeps huge rates and years of billing inside the protocol’s range', () => {
    const huge: SessionTerms = {
      rate: { amountMinor: MAX_AMOUNT_MINOR, currency: 'USD' },
      cancellationFeeMinor: MAX_AMOUNT_MINOR * 10,
    }
    const charged = sessionEarnings(ended(60 * 24 * 365 * 100, { kind: 'charged' }), huge)
    expect(charged).toEqual({ amountMinor: MAX_AMOUNT_MINOR, currency: 'USD' })
    expect(Money.safeParse(charged).success).toBe(true)
    const discounted = sessionEarnings(ended(60 * 24 * 365, { kind: 'discounted', percent: 1 }), huge)
    expect(discounted?.amountMinor).toBe(MAX_AMOUNT_MINOR * 0.99)
    expect(Number.isSafeInteger(discounted?.amountMinor)).toBe(true)
    expect(sessionEarnings(cancelled('expert'), huge)?.amountMinor).toBe(-MAX_AMOUNT_MINOR)
  })

  it('tells the end panel what the client will pay as the expert chooses', () => {
    const rate = USD.rate
    expect(clientPays({ kind: 'charged' }, 16 * MINUTE, rate).amountMinor).toBe(5_000)
    expect(clientPays({ kind: 'discounted', percent: 50 }, 16 * MINUTE, rate).amountMinor).toBe(2_500)
    expect(clientPays({ kind: 'free' }, 16 * MINUTE, rate).amountMinor).toBe(0)
  })
})
