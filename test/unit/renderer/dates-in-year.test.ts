/**
 * A day outside the current year shows its year, wherever the page writes a day: a session booked
 * next year, or in 2031, must not read as this year's. The current year is the platform's, as the
 * page keeps its time (the host's clock), not the computer's.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  formatDay,
  formatDayIn,
  formatDayTime,
  formatDayTimeIn,
  formatTimeNear,
  setCurrentTime,
  setDisplay,
} from '../../../src/renderer/logic/format'
import { renderFirstFrame } from '../../../src/renderer/first-frame/render-first-frame'
import { aFirstFrame, anInvite, aScheduledRequest } from '../../support/fixtures'

const NOW = Date.UTC(2026, 5, 15, 12, 0)
const THIS_YEAR = Date.UTC(2026, 10, 6, 13, 5)
const NEXT_YEAR = Date.UTC(2027, 0, 6, 13, 5)
const FAR = Date.UTC(2031, 0, 6, 13, 5)
const LAST_YEAR = Date.UTC(2025, 11, 30, 13, 5)

describe('a day outside the current year', () => {
  afterEach(() => {
    setCurrentTime(() => Date.now())
    setDisplay({})
  })

  it('shows its year in every way the page writes a day, and a day this year none', () => {
    setCurrentTime(() => NOW)
    setDisplay({ locale: 'en-GB', timeZone: 'UTC' })
    const writers = [
      formatDayTime,
      formatDay,
      (t: number) => formatDayTimeIn(t, 'America/New_York') ?? '',
      (t: number) => formatDayIn(t, 'America/New_York'),
      (t: number) => formatTimeNear(t, NOW),
    ]
    for (const write of writers) {
      expect(write(THIS_YEAR), write.name).not.toMatch(/2026/)
      expect(write(NEXT_YEAR), write.name).toMatch(/2027/)
      expect(write(FAR), write.name).toMatch(/2031/)
      expect(write(LAST_YEAR), write.name).toMatch(/2025/)
    }
    expect(formatDayTime(FAR)).toMatch(/^Mon,? 6 Jan 2031, 13:05$/)
    expect(formatDay(FAR)).toMatch(/^Mon,? 6 Jan 2031$/)
  })

  it('goes by the platform’s time the page keeps, not the computer’s clock', () => {
    setDisplay({ locale: 'en-GB', timeZone: 'UTC' })
    setCurrentTime(() => Date.UTC(2031, 0, 1))
    expect(formatDayTime(FAR)).toBe('Mon 6 Jan, 13:05')
    expect(formatDayTime(THIS_YEAR)).toMatch(/2026/)
  })

  it('decides the year by the now a caller gives, where it gives one, not the time the page keeps', () => {
    setDisplay({ locale: 'en-GB', timeZone: 'UTC' })
    setCurrentTime(() => Date.UTC(2031, 0, 1))
    const now = THIS_YEAR + 2 * 86_400_000
    expect(formatTimeNear(THIS_YEAR, now)).toBe('Fri 6 Nov, 13:05')
    expect(formatTimeNear(FAR, now)).toMatch(/2031/)
  })

  it('goes by the year where the day is shown: New Year’s Eve in London is New Year’s Day in Tokyo', () => {
    setCurrentTime(() => Date.UTC(2026, 11, 31, 12, 0))
    const evening = Date.UTC(2026, 11, 31, 20, 0)
    setDisplay({ locale: 'en-GB', timeZone: 'Europe/London' })
    expect(formatDayTime(evening)).not.toMatch(/202/)
    setCurrentTime(() => Date.UTC(2026, 11, 31, 12, 0))
    setDisplay({ locale: 'en-GB', timeZone: 'Asia/Tokyo' })
    // Noon in London is already 21:00 on the 31st in Tokyo, and the evening there is 2027.
    expect(formatDayTime(evening)).toMatch(/2027/)
    expect(formatDayTimeIn(evening, 'Europe/London')).not.toMatch(/202/)
  })
})

describe('the first frame the host pre-renders', () => {
  afterEach(() => {
    vi.useRealTimers()
    setCurrentTime(() => Date.now())
    setDisplay({})
  })

  /** The frame's Book buttons for an invite proposing `times`, pre-rendered at the platform's `now`. */
  const bookLabels = (now: number, times: number[]): string[] => {
    const request = aScheduledRequest('req_year', times[0] ?? now, { proposedTimes: times })
    const html = renderFirstFrame(
      aFirstFrame({ now, invites: { open: [anInvite({ request, sentAt: now })], missed: [] }, upcoming: [] }),
    )
    return [...html.matchAll(/aria-label="Book ([^"]*)"/g)].map((match) => match[1] ?? '')
  }

  it('writes the year by the frame’s platform time, as the page that takes it over, not by the computer’s clock', () => {
    // The platform is at New Year's Eve; the computer's clock is already in the new year.
    const now = Date.UTC(2026, 11, 31, 9, 0)
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(Date.UTC(2027, 0, 2, 9, 0))
    const tonight = Date.UTC(2026, 11, 31, 18, 0)
    const nextWeek = Date.UTC(2027, 0, 7, 18, 0)
    expect(bookLabels(now, [tonight, nextWeek])).toEqual([
      expect.stringMatching(/^Thu 31 Dec, 19:00$/),
      expect.stringMatching(/^Thu,? 7 Jan 2027, 19:00$/),
    ])
  })
})
