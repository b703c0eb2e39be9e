// A platform clock that stands still, read at its pace between answers, as the link really brings
// them: an answer at odds is followed a moment later by the one Standby asks for, and the same
// answer may come twice.
import { describe, expect, it } from 'vitest'
import { addExchange, bestOffset, NO_ESTIMATE, type OffsetEstimate } from '../../../src/shared/clock-offset'

const START = Date.UTC(2026, 0, 5, 9, 0, 0)
const ROUND_TRIP_MS = 40

/**
 * A platform whose clock stands still from the start, answering every `gapMs`, each answer followed
 * by what `after` adds; returns the worst error of the time read every tenth of a gap from the
 * fourth answer on.
 */
function frozenWorst(gapMs: number, after: (answer: () => void, again: () => void) => void): number {
  let mono = 1_000
  let estimate: OffsetEstimate = NO_ESTIMATE
  let last: Parameters<typeof addExchange>[1] | null = null
  const read = () => ({ wall: START + mono, mono })
  const answer = (): void => {
    const sent = read()
    mono += ROUND_TRIP_MS
    last = { sent, received: read(), serverTime: frozenAt }
    estimate = addExchange(estimate, last)
  }
  const again = (): void => {
    if (last !== null) estimate = addExchange(estimate, last)
  }
  // Measured while it still ran with this computer's clock.
  for (let i = 0; i < 2; i++) {
    const sent = read()
    mono += ROUND_TRIP_MS
    estimate = addExchange(estimate, { sent, received: read(), serverTime: START + mono - ROUND_TRIP_MS / 2 })
  }
  const frozenAt = START + mono
  let worstMs = 0
  for (let i = 0; i < 12; i++) {
    const at = mono
    answer()
    after(answer, again)
    for (let part = 1; part <= 10; part++) {
      mono = at + (gapMs * part) / 10
      if (i < 4) continue
      worstMs = Math.max(worstMs, Math.abs(START + mono + bestOffset(estimate, mono)!.offsetMs - frozenAt))
    }
  }
  return worstMs
}

describe('a platform clock that stands still, read at its pace', () => {
  for (const gapMs of [5_000, 60_000]) {
    it(`keeps the pace when each answer is followed by the one asked for, answers ${gapMs / 1_000} s apart`, () => {
      expect(frozenWorst(gapMs, (answer) => answer())).toBeLessThan(1_000)
    })

    it(`keeps the pace when each answer comes twice, answers ${gapMs / 1_000} s apart`, () => {
      expect(frozenWorst(gapMs, (_answer, again) => again())).toBeLessThan(1_000)
    })
  }

  it('keeps the pace when answers come alone, as before', () => {
    expect(frozenWorst(60_000, () => {})).toBeLessThan(1_000)
  })
})
