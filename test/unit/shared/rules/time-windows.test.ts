import { describe, expect, it } from 'vitest'
import {
  ONLINE_UNTIL_WINDOW,
  outsideWindow,
  PROPOSED_TIME_WINDOW,
} from '../../../../src/shared/rules/time-windows'

const now = Date.UTC(2026, 0, 5, 9)
const DAY = 24 * 60 * 60_000

describe('time windows', () => {
  it('takes proposed times from a year back to two years ahead, and says so otherwise', () => {
    expect(outsideWindow(now + 700 * DAY, now, PROPOSED_TIME_WINDOW)).toBeNull()
    expect(outsideWindow(now - 300 * DAY, now, PROPOSED_TIME_WINDOW)).toBeNull()
    expect(outsideWindow(now + 740 * DAY, now, PROPOSED_TIME_WINDOW)).toMatch(/two years from now/)
    expect(outsideWindow(now - 370 * DAY, now, PROPOSED_TIME_WINDOW)).toMatch(/a year ago/)
  })

  it('takes "online until" up to a week ahead', () => {
    expect(outsideWindow(now + 6 * DAY, now, ONLINE_UNTIL_WINDOW)).toBeNull()
    expect(outsideWindow(now + 8 * DAY, now, ONLINE_UNTIL_WINDOW)).toMatch(/seven days/)
  })
})
