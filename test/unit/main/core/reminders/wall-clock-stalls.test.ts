// Reminders while the computer's clock stands still, runs fast or drifts against the monotonic one
// (a stalled or catching-up virtual machine's clock, a poor one), the window asking for the time
// every second as it does, the platform answering once a minute over a quiet link: each reminder
// once, within a second of its moment by the platform's time, and the time the window reads stays
// the platform's.
import { describe, expect, it } from 'vitest'
import { MINUTE } from '../../../../support/fixtures'
import { at, reminderKit } from './reminder-kit'

const setUp = reminderKit()
const T = at(60)
const SECOND = 1_000
const ALL = ['In 30 minutes: Session ses_1', 'In 10 minutes: Session ses_1', 'Starting now: Session ses_1']
const DUE = [T - 30 * MINUTE, T - 10 * MINUTE, T]

/**
 * From `fromMs` before the start, for five minutes, the computer's clock gains `rate` of each
 * second that passes (-1: it stands still; 1: it runs twice as fast). Returns what showed, each
 * with how far from its moment it came, and the worst error of the time the window read.
 */
function remindersOver(fromMs: number, rate: number) {
  const kit = setUp({ platformClock: true, gapWatch: true })
  const platform = kit.platform!
  const base = kit.clock.now() - kit.clock.monotonic()
  const truth = (): number => base + kit.clock.monotonic()
  const shown: Array<readonly [string, number]> = []
  const show = kit.notifier.show.bind(kit.notifier)
  kit.notifier.show = (n) => {
    if (n.kind === 'reminder') shown.push([n.title, truth() - DUE[ALL.indexOf(n.title)]!])
    show(n)
  }
  kit.book('ses_1', T)
  kit.platformAnswers(0)
  kit.scheduler.start()
  let windowWorstMs = 0
  for (let second = 1; truth() < T + MINUTE; second++) {
    const stalled = truth() >= T - fromMs && truth() < T - fromMs + 5 * MINUTE
    kit.clock.advance(SECOND)
    if (stalled) kit.clock.step(rate * SECOND)
    windowWorstMs = Math.max(windowWorstMs, Math.abs(platform.now() - truth()))
    if (second % 60 === 0) {
      const reading = platform.reading()
      platform.record({ sent: reading, received: reading, serverTime: truth() })
    }
  }
  kit.scheduler.stop()
  return { shown, windowWorstMs }
}

describe('reminders while the computer’s clock stalls or races against the monotonic one', () => {
  for (const [what, rate] of [
    ['stands still', -1],
    ['runs twice as fast', 1],
    ['loses a hundredth', -0.01],
    ['gains a hundredth', 0.01],
  ] as const)
    for (const fromMs of [31 * MINUTE, 11 * MINUTE, 90 * SECOND])
      it(`its clock ${what} from ${fromMs / SECOND} s before the start: each reminder once, on time`, () => {
        const { shown, windowWorstMs } = remindersOver(fromMs, rate)
        expect(shown.map(([title]) => title)).toEqual(ALL)
        for (const [title, offMs] of shown) expect(Math.abs(offMs), title).toBeLessThan(SECOND)
        expect(windowWorstMs).toBeLessThan(SECOND)
      })
})
