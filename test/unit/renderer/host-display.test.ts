import { afterEach, describe, expect, it } from 'vitest'
import {
  calendarDay,
  currentDisplay,
  followHostDisplay,
  formatDayTime,
  formatTime,
  onDisplayChange,
  setDisplay,
} from '../../../src/renderer/logic/format'
import { localInputValue } from '../../../src/renderer/logic/local-input'
import { useHostZone } from '../../support/host-zone'
import { formatAsAt } from '../../support/current-time'

// 12:00 UTC: 13:00 in Berlin, 21:00 in Tokyo (and the next day's 02:00 at +14).
const T = Date.UTC(2026, 0, 6, 12, 0)

describe('the window’s times when the OS’s time zone changes while it is open', () => {
  const setHostZone = useHostZone()
  formatAsAt(T)
  afterEach(() => setDisplay({}))

  it('writes every time in the new zone from the next check on, and tells its subscribers once', () => {
    setHostZone('Europe/Berlin')
    setDisplay({ locale: 'en-GB' })
    expect(formatTime(T)).toBe('13:00')
    let told = 0
    const off = onDisplayChange(() => told++)
    expect(followHostDisplay()).toBe(false)

    setHostZone('Asia/Tokyo')
    expect(followHostDisplay()).toBe(true)
    expect(currentDisplay().timeZone).toBe('Asia/Tokyo')
    expect(formatTime(T)).toBe('21:00')
    expect(formatDayTime(T)).toBe('Tue 6 Jan, 21:00')
    expect(localInputValue(T)).toBe('2026-01-06T21:00')
    // Nothing more to tell until the zone changes again.
    expect(followHostDisplay()).toBe(false)
    expect(told).toBe(1)

    // Across the date line: the same moment is the next day.
    setHostZone('Pacific/Kiritimati')
    followHostDisplay()
    expect(calendarDay(T)).not.toBe(calendarDay(T - 12 * 60 * 60_000))
    expect(formatDayTime(T)).toBe('Wed 7 Jan, 2:00')
    off()
  })

  it('keeps a zone the display names, whatever the OS’s', () => {
    setHostZone('Europe/Berlin')
    setDisplay({ locale: 'en-GB', timeZone: 'UTC' })
    setHostZone('Asia/Tokyo')
    expect(followHostDisplay()).toBe(false)
    expect(formatTime(T)).toBe('12:00')
  })

  it('takes a locale or zone Intl refuses as the host’s own, instead of failing every time shown', () => {
    setHostZone('Europe/Berlin')
    for (const display of [
      { locale: 'not a locale!', timeZone: 'Europe/Berlin' },
      { locale: 'en-GB', timeZone: 'Mars/Olympus_Mons' },
      { locale: 'en-GB', timeZone: 'Etc/Unknown' },
    ]) {
      expect(() => setDisplay(display), JSON.stringify(display)).not.toThrow()
      expect(formatTime(T)).toMatch(/13[:.]00|1:00/)
    }
  })
})
