import { afterEach, describe, expect, it } from 'vitest'
import { formatDayTime, setDisplay } from '../../../src/renderer/logic/format'
import {
  cancelledLine,
  cancelTermsLine,
  proposedStartOf,
  rescheduleLine,
} from '../../../src/renderer/logic/session-changes'
import { noticeSentence, type NoticeText } from '../../../src/renderer/logic/isolate'
import { localInputValue } from '../../../src/renderer/logic/local-input'
import { aSession, FIXTURE_NOW, MINUTE } from '../../support/fixtures'
import { formatAsAt } from '../../support/current-time'

const HOUR = 60 * MINUTE

/** A line's words as one sentence; null stays null. */
const sentence = (line: NoticeText | null): string | null => (line === null ? null : noticeSentence(line))

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
  formatAsAt(FIXTURE_NOW)
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
    expect(sentence(rescheduleLine(session))).toBe(
      `You proposed ${formatDayTime(start + HOUR)}: waiting for ${name} to answer.`,
    )
    expect(sentence(rescheduleLine({ ...session, reschedule: { ...proposal, state: 'declined' } }))).toMatch(
      new RegExp(`^${name} declined .+; the session keeps its time\\.$`),
    )
    expect(sentence(rescheduleLine({ ...session, reschedule: { ...proposal, state: 'accepted' } }))).toBe(
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
    expect(sentence(cancelledLine(client))).toBe(`${client.client.name} cancelled: “Found it myself”`)
    expect(sentence(cancelledLine(cancelled('expert')))).toBe('You cancelled')
    expect(cancelledLine(cancelled(undefined))).toBeNull()
  })

  it('takes a proposed time only in the future and other than the booked one', () => {
    const session = aSession({ bookedStart: FIXTURE_NOW + 2 * HOUR })
    const value = (t: number) => localInputValue(t)
    expect(proposedStartOf(value(FIXTURE_NOW + 3 * HOUR), session, FIXTURE_NOW)).toEqual({
      ok: true,
      start: FIXTURE_NOW + 3 * HOUR,
      twice: null,
    })
    expect(proposedStartOf(value(FIXTURE_NOW - HOUR), session, FIXTURE_NOW)).toEqual({
      ok: false,
      message: 'Choose a time in the future.',
      twice: null,
    })
    expect(proposedStartOf(value(session.bookedStart), session, FIXTURE_NOW)).toMatchObject({ ok: false })
    expect(proposedStartOf('', session, FIXTURE_NOW)).toEqual({
      ok: false,
      message: 'Choose a date and time.',
      twice: null,
    })
    // Years a date field takes past the protocol's last (2200), or past the platform's two years: said, not sent.
    for (const far of ['2201-01-01T10:00', '9999-12-31T23:55', value(FIXTURE_NOW + 800 * 24 * HOUR)]) {
      expect(proposedStartOf(far, session, FIXTURE_NOW), far).toMatchObject({
        ok: false,
        message: 'Choose a time within two years from now.',
      })
    }
    expect(proposedStartOf(value(FIXTURE_NOW + 700 * 24 * HOUR), session, FIXTURE_NOW)).toMatchObject({
      ok: true,
    })
  })

  describe('a proposed time around a change of the clocks, in the expert’s zone', () => {
    const session = aSession({ bookedStart: Date.UTC(2026, 10, 20, 15, 0) })

    it('refuses a time the clocks skip, naming it, instead of sending it an hour on', () => {
      setDisplay({ locale: 'en-GB', timeZone: 'America/New_York' })
      const now = Date.UTC(2026, 2, 1, 12, 0)
      // 2026-03-08: at 02:00 EST the clocks go forward to 03:00 EDT, so no 02:30 that day.
      expect(proposedStartOf('2026-03-08T02:30', session, now)).toEqual({
        ok: false,
        message:
          'Sun 8 Mar has no 02:30 where you are: the clocks go forward past it. Choose another time, such as 03:30.',
        twice: null,
      })
      // The times either side of the gap are taken as written.
      expect(proposedStartOf('2026-03-08T01:59', session, now)).toMatchObject({
        ok: true,
        start: Date.UTC(2026, 2, 8, 6, 59),
      })
      expect(proposedStartOf('2026-03-08T03:00', session, now)).toMatchObject({
        ok: true,
        start: Date.UTC(2026, 2, 8, 7, 0),
      })
    })

    it('offers both showings of a time the clocks repeat, and sends the one chosen', () => {
      setDisplay({ locale: 'en-GB', timeZone: 'America/New_York' })
      const now = Date.UTC(2026, 9, 20, 12, 0)
      const edt = Date.UTC(2026, 10, 1, 5, 30)
      const est = Date.UTC(2026, 10, 1, 6, 30)
      expect(proposedStartOf('2026-11-01T01:30', session, now)).toEqual({
        ok: true,
        start: edt,
        twice: [edt, est],
      })
      expect(proposedStartOf('2026-11-01T01:30', session, now, { later: true })).toEqual({
        ok: true,
        start: est,
        twice: [edt, est],
      })
      // The two read apart wherever they show.
      expect(formatDayTime(edt)).not.toBe(formatDayTime(est))
      // Between the two, only the second is still to come: no choice, and that one.
      expect(proposedStartOf('2026-11-01T01:30', session, edt + 10 * MINUTE)).toEqual({
        ok: true,
        start: est,
        twice: null,
      })
    })

    it('keeps the choice open when the first showing is the booked time', () => {
      setDisplay({ locale: 'en-GB', timeZone: 'Europe/Berlin' })
      // 2026-10-25: at 03:00 CEST the clocks go back to 02:00 CET.
      const cest = Date.UTC(2026, 9, 25, 0, 30)
      const cet = Date.UTC(2026, 9, 25, 1, 30)
      const booked = aSession({ bookedStart: cest })
      const now = Date.UTC(2026, 9, 20, 12, 0)
      expect(localInputValue(cest)).toBe('2026-10-25T02:30')
      expect(proposedStartOf('2026-10-25T02:30', booked, now)).toEqual({
        ok: false,
        message: 'The session is already at that time.',
        twice: [cest, cet],
      })
      expect(proposedStartOf('2026-10-25T02:30', booked, now, { later: true })).toMatchObject({
        ok: true,
        start: cet,
      })
    })

    it('reads half-hour, quarter-hour and far-from-UTC zones at their own offsets', () => {
      const now = Date.UTC(2026, 0, 1, 0, 0)
      const cases: ReadonlyArray<readonly [string, number]> = [
        ['Asia/Kolkata', Date.UTC(2026, 0, 10, 9, 0) - (5 * 60 + 30) * MINUTE],
        ['Asia/Kathmandu', Date.UTC(2026, 0, 10, 9, 0) - (5 * 60 + 45) * MINUTE],
        // January is summer in the Chathams: +13:45.
        ['Pacific/Chatham', Date.UTC(2026, 0, 10, 9, 0) - (13 * 60 + 45) * MINUTE],
        ['Pacific/Kiritimati', Date.UTC(2026, 0, 10, 9, 0) - 14 * HOUR],
        ['Pacific/Pago_Pago', Date.UTC(2026, 0, 10, 9, 0) + 11 * HOUR],
      ]
      for (const [timeZone, start] of cases) {
        setDisplay({ locale: 'en-GB', timeZone })
        expect(proposedStartOf('2026-01-10T09:00', session, now), timeZone).toMatchObject({ ok: true, start })
        expect(localInputValue(start), timeZone).toBe('2026-01-10T09:00')
      }
    })

    it('refuses a day no calendar has rather than rolling it into the next month', () => {
      setDisplay({ locale: 'en-GB', timeZone: 'UTC' })
      for (const value of ['2026-02-30T10:00', '2026-13-01T10:00', '2026-01-01T24:00', 'tomorrow'])
        expect(proposedStartOf(value, session, FIXTURE_NOW), value).toMatchObject({
          ok: false,
          message: 'Choose a date and time.',
        })
      // A year typed short of the field's first day is in the past, whatever its calendar.
      expect(proposedStartOf('0050-06-01T12:00', session, FIXTURE_NOW)).toMatchObject({
        message: 'Choose a time in the future.',
      })
    })
  })
})
