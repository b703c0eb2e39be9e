// The pace of a platform clock out of step with this computer's (standing still, slow, racing),
// kept beside its offset across a restart: read right from the first answer after the start when
// that answer bears it out, dropped when it does not, when too old, or when the file holds nonsense;
// and never counted as a measurement of the new run's.
import { describe, expect, it } from 'vitest'
import type { KeptClockOffset } from '../../../../../src/main/core/ports/cache-store'
import { PlatformClock } from '../../../../../src/main/core/platform-clock/platform-clock'
import { createPowerHook } from '../../../../../src/main/node/adapters/power-hook'
import { ManualClock } from '../../../../../src/shared/clock'
import { FIXTURE_NOW, MINUTE } from '../../../../support/fixtures'

const SECOND = 1_000
const HOUR = 60 * MINUTE
const GAP = MINUTE
const ROUND_TRIP_MS = 80
const PACE_TAKEN =
  "The platform's clock is read at the pace the last run measured: its first answer bore it out."
const UNREADABLE =
  "The platform clock's kept pace is unreadable; its pace is measured again from its answers."

/** A computer 2 h behind a platform whose clock gains `rate` of each millisecond of the computer's. */
function world(rate: number, asked: boolean) {
  const local = new ManualClock(FIXTURE_NOW)
  let from = { wall: FIXTURE_NOW, time: FIXTURE_NOW + 2 * HOUR, rate }
  /** The platform's clock now. */
  const truth = (): number => from.time + (1 + from.rate) * (local.now() - from.wall)
  const lines: string[] = []
  const log = {
    info: (m: string) => void lines.push(m),
    warn: (m: string) => void lines.push(m),
    error: (m: string) => void lines.push(m),
  }
  const store: { kept: KeptClockOffset | null; writes: number } = { kept: null, writes: 0 }
  const keeper = {
    clockOffset: () => store.kept,
    keepClockOffset: (next: KeptClockOffset) => {
      store.kept = next
      store.writes++
    },
  }
  /** A start of Standby over what the last run kept. */
  const start = (): PlatformClock => {
    const clock = new PlatformClock(local, createPowerHook(), log, keeper)
    clock.restore()
    return clock
  }
  /** One answer, and, when `asked`, the one Standby asks for at odds a moment later, as the link does. */
  const answer = (clock: PlatformClock): void => {
    for (let i = 0; i < (asked ? 2 : 1); i++) {
      const sent = clock.reading()
      local.advance(ROUND_TRIP_MS / 2)
      const serverTime = truth()
      local.advance(ROUND_TRIP_MS / 2)
      clock.record({ sent, received: clock.reading(), serverTime })
    }
  }
  /** The worst error of the time read every second until the next answer, a gap after the last. */
  const worstUntilNext = (clock: PlatformClock): number => {
    let worst = 0
    for (let t = (asked ? 2 : 1) * ROUND_TRIP_MS; t < GAP; t += SECOND) {
      local.advance(Math.min(SECOND, GAP - t))
      worst = Math.max(worst, Math.abs(clock.now() - truth()))
    }
    return worst
  }
  /** A run long enough to read the pace, stopped, and a restart after `restartMs`. */
  const restartedAfter = (restartMs: number, meanwhile = (): void => {}): PlatformClock => {
    const first = start()
    for (let i = 0; i < 6; i++) {
      answer(first)
      if (i < 5) worstUntilNext(first)
    }
    expect(worstUntilNext(first), 'the pace read before the restart').toBeLessThan(SECOND)
    first.stop()
    meanwhile()
    local.advance(restartMs - GAP)
    return start()
  }
  const goAtItsPace = (): void => void (from = { wall: local.now(), time: truth(), rate: 0 })
  /** The platform's clock set on by `ms`, its pace unchanged. */
  const setBy = (ms: number): void => void (from = { ...from, time: from.time + ms })
  return { local, truth, lines, store, start, answer, worstUntilNext, restartedAfter, goAtItsPace, setBy }
}

