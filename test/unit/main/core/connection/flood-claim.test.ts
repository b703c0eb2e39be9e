import { describe, expect, it } from 'vitest'
import { ManualClock } from '../../../../../src/shared/clock'
import {
  FEWEST_MESSAGES_OF_A_FLOOD,
  FLOOD_WINDOW_MS,
  SentLately,
} from '../../../../../src/main/core/connection/flood-claim'

describe('the messages counted against a flood the platform claims', () => {
  it('counts those sent within the window, on the current connection only', () => {
    const clock = new ManualClock(0)
    const sent = new SentLately(clock)
    for (let i = 0; i < FEWEST_MESSAGES_OF_A_FLOOD; i++) sent.sent()
    expect(sent.count()).toBe(FEWEST_MESSAGES_OF_A_FLOOD)
    sent.opened()
    expect(sent.count()).toBe(0)
  })

  it('does not count as a flood as many sent slowly, over more than the window', () => {
    const clock = new ManualClock(0)
    const sent = new SentLately(clock)
    const apart = (2 * FLOOD_WINDOW_MS) / FEWEST_MESSAGES_OF_A_FLOOD
    for (let i = 0; i < FEWEST_MESSAGES_OF_A_FLOOD; i++) {
      sent.sent()
      clock.advance(apart)
    }
    expect(sent.count()).toBeLessThan(FEWEST_MESSAGES_OF_A_FLOOD)
  })
})
