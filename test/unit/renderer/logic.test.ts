import { afterEach, describe, expect, it, vi } from 'vitest'
import { couldNot, fromCall, fromCommand } from '../../../src/renderer/logic/action-result'
import { DROPPED, OFFLINE } from '../../../src/main/core/connection/link-command'
import { nextOccurrence, toTimeInputValue } from '../../../src/renderer/logic/availability'
import { conflictingSessions } from '../../../src/shared/rules/session-overlap'
import { checkEndChoice } from '../../../src/renderer/logic/end-outcome'
import { proposedTimeStatus } from '../../../src/renderer/logic/proposed-time'
import {
  calendarDay,
  currentDisplay,
  formatDayTime,
  formatDayTimeIn,
  formatTime,
  formatTimeOnDayOf,
  formatTimer,
  setDisplay,
  zoneCity,
} from '../../../src/renderer/logic/format'
import { closedInviteNotices } from '../../../src/renderer/logic/invite-changes'
import { noticeSentence } from '../../../src/renderer/logic/isolate'
import { closedInviteLabel, outcomeLabel } from '../../../src/renderer/logic/labels'
import { reasonLabel } from '../../../src/shared/labels'
import { autoCancelNotice, reminderStatus, startState } from '../../../src/renderer/logic/session-timing'
import { visibleRange } from '../../../src/renderer/logic/virtual-range'
import { aRequest, aScheduledRequest, aSession, anInvite, FIXTURE_NOW, MINUTE } from '../../support/fixtures'
import { formatAsAt } from '../../support/current-time'

describe('invite notices', () => {
  const a = anInvite({ id: 'inv_a', request: aRequest({ id: 'req_a', title: 'A' }) })
  const b = anInvite({ id: 'inv_b', request: aRequest({ id: 'req_b', title: 'B' }) })
  const c = anInvite({ id: 'inv_c', request: aRequest({ id: 'req_c', title: 'C' }) })

  it('announces invites that left for someone else’s reason, not the expert’s own', () => {
    const notices = closedInviteNotices(
      [a, b, c],
      [],
      [
        { ...a, state: 'taken' },
        { ...b, state: 'declined' },
      ],
    )
    expect(notices).toEqual([{ inviteId: 'inv_a', title: 'A', label: 'Taken by another expert' }])
  })

  it('says nothing for invites still open or accepted by this expert', () => {
    expect(closedInviteNotices([a, b], [a], [])).toEqual([])
  })

  it('names every way an invite closes', () => {
    expect(closedInviteLabel('expired')).toBe('Expired')
    expect(closedInviteLabel('withdrawn')).toBe('Withdrawn by the client')
    expect(reasonLabel('direct_profile')).toBe('Direct request via your profile link')
  })
})

describe('conflicts', () => {
  const booked = aSession({ bookedStart: FIXTURE_NOW, request: aRequest({ expectedDurationMinutes: 60 }) })

  it('flags a proposed time that overlaps a booked session, not one that touches its end', () => {
    expect(conflictingSessions(FIXTURE_NOW + 30 * MINUTE, 30, [booked])).toEqual([booked])
    expect(conflictingSessions(FIXTURE_NOW - 20 * MINUTE, 30, [booked])).toEqual([booked])
    expect(conflictingSessions(FIXTURE_NOW + 60 * MINUTE, 30, [booked])).toEqual([])
    expect(conflictingSessions(FIXTURE_NOW - 30 * MINUTE, 30, [booked])).toEqual([])
  })

  it('ignores ended and cancelled sessions', () => {
    expect(conflictingSessions(FIXTURE_NOW, 30, [{ ...booked, state: 'ended' }])).toEqual([])
  })
})

describe('a proposed time', () => {
  const booked = aSession({ bookedStart: FIXTURE_NOW + 60 * MINUTE })

  it('is past from the moment the platform’s clock reaches it, not before', () => {
    const at = FIXTURE_NOW + 10 * MINUTE
    expect(proposedTimeStatus(at, 30, at - 1, []).past).toBe(false)
    expect(proposedTimeStatus(at, 30, at, []).past).toBe(true)
    expect(proposedTimeStatus(at, 30, at + 5 * MINUTE, []).past).toBe(true)
  })

  it('carries the booked sessions it overlaps', () => {
    expect(proposedTimeStatus(FIXTURE_NOW + 45 * MINUTE, 30, FIXTURE_NOW, [booked])).toEqual({
      past: false,
      conflicts: [booked],
    })
  })
})

