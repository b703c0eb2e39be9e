import { describe, expect, it } from 'vitest'
import { trayStatus } from '../../../../../src/main/core/tray/tray-status'
import { localTimeNear } from '../../../../../src/shared/day-time-options'
import { useHostZone } from '../../../../support/host-zone'

const HOUR = 3_600_000
// 2026-11-01, New York: 01:30 EDT and, an hour later, 01:30 EST.
const EDT_0130 = Date.UTC(2026, 10, 1, 5, 30)
const EST_0130 = Date.UTC(2026, 10, 1, 6, 30)

describe('times in the tray’s line and the host’s other short times', () => {
  const setHostZone = useHostZone()

  const offlineLine = (lastSyncedAt: number): string =>
    trayStatus({ status: 'offline', nextAttemptAt: null, reason: 'Down', lastSyncedAt }, 0, { status: 'ok' })
      .statusLine

  it('names the zone of a time in the hour the clocks go back, so its two showings read apart', () => {
    setHostZone('America/New_York')
    expect(offlineLine(EDT_0130)).toMatch(/EDT$/)
    expect(offlineLine(EST_0130)).toMatch(/EST$/)
    expect(offlineLine(EST_0130 + 2 * HOUR)).not.toMatch(/EST|EDT/)
  })

  it('gives a time half a day or more away its day, either way', () => {
    setHostZone('Europe/Berlin')
    const t = Date.UTC(2026, 0, 5, 13, 5)
    expect(localTimeNear(t, t + 11 * HOUR)).toBe(localTimeNear(t, t - 11 * HOUR))
    expect(localTimeNear(t, t + 11 * HOUR)).not.toMatch(/Mon/)
    expect(localTimeNear(t, t + 3 * 24 * HOUR)).toMatch(/Mon/)
    expect(localTimeNear(t, t - 13 * HOUR)).toMatch(/Mon/)
  })
})
