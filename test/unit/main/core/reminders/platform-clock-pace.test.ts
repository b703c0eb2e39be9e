// Reminders while the platform's clock stands still, runs slow or races (a test platform's manual
// clock, a stalled virtual machine's catching up), answering once a minute over a quiet link or every
// second: the platform's clock is the truth for its rules, so each reminder comes once, within a
// second of its moment by the platform's clock, and the time the window reads follows it.
import { describe, expect, it } from 'vitest'
import { MINUTE } from '../../../../support/fixtures'
import { at, reminderKit } from './reminder-kit'

const setUp = reminderKit()
const T = at(60)
const SECOND = 1_000
const ALL = ['In 30 minutes: Session ses_1', 'In 10 minutes: Session ses_1', 'Starting now: Session ses_1']
const DUE = [T - 30 * MINUTE, T - 10 * MINUTE, T]
const ROUND_TRIP_MS = 80

/**
 * From when the platform's clock reads `fromMs` before the start, for ten minutes, it gains `rate` of
 * each second that passes (-1: it stands still), answering every `everyS` seconds, and, when
 * `asked`, once more a moment after each answer, as the link does when Standby asks. Returns what
 * showed, each with how far from its moment by the platform's clock, and the worst error of the time
 * the window read every second while the pace lasts, from the fourth answer after it began.
 */
function remindersOver(fromMs: number, rate: number, everyS: number, asked: boolean) {
  const kit = setUp({ platformClock: true, gapWatch: true })
  const platform = kit.platform!
  const base = kit.clock.now() - kit.clock.monotonic()
  const pacedFrom = T - fromMs - base
  const pacedFor = 10 * MINUTE
  /** The platform's clock at this monotonic reading. */
  const truth = (): number => {
    const mono = kit.clock.monotonic()
    const paced = Math.min(Math.max(0, mono - pacedFrom), pacedFor)
    return base + mono + rate * paced
  }
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
    kit.clock.advance(SECOND)
    if (second % everyS === 0) {
      const reading = platform.reading()
      platform.record({ sent: reading, received: reading, serverTime: truth() })
      if (asked) {
        kit.clock.advance(ROUND_TRIP_MS / 2)
        const serverTime = truth()
        kit.clock.advance(ROUND_TRIP_MS / 2)
        platform.record({ sent: reading, received: platform.reading(), serverTime })
      }
    }
    // Four answers show the pace, and the answer after it ends shows that.
    const sincePace = kit.clock.monotonic() - pacedFrom
    if (sincePace > 4 * everyS * SECOND && sincePace <= pacedFor)
      windowWorstMs = Math.max(windowWorstMs, Math.abs(platform.now() - truth()))
  }
  kit.scheduler.stop()
  return { shown, windowWorstMs }
}

describe('reminders while the platform’s clock stands still, runs slow or races', () => {
  for (const [what, rate, fromMs] of [
    ['stands still', -1, 14 * MINUTE],
    ['runs at half speed', -0.5, 34 * MINUTE],
    ['runs twice as fast', 1, 42 * MINUTE],
  ] as const)
    for (const everyS of [1, 60])
      for (const asked of [false, true])
        it(`its clock ${what}, answering every ${everyS} s${asked ? ' and when asked' : ''}: each reminder once, on time by its clock`, () => {
          const { shown, windowWorstMs } = remindersOver(fromMs, rate, everyS, asked)
          expect(shown.map(([title]) => title)).toEqual(ALL)
          for (const [title, offMs] of shown) expect(Math.abs(offMs), title).toBeLessThan(SECOND)
          expect(windowWorstMs).toBeLessThan(SECOND)
        })
})