describe('ending a session', () => {
  it('accepts 1–99 % and refuses anything else with a sentence', () => {
    expect(checkEndChoice({ kind: 'discounted', percentText: '50' }, true)).toEqual({
      ok: true,
      outcome: { kind: 'discounted', percent: 50 },
    })
    for (const text of ['', '0', '100', '12.5', 'half']) {
      expect(checkEndChoice({ kind: 'discounted', percentText: text }, true)).toMatchObject({ ok: false })
    }
  })

  it('allows only no charge when billing never started', () => {
    expect(checkEndChoice({ kind: 'charged', percentText: '' }, false)).toMatchObject({ ok: false })
    expect(checkEndChoice({ kind: 'free', percentText: '' }, false)).toEqual({
      ok: true,
      outcome: { kind: 'free' },
    })
  })

  it('labels outcomes for the history', () => {
    const ended = aSession({ state: 'ended', outcome: { kind: 'discounted', percent: 30 } })
    expect(outcomeLabel(ended)).toBe('Discounted 30%')
    const cancelled = aSession({
      state: 'cancelled',
      cancellation: { reason: 'client_absent', feeAssessedTo: 'client', cancelledAt: FIXTURE_NOW },
    })
    expect(outcomeLabel(cancelled)).toBe('Cancelled: the client did not join')
  })
})

describe('start window', () => {
  formatAsAt(FIXTURE_NOW)
  afterEach(() => setDisplay({}))
  const start = FIXTURE_NOW + 60 * MINUTE

  it('is too early until 10 minutes before, open until 10 minutes after, then closed', () => {
    expect(startState(start, start - 11 * MINUTE)).toEqual({
      kind: 'too_early',
      opensAt: start - 10 * MINUTE,
    })
    expect(startState(start, start - 10 * MINUTE)).toMatchObject({ kind: 'open', started: false })
    expect(startState(start, start + MINUTE)).toMatchObject({ kind: 'open', started: true })
    expect(startState(start, start + 10 * MINUTE)).toEqual({ kind: 'closed' })
  })

  it('warns about the auto-cancel only once the start time has passed without the client', () => {
    const session = aSession({ request: aScheduledRequest('req_s', start), bookedStart: start })
    expect(autoCancelNotice(session, start - MINUTE)).toBeNull()
    expect(autoCancelNotice(session, start + MINUTE)).toMatch(
      /^Auto-cancels at .+ if you or the client have not joined$/,
    )
    const joined = { ...session, state: 'live' as const, expertJoinedAt: start }
    expect(autoCancelNotice(joined, start + MINUTE)).toMatch(/if the client has not joined$/)
    expect(autoCancelNotice({ ...joined, clientJoinedAt: start }, start + MINUTE)).toBeNull()
  })

  it('tells an expert who has not joined that the client is waiting and the fee would be theirs', () => {
    const waiting = aSession({
      request: aScheduledRequest('req_w', start),
      bookedStart: start,
      clientJoinedAt: start - 2 * MINUTE,
    })
    expect(autoCancelNotice(waiting, start - MINUTE)).toBeNull()
    expect(noticeSentence(autoCancelNotice(waiting, start + MINUTE) ?? '')).toMatch(
      new RegExp(
        `^${waiting.client.name} is waiting: auto-cancels at .+, with the fee charged to you, if you have not joined$`,
      ),
    )
    expect(autoCancelNotice({ ...waiting, state: 'cancelled' }, start + MINUTE)).toBeNull()
  })

  it('tells which reminders are still to come', () => {
    expect(reminderStatus(start, start - 40 * MINUTE, false, [])).toBe('Reminders off')
    expect(reminderStatus(start, start - 40 * MINUTE, true, [])).toMatch(/^Reminders at .+ and .+$/)
    expect(reminderStatus(start, start - 20 * MINUTE, true, [])).toMatch(/^10-minute reminder at /)
    expect(reminderStatus(start, start - 5 * MINUTE, true, [])).toBe('Reminders sent')
  })

  it('keeps a reminder the host marked sent as sent when the time reads before it (the clock moved back)', () => {
    expect(reminderStatus(start, start - 40 * MINUTE, true, [30])).toMatch(/^10-minute reminder at /)
    expect(reminderStatus(start, start - 40 * MINUTE, true, [30, 10])).toBe('Reminders sent')
  })

  it('gives a reminder on the day before its session (a start just after midnight) its day', () => {
    setDisplay({ locale: 'en-GB', timeZone: 'Asia/Kathmandu' })
    // 00:20 on Wed 7 Jan in Kathmandu (+5:45): the reminders come on Tuesday evening.
    const start = Date.UTC(2026, 0, 6, 18, 35)
    expect(reminderStatus(start, start - 40 * MINUTE, true, [])).toBe(
      'Reminders at Tue 6 Jan, 23:50 and 00:10',
    )
    // The same for the start window, which opens ten minutes before: at 00:10 for this one, and
    // on Tuesday at 23:55 for one at 00:05.
    const opensAt = (at: number): string => {
      const state = startState(at, at - 40 * MINUTE)
      return state.kind === 'too_early' ? formatTimeOnDayOf(state.opensAt, at) : state.kind
    }
    expect(opensAt(start)).toBe('00:10')
    expect(opensAt(start - 15 * MINUTE)).toBe('Tue 6 Jan, 23:55')
  })
})

