/**
 * What the main process writes for a day (notifications, reminders, the tray): a day outside the
 * current year, by the platform's time, shows its year; a day this year does not.
 */
import { describe, expect, it } from 'vitest'
import { localTimeNear } from '../../../src/shared/day-time-options'
import { localDayTime } from '../../../src/main/core/sync/invite-notification'
import { sessionStartLine } from '../../../src/main/core/tray/session-countdown'
import { useHostZone } from '../../support/host-zone'

const NOW = Date.UTC(2026, 5, 15, 12, 0)
const THIS_YEAR = Date.UTC(2026, 10, 6, 13, 5)
const NEXT_YEAR = Date.UTC(2027, 0, 6, 13, 5)
const FAR = Date.UTC(2031, 0, 6, 13, 5)

describe('a day the main process writes', () => {
  const setHostZone = useHostZone()

  it('shows its year outside the current year, in notifications, reminders and the tray alike', () => {
    setHostZone('UTC')
    const writers = {
      localDayTime: (t: number) => localDayTime(t, NOW),
      localTimeNear: (t: number) => localTimeNear(t, NOW),
      sessionStartLine: (t: number) =>
        sessionStartLine({ state: 'booked', bookedStart: t, request: { title: 'Tax return' } }, NOW),
    }
    for (const [name, write] of Object.entries(writers)) {
      expect(write(THIS_YEAR), name).not.toMatch(/2026/)
      expect(write(NEXT_YEAR), name).toMatch(/2027/)
      expect(write(FAR), name).toMatch(/2031/)
    }
  })

  it('goes by the platform’s time it is given, not the computer’s clock', () => {
    setHostZone('UTC')
    expect(localDayTime(FAR, Date.UTC(2031, 0, 1))).not.toMatch(/2031/)
    expect(localDayTime(THIS_YEAR, Date.UTC(2031, 0, 1))).toMatch(/2026/)
  })
})
