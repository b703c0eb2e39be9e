// The offset estimate when the platform's answers scatter by seconds around its real time (servers
// whose clocks differ a little, or one that stamps its answers unevenly): it settles within a
// second of that time and stays there, where it used to follow whichever answer a short run or a
// lucky pair ended on. A platform whose answers agree is still followed at once when its clock is
// set by seconds, and one standing still is still followed.
import { describe, expect, it } from 'vitest'
import { addExchange, bestOffset, NO_ESTIMATE, type OffsetEstimate } from '../../../src/shared/clock-offset'

const SECOND = 1_000
const START = Date.UTC(2026, 0, 5, 9, 0, 0)

/** Pseudo-random numbers in [0, 1), the same each run. */
function randoms(seed: number): () => number {
  let s = seed
  return () => ((s = (Math.imul(s, 1_103_515_245) + 12_345) >>> 0), s / 4_294_967_296)
}

/**
 * A computer talking to a platform over a link `rttMs` round; `answer` says how far the estimate is
 * from the platform's real offset. Both clocks agree until `setWall` or `setPlatform` moves one.
 */
function link(rttMs = 40) {
  let mono = 5_000
  let wallAhead = 0
  let platformAhead = 0
  let estimate: OffsetEstimate = NO_ESTIMATE
  return {
    /** Let `ms` pass, then one exchange whose answer says the platform's time plus `offMs`. */
    answer(ms: number, offMs: number, roundMs = rttMs): number {
      mono += ms
      const sent = { wall: START + wallAhead + mono, mono }
      const received = { wall: sent.wall + roundMs, mono: mono + roundMs }
      const serverTime = Math.round(START + platformAhead + mono + roundMs / 2 + offMs)
      estimate = addExchange(estimate, { sent, received, serverTime })
      mono += roundMs
      return (bestOffset(estimate)?.offsetMs ?? Number.NaN) - (platformAhead - wallAhead)
    },
    /** The computer's clock is set by `ms`. */
    setWall(ms: number): void {
      wallAhead += ms
    },
    /** The platform's clock is set by `ms`. */
    setPlatform(ms: number): void {
      platformAhead += ms
    },
  }
}

describe('clock offset estimate over answers that scatter', () => {
  for (const [scatterMs, everyMs] of [
    [3 * SECOND, 5 * SECOND],
    [3 * SECOND, 60 * SECOND],
    [2 * SECOND, SECOND],
  ] as const)
    it(`answers each up to ${scatterMs / SECOND} s off, every ${everyMs / SECOND} s: within a second of the platform's time once a few are heard`, () => {
      const random = randoms(7)
      const platform = link()
      const offsets: number[] = []
      for (let i = 0; i < (30 * 60 * SECOND) / everyMs; i++)
        offsets.push(platform.answer(everyMs, (random() * 2 - 1) * scatterMs))
      const settled = offsets.slice(10)
      expect(Math.max(...settled.map(Math.abs))).toBeLessThan(SECOND)
    })

  it('two servers whose clocks are five seconds apart, answering in turn: read steadily by one of them', () => {
    const platform = link()
    const read: number[] = []
    for (let i = 0; i < 120; i++) read.push(platform.answer(5 * SECOND, i % 2 === 0 ? 0 : -5 * SECOND))
    const settled = read.slice(10)
    expect(new Set(settled).size).toBe(1)
    expect(settled[0]).toBeGreaterThanOrEqual(-5 * SECOND - 20)
    expect(settled[0]).toBeLessThanOrEqual(20)
  })

  it('a slow answer among scattered ones moves nothing', () => {
    const random = randoms(11)
    const platform = link()
    for (let i = 0; i < 30; i++) platform.answer(5 * SECOND, (random() * 2 - 1) * 3 * SECOND)
    // Stamped at once, then held up on the way back: half its round trip off.
    const held = platform.answer(5 * SECOND, -10 * SECOND + 20, 20 * SECOND)
    expect(Math.abs(held)).toBeLessThan(SECOND)
  })

  it('a platform whose answers agree, its clock then set by three seconds: followed from the second answer that says so', () => {
    const platform = link()
    for (let i = 0; i < 10; i++) platform.answer(5 * SECOND, 0)
    expect(platform.answer(5 * SECOND, 3 * SECOND)).toBe(0)
    expect(platform.answer(5 * SECOND, 3 * SECOND)).toBe(3 * SECOND)
  })

  it('one answer seconds off among ones that agree moves nothing, and the next ones agree again', () => {
    const platform = link()
    for (let i = 0; i < 10; i++) platform.answer(5 * SECOND, 0)
    expect(platform.answer(5 * SECOND, 4 * SECOND)).toBe(0)
    for (let i = 0; i < 5; i++) expect(platform.answer(5 * SECOND, 0)).toBe(0)
  })

  it('a platform clock standing still, its answers scattering as well: followed, never ahead of it', () => {
    const random = randoms(3)
    const platform = link()
    for (let i = 0; i < 20; i++) platform.answer(5 * SECOND, (random() * 2 - 1) * SECOND)
    let offset = 0
    // Standing still, it falls behind the computer's clock by all the time that passes.
    for (let i = 1; i <= 40; i++)
      offset = platform.answer(5 * SECOND, -i * 5 * SECOND + (random() * 2 - 1) * SECOND)
    expect(offset).toBeLessThan(-150 * SECOND)
  })
})