describe('virtual range', () => {
  it('renders the visible rows plus the overscan, never the whole list', () => {
    const range = visibleRange({
      scrollTop: 56 * 5_000,
      viewportHeight: 560,
      rowHeight: 56,
      count: 10_000,
      overscan: 6,
    })
    expect(range).toEqual({ start: 4_994, end: 5_017 })
    expect(range.end - range.start).toBeLessThanOrEqual(560 / 56 + 1 + 12)
  })

  it('clamps at both ends', () => {
    expect(visibleRange({ scrollTop: 0, viewportHeight: 560, rowHeight: 56, count: 3, overscan: 6 })).toEqual(
      {
        start: 0,
        end: 3,
      },
    )
    expect(
      visibleRange({ scrollTop: 999_999, viewportHeight: 560, rowHeight: 56, count: 100, overscan: 6 }).end,
    ).toBe(100)
    expect(visibleRange({ scrollTop: 0, viewportHeight: 560, rowHeight: 56, count: 0, overscan: 6 })).toEqual(
      {
        start: 0,
        end: 0,
      },
    )
  })
})

describe('availability', () => {
  it('finds the next time the clock shows HH:MM, today or tomorrow', () => {
    const now = new Date(2026, 0, 5, 14, 0).getTime()
    expect(nextOccurrence('18:30', now)).toBe(new Date(2026, 0, 5, 18, 30).getTime())
    expect(nextOccurrence('09:00', now)).toBe(new Date(2026, 0, 6, 9, 0).getTime())
    expect(nextOccurrence('25:00', now)).toBeNull()
    expect(toTimeInputValue(new Date(2026, 0, 5, 7, 5).getTime())).toBe('07:05')
  })

  describe('across a change of the clocks (Berlin)', () => {
    afterEach(() => setDisplay({}))

    it('a time the clocks skipped today is still that time tomorrow, not an hour later', () => {
      setDisplay({ timeZone: 'Europe/Berlin' })
      // 04:00 summer time on 2026-03-29, after 02:00 became 03:00: today had no 02:30.
      const now = Date.UTC(2026, 2, 29, 2, 0)
      expect(nextOccurrence('02:30', now)).toBe(Date.UTC(2026, 2, 30, 0, 30))
      expect(toTimeInputValue(nextOccurrence('02:30', now)!)).toBe('02:30')
    })

    it('a time the clocks are about to skip is reached as they jump past it, not an hour after', () => {
      setDisplay({ timeZone: 'Europe/Berlin' })
      // 01:00 winter time on 2026-03-29: at 02:00 the clocks go to 03:00, so "until 02:30" ends then.
      const now = Date.UTC(2026, 2, 29, 0, 0)
      expect(nextOccurrence('02:30', now)).toBe(Date.UTC(2026, 2, 29, 1, 0))
      expect(nextOccurrence('01:59', now)).toBe(Date.UTC(2026, 2, 29, 0, 59))
      expect(nextOccurrence('03:00', now)).toBe(Date.UTC(2026, 2, 29, 1, 0))
      expect(nextOccurrence('03:30', now)).toBe(Date.UTC(2026, 2, 29, 1, 30))
    })

    it('follows the display’s zone, half-hour and far-from-UTC zones too', () => {
      const now = Date.UTC(2026, 0, 5, 12, 0)
      // 18:00 in Kolkata (+5:30) is still to come that day; in Kiritimati (+14) it is already the
      // 6th; in Pago Pago (-11) still the morning of the 5th.
      const cases: ReadonlyArray<readonly [string, number]> = [
        ['Asia/Kolkata', Date.UTC(2026, 0, 5, 12, 30)],
        ['Pacific/Kiritimati', Date.UTC(2026, 0, 6, 4, 0)],
        ['Pacific/Pago_Pago', Date.UTC(2026, 0, 6, 5, 0)],
      ]
      for (const [timeZone, at] of cases) {
        setDisplay({ timeZone })
        expect(nextOccurrence('18:00', now), timeZone).toBe(at)
        expect(toTimeInputValue(at), timeZone).toBe('18:00')
      }
    })

    it('in the hour the clocks go back, a time already passed once comes again an hour on', () => {
      setDisplay({ timeZone: 'Europe/Berlin' })
      // 02:45 summer time on 2026-10-25; at 03:00 the clocks go back to 02:00, so 02:15 comes again.
      const now = Date.UTC(2026, 9, 25, 0, 45)
      expect(nextOccurrence('02:15', now)).toBe(Date.UTC(2026, 9, 25, 1, 15))
      expect(nextOccurrence('02:50', now)).toBe(Date.UTC(2026, 9, 25, 0, 50))
    })
  })
})

