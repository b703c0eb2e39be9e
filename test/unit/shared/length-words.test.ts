// One wording for a length of time wherever it is shown: the window's countdown and the tray's
// line say the same words for the same session, in the locale asked for, at every boundary, and a
// bad clock's NaN, infinity or negative length reads as no time rather than "NaN" or "∞".
import { describe, expect, it } from 'vitest'
import { hostUnitFormats, lengthWords, type UnitFormats } from '../../../src/shared/length-words'

const SECOND = 1_000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** The short unit formats of `locale`. */
function unitsOf(locale: string): UnitFormats {
  return (unit) => new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short' })
}
const en = unitsOf('en-US')

describe('a length in words', () => {
  it.each([
    [59 * SECOND, '59 sec', '1 min'],
    [59 * SECOND + 600, '1 min', '1 min'],
    [59 * MINUTE + 29 * SECOND, '59 min', '1 hr'],
    [59 * MINUTE + 31 * SECOND, '1 hr', '1 hr'],
    [HOUR, '1 hr', '1 hr'],
    [2 * HOUR + 5 * MINUTE, '2 hr 5 min', '2 hr 5 min'],
    [2 * HOUR + 4 * MINUTE + SECOND, '2 hr 4 min', '2 hr 5 min'],
    [DAY - 31 * SECOND, '23 hr 59 min', '1 day'],
    [DAY - 30 * SECOND, '1 day', '1 day'],
    [DAY, '1 day', '1 day'],
    [DAY + 13 * HOUR, '2 days', '1 day'],
    [364 * DAY, '364 days', '364 days'],
    [730 * DAY, '1 yr', '1 yr'],
    [731 * DAY, '2 yrs', '2 yrs'],
  ])('%d ms reads "%s", and "%s" as a countdown', (ms, nearest, countdown) => {
    expect(lengthWords(ms, en)).toBe(nearest)
    expect(lengthWords(ms, en, 'countdown')).toBe(countdown)
  })

  it('reads a negative, NaN or infinite length from a bad clock as no time, or the longest there is', () => {
    for (const ms of [-5 * MINUTE, Number.NaN, Number.NEGATIVE_INFINITY, -0]) {
      expect(lengthWords(ms, en)).toBe('0 sec')
      expect(lengthWords(ms, en, 'countdown')).toBe('1 min')
    }
    expect(lengthWords(Number.POSITIVE_INFINITY, en)).toBe('200 yrs')
  })

  it('writes the locale’s own units and digits', () => {
    expect(lengthWords(3 * DAY, unitsOf('de-DE'))).toBe('3 Tg.')
    expect(lengthWords(2 * HOUR + 5 * MINUTE, unitsOf('de-DE'))).toBe('2 Std. 5 Min.')
    expect(lengthWords(5 * 366 * DAY, unitsOf('ar-EG'))).toMatch(/٥/)
  })

  it('writes the host’s locale by default, each unit’s format built once', () => {
    expect(hostUnitFormats('day')).toBe(hostUnitFormats('day'))
    expect(lengthWords(3 * DAY, hostUnitFormats)).toBe(
      lengthWords(3 * DAY, unitsOf(Intl.NumberFormat().resolvedOptions().locale)),
    )
  })
})
