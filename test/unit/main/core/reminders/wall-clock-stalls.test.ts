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

/** The window open and reading the time every second, or closed; a reported sleep of a minute at `sleepAt`. */
interface Around {
  readonly windowOpen?: boolean
  readonly sleepAt?: number
}

/**
 * From `fromMs` before the start, for five minutes, the computer's clock gains `rate` of each
 * second that passes (-1: it stands still; 1: it runs twice as fast). Returns what showed, each
 * with how far from its moment it came, and the worst error of the time the window read.
 */
function remindersOver(fromMs: number, rate: number, { windowOpen = true, sleepAt }: Around = {}) {
  const kit = setUp({ platformClock: true, gapWatch: true })
  const platform = kit.platform!
  let base = kit.clock.now() - kit.clock.monotonic()
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
  const answer = (): void => {
    const reading = platform.reading()
    platform.record({ sent: reading, received: reading, serverTime: truth() })
  }
  let windowWorstMs = 0
  for (let second = 1; truth() < T + MINUTE; second++) {
    const stalled = truth() >= T - fromMs && truth() < T - fromMs + 5 * MINUTE
    kit.clock.advance(SECOND)
    if (stalled) kit.clock.step(rate * SECOND)
    // Asleep, the monotonic clock stood while the wall clock and the platform's ran on.
    if (truth() - (T - fromMs) === sleepAt) {
      kit.clock.step(MINUTE)
      base += MINUTE
      kit.power.resume()
      // The wake asks the platform, which alone can say how much of the step was the sleep.
      answer()
    }
    if (windowOpen) windowWorstMs = Math.max(windowWorstMs, Math.abs(platform.now() - truth()))
    if (second % 60 === 0) answer()
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

describe('reminders over a computer clock that stalls or races with the window closed, or a sleep within', () => {
  for (const [what, rate] of [
    ['stands still', -1],
    ['runs twice as fast', 1],
    ['gains a hundredth', 0.01],
  ] as const)
    for (const around of [{ windowOpen: false }, { sleepAt: 2 * MINUTE }])
      it(`its clock ${what}, ${around.windowOpen === false ? 'the window closed' : 'the machine asleep a minute'}: each reminder once, on time`, () => {
        const { shown, windowWorstMs } = remindersOver(31 * MINUTE, rate, around)
        expect(shown.map(([title]) => title)).toEqual(ALL)
        for (const [title, offMs] of shown) expect(Math.abs(offMs), title).toBeLessThan(SECOND)
        // What the clock lost in the second the lid shut reads as part of the sleep, until a second
        // answer bears out the first that says otherwise.
        expect(windowWorstMs).toBeLessThanOrEqual(SECOND)
      })
})
