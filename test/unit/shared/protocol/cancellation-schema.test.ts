import { describe, expect, it } from 'vitest'
import { Cancellation, Session } from '../../../../src/shared/protocol'
import { aSession, FIXTURE_NOW } from '../../../support/fixtures'

describe('cancellations and proposals on the wire', () => {
  it('still reads a session from a platform older than cancelling ahead of time', () => {
    const { freeCancellationUntil, reschedule, ...old } = aSession({
      state: 'cancelled',
      cancellation: { reason: 'both_absent', feeAssessedTo: null, cancelledAt: FIXTURE_NOW },
    })
    void freeCancellationUntil
    void reschedule
    const parsed = Session.parse(old)
    expect(parsed.freeCancellationUntil).toBeNull()
    expect(parsed.reschedule).toBeNull()
    expect(parsed.cancellation).toEqual({
      reason: 'both_absent',
      feeAssessedTo: null,
      cancelledAt: FIXTURE_NOW,
    })
  })

  it('reads who cancelled and their note, normalised, and refuses an unknown canceller', () => {
    const base = { reason: 'client_cancelled', feeAssessedTo: 'client', cancelledAt: FIXTURE_NOW }
    expect(Cancellation.parse({ ...base, by: 'client', message: '  Sorry!\r\nSee you\u0007 ' })).toEqual({
      ...base,
      by: 'client',
      message: 'Sorry!\nSee you',
    })
    expect(Cancellation.safeParse({ ...base, by: 'admin' }).success).toBe(false)
    expect(Cancellation.safeParse({ ...base, message: 'x'.repeat(1_001) }).success).toBe(false)
  })

  it('refuses a proposal in an unknown state', () => {
    const reschedule = {
      proposedStart: FIXTURE_NOW,
      previousStart: FIXTURE_NOW,
      proposedAt: FIXTURE_NOW,
      state: 'maybe',
      answeredAt: null,
    }
    expect(Session.safeParse({ ...aSession(), reschedule }).success).toBe(false)
  })
})
