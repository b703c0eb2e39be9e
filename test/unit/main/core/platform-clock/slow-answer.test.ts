// A platform whose first answer came slowly (the welcome, whose round trip counts the whole
// connecting, stamped near its end): the clock asks for a quicker answer at once, rather than wait
// for the link's next quiet check, as the slow one, read at its middle, puts the platform's time
// ahead of its real time, so a reminder due meanwhile would come early. A link whose every answer
// is slow is asked a few times.
import { describe, expect, it } from 'vitest'
import { PlatformClock } from '../../../../../src/main/core/platform-clock/platform-clock'
import { createPowerHook } from '../../../../../src/main/node/adapters/power-hook'
import { ManualClock } from '../../../../../src/shared/clock'
import { FIXTURE_NOW } from '../../../../support/fixtures'

const PLATFORM_AHEAD_MS = 90_000
const WHY = 'an answer too slow to tell the time within a second'

function setUp() {
  const local = new ManualClock(FIXTURE_NOW)
  const log = { info: () => {}, warn: () => {}, error: () => {} }
  const clock = new PlatformClock(local, createPowerHook(), log)
  const asked: string[] = []
  let platformAheadMs = PLATFORM_AHEAD_MS
  clock.measureWanted.add((why) => asked.push(why))
  /** One answer `rttMs` round, stamped by the platform `stampedAfterMs` after it was sent. */
  const answer = (rttMs: number, stampedAfterMs = rttMs / 2): void => {
    const sent = clock.reading()
    local.advance(stampedAfterMs)
    const serverTime = local.now() + platformAheadMs
    local.advance(rttMs - stampedAfterMs)
    clock.record({ sent, received: clock.reading(), serverTime })
  }
  /** How far the clock reads ahead of the platform's real time. */
  const ahead = (): number => clock.now() - (local.now() + platformAheadMs)
  /** The platform's clock set by `byMs`. */
  const setPlatform = (byMs: number): void => void (platformAheadMs += byMs)
  return { clock, local, asked, answer, ahead, setPlatform }
}

describe('the platform clock after a slow answer', () => {
  it('asks for a quicker answer after a welcome four seconds in the connecting, and reads the platform’s time once it comes', async () => {
    const { asked, answer, ahead } = setUp()
    answer(4_000, 3_900)
    await Promise.resolve()
    expect(ahead()).toBeGreaterThan(1_000)
    expect(asked).toEqual([WHY])
    answer(40)
    answer(40)
    await Promise.resolve()
    expect(Math.abs(ahead())).toBeLessThanOrEqual(20)
    expect(asked).toEqual([WHY])
  })

  it('does not ask after a quick answer', async () => {
    const { asked, answer } = setUp()
    answer(40)
    answer(40)
    await Promise.resolve()
    expect(asked).toEqual([])
  })

  it('asks a few times at most over a link whose every answer is slow, and no more once a quick one is read', async () => {
    const { asked, answer } = setUp()
    for (let i = 0; i < 10; i++) answer(3_000)
    await Promise.resolve()
    expect(asked).toEqual(Array(3).fill(WHY))
    answer(40)
    for (let i = 0; i < 40; i++) answer(3_000)
    await Promise.resolve()
    expect(asked).toHaveLength(3)
  })

  it('over a link whose every answer is slow, follows the platform’s clock set by less than a round trip at its next answer', () => {
    const { local, answer, ahead, setPlatform } = setUp()
    for (let i = 0; i < 30; i++) {
      answer(2_500)
      local.advance(8_000)
    }
    expect(Math.abs(ahead())).toBeLessThanOrEqual(1)
    setPlatform(2_000)
    answer(2_500)
    expect(Math.abs(ahead())).toBeLessThanOrEqual(1)
  })
})
