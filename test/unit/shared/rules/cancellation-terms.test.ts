import { describe, expect, it } from 'vitest'
import {
  cancellationIsFree,
  cancellationTermsAt,
  cancelledBy,
  freeCancellationUntil,
  lateCancellationFeeTo,
  notCancellableReason,
} from '../../../../src/shared/rules/cancellation-terms'
import type { Cancellation } from '../../../../src/shared/protocol'

const HOUR = 60 * 60_000
const START = Date.UTC(2026, 2, 3, 14, 0)

describe('the free period before a booked start', () => {
  const until = freeCancellationUntil(START, 24)

  it('ends exactly 24 hours before the start, and is free on the dot', () => {
    expect(until).toBe(START - 24 * HOUR)
    expect(cancellationIsFree(until, until - 1)).toBe(true)
    expect(cancellationIsFree(until, until)).toBe(true)
    expect(cancellationIsFree(until, until + 1)).toBe(false)
  })

  it('charges the party who cancels after it, and nobody inside it', () => {
    expect(lateCancellationFeeTo('expert', until, until)).toBeNull()
    expect(lateCancellationFeeTo('expert', until, until + 1)).toBe('expert')
    expect(lateCancellationFeeTo('client', until, START - HOUR)).toBe('client')
  })

  it('follows the platform’s setting for the period', () => {
    expect(freeCancellationUntil(START, 2)).toBe(START - 2 * HOUR)
    expect(freeCancellationUntil(START, 0)).toBe(START)
  })

  it('gives the UI the terms at the platform’s time, not the computer’s', () => {
    const session = { freeCancellationUntil: until }
    // The computer's clock is two minutes behind the platform's: it reads "free", the platform does not.
    const computer = until - 60_000
    const platform = computer + 2 * 60_000
    expect(cancellationTermsAt(session, computer)).toEqual({ kind: 'free', until })
    expect(cancellationTermsAt(session, platform)).toEqual({ kind: 'fee' })
    expect(cancellationTermsAt({ freeCancellationUntil: null }, platform)).toEqual({ kind: 'unknown' })
  })
})

describe('what can be cancelled ahead of time', () => {
  it('is only a booked session; every other state says why not', () => {
    expect(notCancellableReason('booked')).toBeNull()
    expect(notCancellableReason('live')).toMatch(/started; end it instead/)
    expect(notCancellableReason('ended')).toMatch(/already ended/)
    expect(notCancellableReason('cancelled')).toMatch(/already cancelled/)
  })

  it('tells who cancelled by the reason, with or without the platform’s `by`, and never against it', () => {
    expect(cancelledBy({ reason: 'client_absent' })).toBe('system')
    expect(cancelledBy({ reason: 'both_absent' })).toBe('system')
    expect(cancelledBy({ reason: 'client_cancelled' })).toBe('client')
    expect(cancelledBy({ reason: 'expert_cancelled' })).toBe('expert')
    // A `by` that contradicts the reason does not turn an absence into a party's cancellation.
    const absence: Cancellation = {
      reason: 'client_absent',
      feeAssessedTo: 'client',
      cancelledAt: START,
      by: 'client',
    }
    expect(cancelledBy(absence)).toBe('system')
    const byClient: Cancellation = { ...absence, reason: 'client_cancelled', by: 'system' }
    expect(cancelledBy(byClient)).toBe('client')
  })
})