describe('action results', () => {
  it('turns any failure into one sentence that says what did not happen', () => {
    expect(couldNot('book', 'This time is no longer available.')).toBe(
      'Could not book: this time is no longer available.',
    )
    expect(
      fromCommand('join', {
        ok: true,
        value: { ok: false, error: { code: 'taken', message: 'Another expert already took this session.' } },
      }),
    ).toEqual({ ok: false, message: 'Could not join: another expert already took this session.' })
    // A call that never reached the app already says what was not done: said once, not twice.
    expect(
      fromCommand('join', {
        ok: false,
        error: {
          code: 'transport_failed',
          message: 'The session was not started: the window lost its connection.',
        },
      }),
    ).toEqual({
      ok: false,
      message: 'The session was not started: the window lost its connection.',
    })
    // Nor does a call the app refused, which says what was not done the same way.
    expect(
      fromCommand('send', {
        ok: false,
        error: {
          code: 'invalid_payload',
          message:
            'Your message was not sent: what was sent is too large for Standby (over 1 MB); make it shorter.',
        },
      }),
    ).toEqual({
      ok: false,
      message:
        'Your message was not sent: what was sent is too large for Standby (over 1 MB); make it shorter.',
    })
  })

  it('says a command sent and not answered was tried, not that it failed, and that sending it again is safe', () => {
    const answered = (outcome: typeof DROPPED) => {
      const result = fromCommand('join', { ok: true, value: outcome })
      return result.ok ? { ok: true, message: '' } : result
    }
    expect(answered(DROPPED)).toEqual({
      ok: false,
      message:
        'Tried to join: the connection dropped before the platform answered, so Standby cannot tell whether it was done. Sending it again once Standby is back online is safe: the platform will not do it twice.',
    })
    const timeout = {
      code: 'timeout' as const,
      message:
        'The platform did not answer within 10 s, so Standby cannot tell whether it was done. Sending it again is safe: the platform will not do it twice.',
    }
    expect(answered({ ok: false, error: timeout }).message).toMatch(
      /^Tried to join: the platform did not answer/,
    )
    expect(answered({ ok: false, error: { ...timeout, code: 'invalid_response' } }).message).toMatch(
      /^Tried to join: /,
    )
    // Nothing was sent: it was not done, and "could not" says so.
    expect(answered(OFFLINE)).toEqual({
      ok: false,
      message:
        'Could not join: Standby is not connected to the platform, so nothing was sent. It reconnects by itself; try again once it is online.',
    })
    for (const outcome of [DROPPED, OFFLINE])
      expect(answered(outcome).message).not.toMatch(/may not|check its state/i)
  })

  it('says a call whose answer the carrier lost was tried: the app may have done it', () => {
    const lost = {
      ok: false as const,
      error: {
        code: 'unanswered' as const,
        message: 'The connection closed before the answer came, so this may have been done.',
      },
    }
    expect(fromCommand('send', lost)).toEqual({
      ok: false,
      message: 'Tried to send: the connection closed before the answer came, so this may have been done.',
    })
    expect(fromCall('save', lost)).toMatchObject({ message: expect.stringMatching(/^Tried to save: /) })
  })

  it('keeps acronyms as they are', () => {
    expect(couldNot('send', 'HTTP 500 from the platform')).toBe('Could not send: HTTP 500 from the platform')
  })
})

