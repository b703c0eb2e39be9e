import { describe, expect, it } from 'vitest'
import {
  countdownChangesIn,
  sessionCountdown,
  sessionStartLine,
  type CountdownSession,
} from '../../../../../src/main/core/tray/session-countdown'
import { TITLE_IN_SENTENCE_MAX } from '../../../../../src/shared/os-limits'
import { formatCountdown } from '../../../../../src/renderer/logic/format'
import { setDisplay, unit as unitOfDisplay } from '../../../../../src/renderer/logic/format-display'
import type { UnitFormats } from '../../../../../src/shared/length-words'
import { useHostZone } from '../../../../support/host-zone'

const start = Date.UTC(2026, 0, 5, 14, 0)
const minutes = (n: number): number => n * 60_000
const session: CountdownSession = { request: { title: 'Query plan' }, bookedStart: start, state: 'booked' }

describe('the next session’s countdown', () => {
  it.each([
    [minutes(25), 'Query plan · in 25 min'],
    [minutes(24) + 1, 'Query plan · in 25 min'],
    [1, 'Query plan · in 1 min'],
    [0, 'Query plan · starting now'],
    [-minutes(3), 'Query plan · starting now'],
    [minutes(60), 'Query plan · in 1 hr'],
    [minutes(125), 'Query plan · in 2 hr 5 min'],
    [minutes(59) + 1, 'Query plan · in 1 hr'],
    [minutes(60 * 24) - 1, 'Query plan · in 1 day'],
    [minutes(60 * 24), 'Query plan · in 1 day'],
    [minutes(60 * 24 * 3 + 5), 'Query plan · in 3 days'],
    [minutes(60 * 24 * 730), 'Query plan · in 1 yr'],
    [minutes(60 * 24 * 731), 'Query plan · in 2 yrs'],
  ])('%d ms before the start reads %s', (before, line) => {
    expect(sessionCountdown(session, start - before)).toBe(line)
  })

  it('cuts a long title, not the countdown, so a menu or tooltip line keeps the time', () => {
    const line = sessionCountdown(
      { ...session, request: { title: `\u202e${'z'.repeat(300)}` } },
      start - minutes(25),
    )
    expect(line).toBe(`${'z'.repeat(TITLE_IN_SENTENCE_MAX - 1)}… · in 25 min`)
  })

  it('says what the window’s countdown says for the same session, from an hour on, in the same locale', () => {
    setDisplay({ locale: 'de-DE', timeZone: 'UTC' })
    const german: UnitFormats = (unit) => unitOfDisplay(unit)
    for (const before of [minutes(60), minutes(125), minutes(60 * 24 * 3 + 5), minutes(60 * 24 * 731)])
      expect(sessionCountdown(session, start - before, german)).toBe(
        `Query plan · in ${formatCountdown(before)}`,
      )
    setDisplay({})
  })

  it('reads a bad clock’s time as unknown or past, never "NaN" or "∞", and looks again in a minute', () => {
    expect(sessionCountdown(session, Number.NaN)).toBe('Query plan · time unknown')
    expect(sessionCountdown(session, Number.POSITIVE_INFINITY)).toBe('Query plan · starting now')
    expect(sessionCountdown(session, Number.NEGATIVE_INFINITY)).toBe('Query plan · in 200 yrs')
    for (const now of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])
      expect(countdownChangesIn(session, now)).toBe(minutes(1))
  })

  it('says a live session is in session, whatever the time', () => {
    expect(sessionCountdown({ ...session, state: 'live' }, start + minutes(5))).toBe(
      'Query plan · in session',
    )
  })

  it('changes next when the minute it shows rolls over', () => {
    const now = start - minutes(25) + 10_000
    expect(sessionCountdown(session, now)).toBe('Query plan · in 25 min')
    const next = countdownChangesIn(session, now)!
    expect(sessionCountdown(session, now + next - 1)).toBe('Query plan · in 25 min')
    expect(sessionCountdown(session, now + next)).toBe('Query plan · in 24 min')
    expect(countdownChangesIn(session, start - minutes(10))).toBe(minutes(1))
  })

  it('needs no timer for a live session, and looks again each minute after the start', () => {
    expect(countdownChangesIn({ ...session, state: 'live' }, start)).toBeNull()
    expect(countdownChangesIn(session, start + 1)).toBe(minutes(1))
  })
})

describe('the next session’s start, for a menu that must not change every minute', () => {
  const setZone = useHostZone()
  /** The same instant a minute apart, over an hour before the start: the countdown would move. */
  const early = start - minutes(90)

  it('reads the same each minute before the start, naming the time, not a countdown', () => {
    const lines = [0, 1, 2, 30].map((n) => sessionStartLine(session, early + minutes(n)))
    expect(new Set(lines).size).toBe(1)
    expect(lines[0]).toMatch(/^Query plan · /)
    expect(lines[0]).not.toMatch(/ in \d/)
  })

  it('says starting now and in session as the countdown does', () => {
    expect(sessionStartLine(session, start)).toBe('Query plan · starting now')
    expect(sessionStartLine({ ...session, state: 'live' }, start + minutes(5))).toBe(
      'Query plan · in session',
    )
  })

  it('judges "today" by the platform’s time in the zone its times are written in, not the process’s zone', () => {
    setZone('UTC')
    // Written in Kathmandu (+5:45), as formatters kept from before the host moved zone write:
    // 18:35 UTC is 00:20 the next day there, while 12:00 UTC is still the day before.
    const kathmandu = (options: Readonly<Intl.DateTimeFormatOptions>) =>
      new Intl.DateTimeFormat('en-GB', { ...options, timeZone: 'Asia/Kathmandu' })
    const tomorrowThere = { ...session, bookedStart: Date.UTC(2026, 0, 6, 18, 35) }
    const line = sessionStartLine(tomorrowThere, Date.UTC(2026, 0, 6, 12, 0), kathmandu)
    expect(line).toBe('Query plan · Wed 7 Jan, 00:20')
    // The same evening there, it is today's.
    expect(sessionStartLine(tomorrowThere, Date.UTC(2026, 0, 6, 18, 20), kathmandu)).toBe(
      'Query plan · at 00:20',
    )
  })

  it('names the day of a session on another day', () => {
    const later = { ...session, bookedStart: start + minutes(60 * 24 * 3) }
    expect(sessionStartLine(later, start)).not.toBe(sessionStartLine(session, start - minutes(1)))
    expect(sessionStartLine(later, start)).not.toMatch(/ · at /)
  })
})

describe('the next session’s start in the hour the clocks go back', () => {
  const setZone = useHostZone()

  it('names the zone, so the first 01:30 and the second read apart', () => {
    setZone('America/New_York')
    // 1 November 2026, 01:30 EDT and, an hour later, 01:30 EST; seen at 00:45 EDT that night.
    const first = { ...session, bookedStart: Date.UTC(2026, 10, 1, 5, 30) }
    const second = { ...session, bookedStart: Date.UTC(2026, 10, 1, 6, 30) }
    const now = Date.UTC(2026, 10, 1, 4, 45)
    expect(sessionStartLine(first, now)).toMatch(/^Query plan · at .*EDT$/)
    expect(sessionStartLine(second, now)).toMatch(/^Query plan · at .*EST$/)
    // An ordinary hour names no zone.
    expect(sessionStartLine(session, start - minutes(90))).not.toMatch(/E[DS]T/)
  })
})