describe('clock offset estimate, the first answer then two wrong ones seconds apart', () => {
  it('two wrong answers in a row that disagree, seconds off, after the first answer: nothing moves', () => {
    const platform = link()
    platform.answer(5 * SECOND, 0)
    expect(platform.answer(5 * SECOND, 4 * SECOND)).toBe(0)
    expect(platform.answer(5 * SECOND, 8 * SECOND)).toBe(0)
    expect(platform.answer(5 * SECOND, 0)).toBe(0)
  })
})

describe('clock offset estimate over scattering answers when a clock is set', () => {
  const scattered = (random: () => number): number => (random() * 2 - 1) * 3 * SECOND

  it('the computer’s clock set an hour ahead: the next answers are still read within a second', () => {
    const random = randoms(5)
    const platform = link()
    for (let i = 0; i < 30; i++) platform.answer(5 * SECOND, scattered(random))
    platform.setWall(3_600 * SECOND)
    for (let i = 0; i < 10; i++)
      expect(Math.abs(platform.answer(5 * SECOND, scattered(random)))).toBeLessThan(SECOND)
  })

  it('the platform’s clock set three minutes on: followed, and read within a second once its answers are heard', () => {
    const random = randoms(13)
    const platform = link()
    for (let i = 0; i < 30; i++) platform.answer(5 * SECOND, scattered(random))
    platform.setPlatform(180 * SECOND)
    const errors: number[] = []
    for (let i = 0; i < 40; i++) errors.push(platform.answer(5 * SECOND, scattered(random)))
    expect(Math.max(...errors.slice(20).map(Math.abs))).toBeLessThan(SECOND)
  })
})

describe('clock offset estimate over scattering answers when the platform’s clock is set by less than their scatter', () => {
  const scattered = (random: () => number): number => (random() * 2 - 1) * 3 * SECOND
  for (const stepMs of [-5 * SECOND, 5 * SECOND])
    for (const [seed, everyMs] of [
      [17, 60 * SECOND],
      [29, 5 * SECOND],
    ] as const)
      it(`set ${stepMs > 0 ? 'on' : 'back'} five seconds, answers every ${everyMs / SECOND} s: followed within a few answers, then never read over a second ahead`, () => {
        const random = randoms(seed)
        const platform = link()
        for (let i = 0; i < 40; i++) platform.answer(everyMs, scattered(random))
        platform.setPlatform(stepMs)
        const errors: number[] = []
        for (let i = 0; i < 40; i++) errors.push(platform.answer(everyMs, scattered(random)))
        const followed = errors.findIndex((e) => Math.abs(e) < 2 * SECOND)
        expect(followed).toBeGreaterThanOrEqual(0)
        expect(followed).toBeLessThan(8)
        // Ahead is early: a reminder by the estimate fires before its moment by the platform.
        expect(Math.max(...errors.slice(followed))).toBeLessThan(SECOND)
      })
})

describe('clock offset estimate over scattering answers when the platform’s clock is set by less than half their spread', () => {
  const scattered = (random: () => number): number => (random() * 2 - 1) * 3 * SECOND
  const seeds = Array.from({ length: 30 }, (_, i) => i + 1)

  /** How many of the answers after the platform's clock is set by `stepMs` are read more than a second off. */
  function offAfterStep(seed: number, stepMs: number): number {
    const random = randoms(seed)
    const platform = link()
    for (let i = 0; i < 40; i++) platform.answer(5 * SECOND, scattered(random))
    platform.setPlatform(stepMs)
    let off = 0
    for (let i = 0; i < 40; i++) if (Math.abs(platform.answer(5 * SECOND, scattered(random))) > SECOND) off++
    return off
  }

  for (const stepMs of [-2 * SECOND, 2 * SECOND])
    it(`set ${stepMs > 0 ? 'on' : 'back'} two seconds, answers every 5 s: followed as soon as the answers can tell it from scatter`, () => {
      const off = seeds.map((seed) => offAfterStep(seed, stepMs)).sort((a, b) => a - b)
      // Half the platforms are read within a second from the middle of these forty answers on.
      expect(off[off.length / 2]).toBeLessThanOrEqual(24)
    })

  it('a clock never set, answers every 5 s for twenty-five minutes: no few answers that lean one way move the estimate two seconds', () => {
    for (const seed of seeds.slice(0, 20)) {
      const random = randoms(seed)
      const platform = link()
      const errors: number[] = []
      for (let i = 0; i < 300; i++) errors.push(platform.answer(5 * SECOND, scattered(random)))
      expect(Math.max(...errors.slice(20).map(Math.abs)), `seed ${seed}`).toBeLessThan(2 * SECOND)
    }
  })
})

describe('clock offset estimate over a link whose answers come quick and slow in turn', () => {
  for (const slowMs of [2_500, 4 * SECOND, 8 * SECOND])
    for (const stepMs of [-1_200, 600, SECOND])
      it(`the platform's clock set by ${stepMs} ms, every other answer ${slowMs} ms round: followed at the next quick answer that bears it out`, () => {
        const platform = link()
        for (let i = 0; i < 40; i++) platform.answer(5 * SECOND, 0, i % 2 === 0 ? 40 : slowMs)
        platform.setPlatform(stepMs)
        // The quick answer at odds, then a slow one whose band holds both times, then a quick one.
        const errors = [40, slowMs, 40, slowMs, 40].map((roundMs) => platform.answer(5 * SECOND, 0, roundMs))
        expect(errors.slice(2).map((e) => Math.abs(e) < 250)).toEqual([true, true, true])
      })
})
