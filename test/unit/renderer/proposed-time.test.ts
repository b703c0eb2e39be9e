// The proposed times a card offers: one per minute, and the one it offers still bookable while any of that minute is.
import { describe, expect, it } from 'vitest'
import { minuteOf, onePerMinute } from '../../../src/renderer/logic/proposed-time'
import { FIXTURE_NOW, MINUTE } from '../../support/fixtures'

// A minute's start, so seconds after it stay within it.
const minute = minuteOf(FIXTURE_NOW) * MINUTE + 10 * MINUTE
const SECOND = 1_000

describe('proposed times offered once per minute', () => {
  it('offers the first of a minute while none of it has passed', () => {
    expect(onePerMinute([minute, minute + 30 * SECOND, minute + MINUTE], minute - SECOND)).toEqual([
      minute,
      minute + MINUTE,
    ])
  })

  it('offers a later time of the minute once its first has passed, so the row is not shown as past', () => {
    const times = [minute, minute + 30 * SECOND, minute + 50 * SECOND]
    expect(onePerMinute(times, minute + 10 * SECOND)).toEqual([minute + 30 * SECOND])
    expect(onePerMinute(times, minute + 40 * SECOND)).toEqual([minute + 50 * SECOND])
  })

  it('offers the first of a minute once all of it has passed', () => {
    expect(onePerMinute([minute, minute + 30 * SECOND], minute + 45 * SECOND)).toEqual([minute])
  })

  it('keys each row by its minute, which stays the same when a later time of it takes its place', () => {
    const times = [minute, minute + 30 * SECOND]
    const before = onePerMinute(times, minute - SECOND).map(minuteOf)
    expect(onePerMinute(times, minute + SECOND).map(minuteOf)).toEqual(before)
  })
})
