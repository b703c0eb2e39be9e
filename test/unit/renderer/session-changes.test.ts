import { afterEach, describe, expect, it } from 'vitest'
import { formatDayTime, setDisplay } from '../../../src/renderer/logic/format'
import {
  cancelledLine,
  cancelTermsLine,
  localInputValue,
  proposedStartOf,
  rescheduleLine,
} from '../../../src/renderer/logic/session-changes'
import { aSession, FIXTURE_NOW, MINUTE } from '../../support/fixtures'

const HOUR = 60 * MINUTE

/** A booked start two days on, and the expert's pending proposal to move it an hour later. */
const start = FIXTURE_NOW + 48 * HOUR
const pendingProposal = {
  proposedStart: start + HOUR,
  previousStart: start,
  proposedAt: FIXTURE_NOW,
  state: 'pending',
  answeredAt: null,
} as const

describe('a booked session’s changes in the window', () => {
  afterEach(() => setDisplay({}))

  it('says until when cancelling is free, then that the fee applies, by the time it is given', () => {
    setDisplay({ locale: 'en-GB', timeZone: 'UTC' })
    const until = Date.UTC(2026, 2, 3, 14, 0)
    const session = aSession({ bookedStart: until + 24 * HOUR, freeCancellationUntil: until })
    expect(cancelTermsLine(session, until)).toBe('Free to cancel until Tue 3 Mar, 14:00.')
    expect(cancelTermsLine(session, until + 1)).toBe('A late-cancellation fee applies: you pay it.')
    expect(cancelTermsLine({ ...session, freeCancellationUntil: null }, until)).toMatch(/has not said/)
  })

  it('shows a pending proposal, and the client’s answer', () => {
    const proposal = pendingProposal
    const session = aSession({ bookedStart: start, reschedule: proposal })
    const name = session.client.name
    expect(rescheduleLine(session)).toBe(
      `You proposed ${formatDayTime(start + HOUR)}: waiting for ${name} to answer.`,
    )
    expect(rescheduleLine({ ...session, reschedule: { ...proposal, state: 'declined' } })).toMatch(
      new RegExp(`^${name} declined .+; the session keeps its time\\.$`),
    )
    expect(rescheduleLine({ ...session, reschedule: { ...proposal, state: 'accepted' } })).toBe(
      `${name} accepted the new time (it was ${formatDayTime(start)}).`,
    )
    expect(rescheduleLine(aSession())).toBeNull()
  })

  it('waits for no answer on a session that started or was cancelled before its proposal lapsed', () => {
    for (const state of ['live', 'ended', 'cancelled'] as const) {
      expect(rescheduleLine(aSession({ bookedStart: start, state, reschedule: pendingProposal }))).toBeNull()
    }
  })

  it('names who cancelled and their note; the system’s cancellations keep the usual line', () => {
    const cancelled = (by: 'client' | 'expert' | undefined, message?: string) =>
      aSession({
        state: 'cancelled',
        cancellation: {
          reason: by === 'client' ? 'client_cancelled' : by === 'expert' ? 'expert_cancelled' : 'both_absent',
          feeAssessedTo: null,
          cancelledAt: FIXTURE_NOW,
          ...(by === undefined ? {} : { by }),
          ...(message === undefined ? {} : { message }),
        },
      })
    const client = cancelled('client', 'Found it myself')
    expect(cancelledLine(client)).toBe(`${client.client.name} cancelled: “Found it myself”`)
    expect(cancelledLine(cancelled('expert'))).toBe('You cancelled')
    expect(cancelledLine(cancelled(undefined))).toBeNull()
  })

  it('takes a proposed time only in the future and other than the booked one', () => {
    const session = aSession({ bookedStart: FIXTURE_NOW + 2 * HOUR })
    const value = (t: number) => localInputValue(t)
    expect(proposedStartOf(value(FIXTURE_NOW + 3 * HOUR), session, FIXTURE_NOW)).toEqual({
      ok: true,
      start: FIXTURE_NOW + 3 * HOUR,
    })
    expect(proposedStartOf(value(FIXTURE_NOW - HOUR), session, FIXTURE_NOW)).toEqual({
      ok: false,
      message: 'Choose a time in the future.',
    })
    expect(proposedStartOf(value(session.bookedStart), session, FIXTURE_NOW)).toMatchObject({ ok: false })
    expect(proposedStartOf('', session, FIXTURE_NOW)).toEqual({
      ok: false,
      message: 'Choose a date and time.',
    })
    // Years a date field takes past the protocol's last (2200), or past the platform's two years: said, not sent.
    for (const far of ['2201-01-01T10:00', '9999-12-31T23:55', value(FIXTURE_NOW + 800 * 24 * HOUR)]) {
      expect(proposedStartOf(far, session, FIXTURE_NOW), far).toEqual({
        ok: false,
        message: 'Choose a time within two years from now.',
      })
    }
    expect(proposedStartOf(value(FIXTURE_NOW + 700 * 24 * HOUR), session, FIXTURE_NOW)).toMatchObject({
      ok: true,
    })
  })
})
