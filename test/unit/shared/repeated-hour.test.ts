import { describe, expect, it } from 'vitest'
import { DAY_AND_TIME, hostTimeText } from '../../../src/shared/day-time-options'
import { inRepeatedHour } from '../../../src/shared/repeated-hour'
import { useHostZone } from '../../support/host-zone'

const NEW_YORK = 'America/New_York'
/** 1:30 in New York on the night the clocks go back: first in daylight time, then an hour on in standard time. */
const FIRST_1_30 = Date.UTC(2026, 10, 1, 5, 30)
const SECOND_1_30 = Date.UTC(2026, 10, 1, 6, 30)

describe('the hour the clocks go back', () => {
  it('holds both moments a wall-clock time names there, and no other', () => {
    expect(inRepeatedHour(FIRST_1_30, NEW_YORK)).toBe(true)
    expect(inRepeatedHour(SECOND_1_30, NEW_YORK)).toBe(true)
    // Its edges: 1:00 daylight time comes again, 2:00 standard time does not.
    expect(inRepeatedHour(Date.UTC(2026, 10, 1, 5, 0), NEW_YORK)).toBe(true)
    expect(inRepeatedHour(Date.UTC(2026, 10, 1, 4, 59, 59), NEW_YORK)).toBe(false)
    expect(inRepeatedHour(Date.UTC(2026, 10, 1, 7, 0), NEW_YORK)).toBe(false)
    expect(inRepeatedHour(Date.UTC(2026, 10, 2, 5, 30), NEW_YORK)).toBe(false)
  })

  it('is not the hour the clocks skip: every moment then has one wall-clock time', () => {
    // 8 March 2026: 2:00 EST becomes 3:00 EDT, at 07:00 UTC.
    for (const minute of [-30, 0, 30, 60, 90]) {
      expect(inRepeatedHour(Date.UTC(2026, 2, 8, 7, minute), NEW_YORK)).toBe(false)
    }
  })

  it('follows each zone’s own change: half an hour on Lord Howe, none in UTC or Tokyo', () => {
    // Lord Howe goes back from +11:00 to +10:30 at 2:00 on 5 April 2026 (15:00 UTC the day before).
    expect(inRepeatedHour(Date.UTC(2026, 3, 4, 14, 45), 'Australia/Lord_Howe')).toBe(true)
    expect(inRepeatedHour(Date.UTC(2026, 3, 4, 14, 15), 'Australia/Lord_Howe')).toBe(false)
    expect(inRepeatedHour(FIRST_1_30, 'UTC')).toBe(false)
    expect(inRepeatedHour(FIRST_1_30, 'Asia/Tokyo')).toBe(false)
  })

  it('says nothing of a zone this computer does not know, or of a moment no Date holds', () => {
    expect(inRepeatedHour(FIRST_1_30, 'Mars/Olympus_Mons')).toBe(false)
    expect(inRepeatedHour(Number.NaN, NEW_YORK)).toBe(false)
    expect(inRepeatedHour(8.64e15, NEW_YORK)).toBe(false)
  })
})

describe('a time written for the host', () => {
  const setHostZone = useHostZone()

  it('names the zone in the repeated hour, so its two moments read differently, and only there', () => {
    setHostZone(NEW_YORK)
    // The platform's time is the fixtures' own, so none of these days is in another year.
    const written = (t: number) => hostTimeText(t, DAY_AND_TIME, FIRST_1_30)
    const first = written(FIRST_1_30)
    const second = written(SECOND_1_30)
    expect(first).not.toBe(second)
    expect(first).toMatch(/1:30/)
    expect(second).toMatch(/1:30/)
    expect(written(Date.UTC(2026, 10, 1, 17, 30))).toBe(
      new Intl.DateTimeFormat(undefined, DAY_AND_TIME).format(Date.UTC(2026, 10, 1, 17, 30)),
    )
    expect(written(Number.NaN)).toBe('an unknown time')
  })
})