describe('format', () => {
  it('writes timers and zones', () => {
    expect(formatTimer(12 * MINUTE)).toBe('12:00')
    expect(formatTimer(65 * MINUTE + 7_000)).toBe('1:05:07')
    expect(zoneCity('America/New_York')).toBe('New York')
  })

  it('writes a ticking timer in the locale’s digits, as its dates and durations are', () => {
    try {
      setDisplay({ locale: 'ar-EG', timeZone: 'UTC' })
      expect(formatTimer(4 * MINUTE + 7_000)).toBe('٤:٠٧')
      setDisplay({ locale: 'fa-IR', timeZone: 'UTC' })
      expect(formatTimer(65 * MINUTE + 7_000)).toBe('۱:۰۵:۰۷')
      setDisplay({ locale: 'en-GB', timeZone: 'UTC' })
      expect(formatTimer(1_234 * MINUTE)).toBe('20:34:00')
    } finally {
      setDisplay({})
    }
  })

  it('names a fixed-offset zone by its offset as people write it, not by IANA’s inverted sign', () => {
    // Etc/GMT+5 is five hours behind UTC.
    expect(zoneCity('Etc/GMT+5')).toBe('UTC-5')
    expect(zoneCity('Etc/GMT-14')).toBe('UTC+14')
    for (const utc of ['Etc/GMT', 'Etc/UTC', 'UTC', 'GMT', 'Etc/GMT-0', 'GMT+0', 'Etc/GMT0', 'Etc/Zulu'])
      expect(zoneCity(utc)).toBe('UTC')
    expect(zoneCity('Europe/London')).toBe('London')
    expect(zoneCity('America/Argentina/Buenos_Aires')).toBe('Buenos Aires')
  })

  it('names a legacy zone whose name is a region by its city, so "East" or "Central" never stands alone', () => {
    expect(zoneCity('US/Eastern')).toBe('New York')
    expect(zoneCity('Brazil/East')).toBe('Sao Paulo')
    expect(zoneCity('Canada/Central')).toBe('Winnipeg')
    expect(zoneCity('Australia/North')).toBe('Darwin')
    expect(zoneCity('GB')).toBe('London')
    // Names that already say where, and ones this computer does not know, stay as given.
    expect(zoneCity('Europe/Kyiv')).toBe('Kyiv')
    expect(zoneCity('Asia/Kolkata')).toBe('Kolkata')
    expect(zoneCity('Australia/Sydney')).toBe('Sydney')
    expect(zoneCity('EST')).toBe('EST')
    expect(zoneCity('US/Nowhere')).toBe('Nowhere')
  })
})

describe('format in a given display (the host’s pre-render)', () => {
  // 23:30 UTC on 5 Jan: already 6 Jan in Berlin, still 5 Jan in New York.
  const lateEvening = Date.UTC(2026, 0, 5, 23, 30)
  formatAsAt(lateEvening)
  afterEach(() => setDisplay({}))

  it('writes times in the named locale and time zone, and says which it uses', () => {
    setDisplay({ locale: 'en-GB', timeZone: 'Europe/Berlin' })
    expect(currentDisplay()).toEqual({ locale: 'en-GB', timeZone: 'Europe/Berlin' })
    expect(formatTime(lateEvening)).toBe('00:30')
    expect(formatDayTime(lateEvening)).toBe('Tue 6 Jan, 0:30')
    // The client's zone keeps its own hours, in the expert's locale.
    expect(formatDayTimeIn(lateEvening, 'America/New_York')).toBe('Mon 5 Jan, 18:30')

    setDisplay({ locale: 'en-US', timeZone: 'America/New_York' })
    expect(formatTime(lateEvening)).toBe('6:30 PM')
  })

  it('keeps a bounded number of zone formats: a platform naming a new zone on every invite grows nothing', () => {
    setDisplay({ locale: 'en-GB', timeZone: 'UTC' })
    for (let i = 0; i < 1_500; i++) expect(formatDayTimeIn(lateEvening, `Nowhere/Zone_${i}`)).toBeNull()
    const built = vi.spyOn(Intl, 'DateTimeFormat')
    try {
      formatDayTimeIn(lateEvening, 'Nowhere/Zone_1')
      expect(built).not.toHaveBeenCalled()
      // Past the bound a name is not kept: each use builds its format again.
      formatDayTimeIn(lateEvening, 'Nowhere/Zone_1400')
      formatDayTimeIn(lateEvening, 'Nowhere/Zone_1400')
      expect(built).toHaveBeenCalledTimes(2)
    } finally {
      built.mockRestore()
    }
  })

  it('puts two moments on the same calendar day only where the expert is', () => {
    const earlier = Date.UTC(2026, 0, 5, 22, 30)
    setDisplay({ locale: 'en-GB', timeZone: 'Europe/Berlin' })
    expect(calendarDay(earlier)).not.toBe(calendarDay(lateEvening))
    setDisplay({ locale: 'en-GB', timeZone: 'America/New_York' })
    expect(calendarDay(earlier)).toBe(calendarDay(lateEvening))
  })
})
