import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  calendarDay,
  formatAgo,
  formatAmount,
  formatBytes,
  formatCountdown,
  formatDay,
  formatDayTime,
  formatDayTimeIn,
  formatDuration,
  formatResponseTime,
  formatTime,
  formatTimeNear,
  formatTimer,
  isoTime,
  setDisplay,
  UNKNOWN_TIME,
} from '../../../src/renderer/logic/format'
import { UNKNOWN_AMOUNT } from '../../../src/shared/money/format-money'
import { MAX_AMOUNT_MINOR } from '../../../src/shared/money/money'

const DAY = 86_400_000
/** Nothing a person should ever read in a length, a count or an amount. */
const ABSURD = /NaN|Infinity|∞|-0\b|e\+|e-\d|^-|\s-\d/

const lengths = [
  ['formatDuration', formatDuration],
  ['formatTimer', formatTimer],
  ['formatCountdown', formatCountdown],
  ['formatAgo', formatAgo],
  ['formatResponseTime', formatResponseTime],
  ['formatBytes', formatBytes],
] as const

describe('lengths, counts and times at their bounds', () => {
  beforeEach(() => setDisplay({ locale: 'en-GB', timeZone: 'UTC' }))
  afterEach(() => setDisplay({}))

  it('never read NaN, infinity, -0, a minus or an exponent, and never throw', () => {
    const odd = [NaN, Infinity, -Infinity, -0, -1, -5 * 60_000, 1e300, Number.MAX_VALUE, 0.4, 200 * 365 * DAY]
    for (const [name, format] of lengths) {
      for (const value of odd) {
        const text = format(value)
        expect(text, `${name}(${value})`).not.toMatch(ABSURD)
        expect(text.length, `${name}(${value}) = ${text}`).toBeLessThan(40)
      }
    }
  })

  it('show a length that a clock stepping back made negative, or not a number, as nothing yet', () => {
    expect(formatCountdown(-3 * 60_000)).toBe('0:00')
    expect(formatCountdown(NaN)).toBe('0:00')
    expect(formatTimer(NaN)).toBe('0:00')
    expect(formatDuration(NaN)).toMatch(/^0 secs?$/)
    expect(formatAgo(NaN)).toBe('now')
    expect(formatResponseTime(-0)).toMatch(/^0 secs?$/)
    expect(formatBytes(-0)).toMatch(/^0 (byte|B)$/)
  })

  it('write a length decades away in years, not tens of thousands of days or hours', () => {
    expect(formatCountdown(20 * 365.25 * DAY)).toMatch(/^20 yrs?$/)
    expect(formatAgo(3 * 365.25 * DAY)).toBe('3 years ago')
    // Ordinary lengths read as before.
    expect(formatCountdown(3 * DAY)).toBe('3 days')
    expect(formatCountdown(300 * DAY)).toBe('300 days')
    expect(formatAgo(2 * DAY)).toBe('2 days ago')
    expect(formatCountdown(90 * 60_000)).toMatch(/^1 hr 30 mins?$/)
  })

  it('write a moment no Date can hold as an unknown time rather than throwing', () => {
    for (const t of [NaN, Infinity, 1e300]) {
      expect(formatTime(t)).toBe(UNKNOWN_TIME)
      expect(formatDayTime(t)).toBe(UNKNOWN_TIME)
      expect(formatDay(t)).toBe(UNKNOWN_TIME)
      expect(calendarDay(t)).toBe(UNKNOWN_TIME)
      expect(formatDayTimeIn(t, 'America/New_York')).toBe(UNKNOWN_TIME)
      expect(isoTime(t)).toBe('')
    }
    expect(isoTime(0)).toBe('1970-01-01T00:00:00.000Z')
  })

  it('write money from zero to the protocol’s maximum exactly, without -0 or an exponent', () => {
    const amount = (amountMinor: number, currency: string) =>
      formatAmount({ amountMinor, currency }).replace(/\s/gu, ' ')
    expect(amount(0, 'USD')).toBe('US$0.00')
    expect(amount(-0, 'USD')).toBe('US$0.00')
    expect(amount(1, 'BHD')).toBe('BHD 0.001')
    expect(amount(MAX_AMOUNT_MINOR, 'USD')).toBe('US$10,000,000,000.00')
    expect(amount(-MAX_AMOUNT_MINOR, 'JPY')).toBe('-JP¥1,000,000,000,000')
    // A fraction of a cent is no amount, either way.
    expect(amount(-0.5, 'USD')).toBe('US$0.00')
    expect(amount(1234.7, 'USD')).toBe('US$12.34')
    for (const odd of [NaN, Infinity, -Infinity, 1e21, 2 ** 60])
      expect(amount(odd, 'USD')).toBe(UNKNOWN_AMOUNT)
  })
})

describe('a moment near now', () => {
  afterEach(() => setDisplay({}))

  it('names the day too when the moment is half a day or more away, either way (a clock that stepped back)', () => {
    setDisplay({ locale: 'en-GB', timeZone: 'UTC' })
    const now = Date.UTC(2026, 0, 6, 12, 0)
    expect(formatTimeNear(now - 3_600_000, now)).toBe('11:00')
    expect(formatTimeNear(now - 2 * DAY, now)).toBe('Sun 4 Jan, 12:00')
    // Synced "two days ahead" by a clock that then stepped back: not just "12:00".
    expect(formatTimeNear(now + 2 * DAY, now)).toBe('Thu 8 Jan, 12:00')
  })
})
