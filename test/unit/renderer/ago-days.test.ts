import { afterEach, describe, expect, it } from 'vitest'
import { formatAgoAt, setDisplay } from '../../../src/renderer/logic/format'

const HOUR = 3_600_000

describe('how long ago, in calendar days where the expert is', () => {
  afterEach(() => setDisplay({}))

  it('says "yesterday" only of yesterday, however many hours ago that was', () => {
    setDisplay({ locale: 'en-GB', timeZone: 'Europe/Berlin' })
    // Wednesday 01:00 in Berlin.
    const now = Date.UTC(2026, 0, 7, 0, 0)
    expect(formatAgoAt(now - 30 * HOUR, now)).toBe('2 days ago') // Monday 19:00
    expect(formatAgoAt(now - 24.5 * HOUR, now)).toBe('yesterday') // Tuesday 00:30
    expect(formatAgoAt(now - 23 * HOUR, now)).toBe('23 hours ago')
    expect(formatAgoAt(now - 3 * 365 * 24 * HOUR, now)).toBe('2 years ago')
  })

  it('counts the days of a zone far from UTC, not UTC’s', () => {
    // Kiritimati is UTC+14: 00:30 on the 7th there, and the message came at 23:00 on the 5th.
    setDisplay({ locale: 'en-GB', timeZone: 'Pacific/Kiritimati' })
    const now = Date.UTC(2026, 0, 6, 10, 30)
    expect(formatAgoAt(now - 25.5 * HOUR, now)).toBe('2 days ago')
    setDisplay({ locale: 'en-GB', timeZone: 'UTC' })
    expect(formatAgoAt(now - 25.5 * HOUR, now)).toBe('yesterday')
  })

  it('never throws for a moment no Date holds', () => {
    setDisplay({ locale: 'en-GB', timeZone: 'UTC' })
    const beyond = 8.64e15 + HOUR
    expect(formatAgoAt(beyond - 48 * HOUR, beyond)).toBe('2 days ago')
    expect(formatAgoAt(NaN, Date.UTC(2026, 0, 1))).toBe('now')
  })
})