describe('the platform clock’s pace across a restart', () => {
  for (const [what, rate] of [
    ['stands still', -1],
    ['runs at half speed', -0.5],
    ['runs twice as fast', 1],
  ] as const)
    for (const asked of [false, true])
      it(`its clock ${what}${asked ? ', answers asked for' : ''}: read right from the first answer after a quick restart`, () => {
        const w = world(rate, asked)
        const clock = w.restartedAfter(GAP + 10 * SECOND)
        for (let i = 0; i < 3; i++) {
          w.answer(clock)
          expect(w.worstUntilNext(clock), `after answer ${i + 1}`).toBeLessThan(SECOND)
        }
        expect(w.lines.filter((line) => line === PACE_TAKEN)).toHaveLength(1)
      })

  for (const [what, rate] of [
    ['stands still', -1],
    ['runs at half speed', -0.5],
  ] as const)
    it(`keeps a clock that ${what} and answers every second once per keep cadence, not at every answer`, () => {
      const w = world(rate, false)
      const clock = w.start()
      const answers = 10 * 60
      for (let i = 0; i < answers; i++) {
        w.answer(clock)
        // Read four times a second, as a countdown might: each read moves it less than a change.
        for (let r = 0; r < 4; r++) {
          w.local.advance((SECOND - ROUND_TRIP_MS) / 4)
          clock.now()
        }
      }
      expect(w.store.kept?.pace).not.toBeNull()
      expect(w.store.writes).toBeLessThanOrEqual(answers / 10 + 1)
    })

  it('keeps at once a setting of a clock standing still, read often, where the pace in use foretold no such move', () => {
    const w = world(-1, false)
    const clock = w.start()
    const answerThenRead = (): void => {
      w.answer(clock)
      for (let r = 0; r < 4; r++) {
        w.local.advance((SECOND - ROUND_TRIP_MS) / 4)
        clock.now()
      }
    }
    for (let i = 0; i < 2 * 60; i++) answerThenRead()
    const keptBefore = w.store.kept!.offsetMs
    w.setBy(HOUR)
    for (let i = 0; i < 3; i++) answerThenRead()
    expect(w.store.kept!.offsetMs - keptBefore).toBeGreaterThan(HOUR / 2)
  })

  it('counts a kept pace as no measurement of this run: the first answer still waits for a second', () => {
    const w = world(-1, false)
    const clock = w.restartedAfter(GAP + 10 * SECOND)
    w.answer(clock)
    expect(w.lines).toContain(PACE_TAKEN)
    expect(clock.firstMeasureWait()).toBeGreaterThan(0)
    expect(clock.measuredSurely()).toBe(false)
    w.worstUntilNext(clock)
    w.answer(clock)
    expect(clock.firstMeasureWait()).toBe(0)
  })

  it('drops the pace when its platform clock went at its pace again during the restart', () => {
    const w = world(-1, true)
    const clock = w.restartedAfter(GAP + 10 * SECOND, w.goAtItsPace)
    w.answer(clock)
    expect(w.worstUntilNext(clock)).toBeLessThan(SECOND)
    expect(w.lines).not.toContain(PACE_TAKEN)
  })

  it('drops a pace older than its trust (two answer gaps), and one the computer’s clock set meanwhile makes look so', () => {
    const late = world(-1, false)
    const set = world(-1, false)
    const restarted = [
      [late, late.restartedAfter(3 * GAP)],
      [set, set.restartedAfter(GAP + 10 * SECOND, () => set.local.step(5 * MINUTE))],
    ] as const
    for (const [w, clock] of restarted) {
      w.answer(clock)
      expect(w.lines).not.toContain(PACE_TAKEN)
      // Nothing of this run shows a pace yet: the computer's pace, as before any was measured.
      const before = clock.now()
      w.local.advance(10 * SECOND)
      expect(clock.now() - before).toBe(10 * SECOND)
    }
  })

  const recent = { offsetMs: 2 * HOUR, measuredAt: FIXTURE_NOW + 2 * HOUR - 10 * SECOND }
  it.each([
    ['a pace that is no number', { perMs: 'abc', gapMs: GAP }],
    ['a pace that is NaN', { perMs: NaN, gapMs: GAP }],
    ['a huge pace', { perMs: 1e9, gapMs: GAP }],
    ['a clock running backwards', { perMs: -2, gapMs: GAP }],
    ['a negative gap', { perMs: -1, gapMs: -GAP }],
    ['no gap', { perMs: -1, gapMs: 0 }],
    ['a gap that is NaN', { perMs: -1, gapMs: NaN }],
    ['a fraction of a millisecond', { perMs: -1, gapMs: 0.5 }],
    ['a gap past any trust', { perMs: -1, gapMs: 1e15 }],
  ])('drops %s with one line, the kept offset still taken', (_what, pace) => {
    const w = world(-1, false)
    w.store.kept = { ...recent, pace } as KeptClockOffset
    const clock = w.start()
    expect(clock.now()).toBe(FIXTURE_NOW + 2 * HOUR)
    w.answer(clock)
    expect(w.lines.filter((line) => line.includes('pace'))).toEqual([UNREADABLE])
  })

  it('drops a pace measured in the future by this computer’s clock with the offset, in the offset’s one line', () => {
    const w = world(-1, false)
    w.store.kept = { ...recent, measuredAt: FIXTURE_NOW + 3 * HOUR, pace: { perMs: -1, gapMs: GAP } }
    const clock = w.start()
    w.answer(clock)
    expect(w.lines.filter((line) => line.includes('pace') || line.includes('set back'))).toEqual([
      "The computer's clock was set back since the platform's was last measured; the computer's clock is used until the platform answers.",
    ])
  })
})
