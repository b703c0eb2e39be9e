import { describe, expect, it } from 'vitest'
import { KeptHostFormats } from '../../../../src/main/core/kept-host-formats'
import { DAY_AND_TIME, localTimeNear } from '../../../../src/shared/day-time-options'
import { useHostZone } from '../../../support/host-zone'

/** 09:00 UTC on a winter day: 09:00 in London, 18:00 in Tokyo. */
const NINE_UTC = Date.UTC(2026, 0, 6, 9, 0)
/** 1:30 in New York on the night the clocks go back, in daylight time. */
const REPEATED_1_30 = Date.UTC(2026, 10, 1, 5, 30)

describe('the host’s formatters kept until the zone changes', () => {
  const setHostZone = useHostZone()

  it('builds one formatter per option set, by value, and writes what a fresh one writes', () => {
    setHostZone('Europe/London')
    const kept = new KeptHostFormats()
    const first = kept.formats(DAY_AND_TIME)
    expect(kept.formats({ ...DAY_AND_TIME })).toBe(first)
    expect(kept.formats({ hour: '2-digit', minute: '2-digit' })).not.toBe(first)
    expect(localTimeNear(NINE_UTC, NINE_UTC, kept.formats)).toBe(localTimeNear(NINE_UTC, NINE_UTC))
    expect(localTimeNear(NINE_UTC, NINE_UTC + 48 * 3_600_000, kept.formats)).toBe(
      localTimeNear(NINE_UTC, NINE_UTC + 48 * 3_600_000),
    )
  })

  it('names the zone in the hour the clocks go back, as a fresh formatter does', () => {
    setHostZone('America/New_York')
    const kept = new KeptHostFormats()
    const written = localTimeNear(REPEATED_1_30, REPEATED_1_30, kept.formats)
    expect(written).toMatch(/EDT|GMT-4/)
    expect(localTimeNear(REPEATED_1_30 + 3_600_000, REPEATED_1_30, kept.formats)).toMatch(/EST|GMT-5/)
    expect(written).toBe(localTimeNear(REPEATED_1_30, REPEATED_1_30))
  })

  it('writes in the new zone once told the zone changed, and not before', () => {
    setHostZone('Europe/London')
    const kept = new KeptHostFormats()
    expect(localTimeNear(NINE_UTC, NINE_UTC, kept.formats)).toMatch(/0?9[:.]00/)
    setHostZone('Asia/Tokyo')
    // Node reads the zone again only when its environment changes; the runtime's zone watch does
    // that and tells the owner, so nothing is written between the two in production.
    expect(localTimeNear(NINE_UTC, NINE_UTC, kept.formats)).toMatch(/0?9[:.]00/)
    kept.forget()
    expect(localTimeNear(NINE_UTC, NINE_UTC, kept.formats)).toMatch(/18[:.]00|0?6[:.]00 PM/)
  })

  it('drops what it kept rather than growing without end on ever new option sets', () => {
    const kept = new KeptHostFormats()
    const first = kept.formats({ hour: 'numeric' })
    // Keys Intl ignores, each set a new one to keep.
    for (let n = 0; n < 100; n++)
      kept.formats({ hour: 'numeric', [`unknown${n}`]: n } as Intl.DateTimeFormatOptions)
    expect(kept.formats({ hour: 'numeric' })).not.toBe(first)
  })
})
