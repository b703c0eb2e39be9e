import { describe, expect, it } from 'vitest'
import { startRefusal, type TimedSession } from '../../../../../src/main/core/reminders/due-alerts'

const MINUTE = 60_000
const START = 1_800_000_000_000
const booked: TimedSession = {
  kind: 'scheduled',
  state: 'booked',
  bookedStart: START,
  expertJoinedAt: null,
  clientJoinedAt: null,
  updatedAt: START - 60 * MINUTE,
}
const time = (t: number): string => `${(t - START) / MINUTE} min`

describe('why Start pressed on a reminder is refused', () => {
  it('says nothing inside the start window, and names the reason outside it', () => {
    expect(startRefusal(booked, START - 10 * MINUTE, time)).toBeNull()
    expect(startRefusal(booked, START - 30 * MINUTE, time)).toBe('It is too early: Start opens at -10 min.')
    expect(startRefusal({ ...booked, state: 'cancelled' }, START, time)).toBe('The session was cancelled.')
    expect(startRefusal({ ...booked, state: 'live', expertJoinedAt: START }, START, time)).toBe(
      'The session has already started.',
    )
    expect(startRefusal({ ...booked, state: 'ended' }, START, time)).toBe('The session has ended.')
    expect(startRefusal(booked, START + 60 * MINUTE, time)).toBe('The start window has closed.')
  })
})
