import { describe, expect, it } from 'vitest'
import { pageOpens } from '../../../../../src/main/core/ipc/page-opens'
import { ManualClock } from '../../../../../src/shared/clock'
import { recordingLog } from '../../../../support/recording-log'

describe('the opens a page may ask for', () => {
  it('allows a burst, refuses the rest with a sentence until the burst is over, and logs the first refusal', () => {
    const clock = new ManualClock(0)
    const log = recordingLog()
    const opens = pageOpens(clock, log, { most: 3, windowMs: 1_000 })
    expect([1, 2, 3].map(() => opens.take('open the link'))).toEqual([null, null, null])
    const refusal = opens.take('open the link')
    expect(refusal).toMatch(/did not open the link.*Wait a few seconds, then try again/)
    expect(opens.take('open the room')).toMatch(/did not open the room/)
    expect(log.lines).toHaveLength(1)
    clock.advance(999)
    expect(opens.take('open the link')).not.toBeNull()
    clock.advance(1)
    expect(opens.take('open the link')).toBeNull()
    expect(log.lines.at(-1)).toMatch(/3 opens a page asked for were refused/)
  })

  it('counts on the monotonic clock: setting the computer’s clock back does not stop opens', () => {
    const clock = new ManualClock(1_000_000)
    const opens = pageOpens(clock, recordingLog(), { most: 1, windowMs: 1_000 })
    expect(opens.take('open the link')).toBeNull()
    clock.step(-500_000)
    clock.advance(1_000)
    expect(opens.take('open the link')).toBeNull()
  })
})
