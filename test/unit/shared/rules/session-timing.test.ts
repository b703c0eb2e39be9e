import { describe, expect, it } from 'vitest'
import {
  absentParty,
  autoCancelAt,
  feeAssessedTo,
  isDueForAutoCancel,
  reminderPlan,
  startWindowAt,
  startWindowOpensAt,
} from '../../../../src/shared/rules/session-timing'

const MINUTE = 60_000
const START = Date.UTC(2026, 2, 1, 15, 0)

describe('the start window', () => {
  it('opens exactly 10 minutes before the booked time', () => {
    expect(startWindowOpensAt(START)).toBe(START - 10 * MINUTE)
    expect(startWindowAt(START, START - 10 * MINUTE - 1)).toBe('too_early')
    expect(startWindowAt(START, START - 10 * MINUTE)).toBe('open')
    expect(startWindowAt(START, START)).toBe('open')
  })

  it('closes at the auto-cancel deadline, 10 minutes after the booked time', () => {
    expect(autoCancelAt(START)).toBe(START + 10 * MINUTE)
    expect(startWindowAt(START, START + 10 * MINUTE - 1)).toBe('open')
    expect(startWindowAt(START, START + 10 * MINUTE)).toBe('closed')
  })
})

describe('auto-cancel', () => {
  const session = { state: 'booked', bookedStart: START, expertJoinedAt: null, clientJoinedAt: null }

  it('is due at the deadline, not a millisecond before', () => {
    expect(isDueForAutoCancel(session, START + 10 * MINUTE - 1)).toBe(false)
    expect(isDueForAutoCancel(session, START + 10 * MINUTE)).toBe(true)
  })

  it('spares a session both parties joined, and sessions already over', () => {
    const joined = { ...session, state: 'live', expertJoinedAt: START, clientJoinedAt: START + 1 }
    expect(isDueForAutoCancel(joined, START + 60 * MINUTE)).toBe(false)
    expect(isDueForAutoCancel({ ...session, state: 'ended' }, START + 60 * MINUTE)).toBe(false)
    expect(isDueForAutoCancel({ ...session, state: 'cancelled' }, START + 60 * MINUTE)).toBe(false)
  })

  it('assesses the fee to the absent party, and to nobody when both were absent', () => {
    expect(absentParty(START, null)).toBe('client_absent')
    expect(absentParty(null, START)).toBe('expert_absent')
    expect(absentParty(null, null)).toBe('both_absent')
    expect(absentParty(START, START)).toBeNull()
    expect(feeAssessedTo('client_absent')).toBe('client')
    expect(feeAssessedTo('expert_absent')).toBe('expert')
    expect(feeAssessedTo('both_absent')).toBeNull()
  })
})

describe('the reminder plan', () => {
  it('plans reminders 30 and 10 minutes before, earliest first', () => {
    expect(reminderPlan(START)).toEqual([
      { minutesBefore: 30, at: START - 30 * MINUTE },
      { minutesBefore: 10, at: START - 10 * MINUTE },
    ])
  })
})
