// Reminders by a platform whose answers scatter by seconds around its real time, one answer a
// minute as an idle link carries them or one every few seconds as a busy one does, when the
// platform's clock is set back or on by less than the scatter: the change is followed as soon as
// the answers tell it from scatter, and the reminders after it come no more than a second early by
// the platform's real time.
import { describe, expect, it } from 'vitest'
import { MINUTE } from '../../../../support/fixtures'
import { at, reminderKit } from './reminder-kit'

const setUp = reminderKit()
const T = at(60)
const SCATTER_MS = 3_000
const ROUND_TRIP_MS = 40

/** Pseudo-random numbers in [0, 1), the same each run. */
function randoms(seed: number): () => number {
  let s = seed
  return () => ((s = (Math.imul(s, 1_103_515_245) + 12_345) >>> 0), s / 4_294_967_296)
}

describe('reminders by a scattering platform whose clock is set by a few seconds', () => {
  for (const [stepMs, seed, everyMs, stepAt] of [
    [-5_000, 7, MINUTE, T - 25 * MINUTE],
    [5_000, 19, MINUTE, T - 25 * MINUTE],
    // Set back by less than half the spread, forty answers before the 10-minute reminder.
    [-2_000, 2, 5_000, T - 10 * MINUTE - 200_000],
    [-2_000, 7, 5_000, T - 10 * MINUTE - 200_000],
  ] as const)
    it(`set ${stepMs < 0 ? 'back' : 'on'} ${Math.abs(stepMs) / 1_000} s, an answer every ${everyMs / 1_000} s (seed ${seed}): the reminders after it come no more than a second early by its real time`, () => {
      const kit = setUp({ platformClock: true, gapWatch: true })
      const random = randoms(seed)
      let platformAhead = 0
      const shown: Array<readonly [string, number]> = []
      const show = kit.notifier.show.bind(kit.notifier)
      kit.notifier.show = (n) => {
        // When it came by the platform's real time.
        if (n.kind === 'reminder') shown.push([n.title, kit.clock.now() + platformAhead])
        show(n)
      }
      kit.book('ses_1', T)
      kit.scheduler.start()
      while (kit.clock.now() < T + MINUTE) {
        if (platformAhead === 0 && kit.clock.now() >= stepAt) platformAhead = stepMs
        const sent = kit.platform!.reading()
        const received = { wall: sent.wall + ROUND_TRIP_MS, mono: sent.mono + ROUND_TRIP_MS }
        const off = (random() * 2 - 1) * SCATTER_MS
        const serverTime = Math.round(sent.wall + platformAhead + ROUND_TRIP_MS / 2 + off)
        kit.clock.advance(ROUND_TRIP_MS)
        kit.platform!.record({ sent, received, serverTime })
        for (let waited = ROUND_TRIP_MS; waited < everyMs; waited += 250) kit.clock.advance(250)
      }
      expect(shown.map(([title]) => title)).toEqual([
        'In 30 minutes: Session ses_1',
        'In 10 minutes: Session ses_1',
        'Starting now: Session ses_1',
      ])
      const [, tenBefore, starting] = shown
      expect(tenBefore![1] - (T - 10 * MINUTE)).toBeGreaterThan(-1_000)
      expect(starting![1] - T).toBeGreaterThan(-1_000)
      kit.scheduler.stop()
    })
})
