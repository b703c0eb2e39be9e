// A streak of failed attempts as the log keeps it: a line per way of failing and an hourly
// reminder, whatever the clocks do and however the ways alternate, never a line per attempt.
import { describe, expect, it } from 'vitest'
import { ManualClock, type Clock } from '../../../../../src/shared/clock'
import {
  FailureStreakLog,
  MOST_WAYS_REMEMBERED,
  REMIND_AFTER_MS,
} from '../../../../../src/main/core/connection/failure-streak-log'
import { recordingLog } from '../../../../support/recording-log'

const DAY = 24 * 60 * 60 * 1000
const EVERY_MS = 10_000
const REFUSED = { level: 'warn', text: 'Could not connect to the platform: connection refused.' } as const
const NO_ANSWER = {
  level: 'warn',
  text: 'Could not connect to the platform: no answer within 10 s.',
} as const

function streak(clock: Clock = new ManualClock(Date.UTC(2026, 11, 6))) {
  const log = recordingLog()
  return { log, failures: new FailureStreakLog(clock, log) }
}

describe('a streak of failed attempts in the log', () => {
  it('keeps attempts alternating between two ways for a day to a few lines an hour, not one per attempt', () => {
    const clock = new ManualClock(Date.UTC(2026, 11, 6))
    const { log, failures } = streak(clock)
    for (let i = 0; i < DAY / EVERY_MS; i++) {
      failures.failed(i % 2 === 0 ? REFUSED : NO_ANSWER)
      clock.advance(EVERY_MS)
    }
    // Each way: its first line, its return after the other, then a reminder and a return an hour.
    expect(log.lines.length).toBeLessThanOrEqual(2 * 2 * 25)
    // Both ways are still named in the log's last hour, with their counts.
    const lastHour = log.lines.slice(-4).join('\n')
    expect(lastHour).toMatch(
      /Still failing: \d+ attempts since 2026-12-06T00:00:00\.000Z failed this way\. .*refused/,
    )
    expect(lastHour).toMatch(
      /Still failing: \d+ attempts since 2026-12-06T00:00:10\.000Z failed this way\. .*no answer/,
    )
  })

  it('logs a way that comes back after another once, so the latest lines name the latest cause', () => {
    const { log, failures } = streak()
    failures.failed(REFUSED)
    failures.failed(NO_ANSWER)
    failures.failed(REFUSED)
    expect(log.lines).toEqual([`warn ${REFUSED.text}`, `warn ${NO_ANSWER.text}`, `warn ${REFUSED.text}`])
  })

  it('neither throws nor logs every attempt when the wall clock reads no time', () => {
    const steady = new ManualClock(0)
    const broken: Clock = {
      now: () => NaN,
      setTimeout: steady.setTimeout.bind(steady),
      monotonic: () => steady.monotonic(),
    }
    const { log, failures } = streak(broken)
    for (let i = 0; i <= (2 * REMIND_AFTER_MS) / EVERY_MS; i++) {
      failures.failed(REFUSED)
      steady.advance(EVERY_MS)
    }
    expect(log.lines).toHaveLength(3)
    expect(log.lines.at(-1)).toMatch(/^warn Still failing: \d+ attempts since an unknown time/)
  })

  it.each([
    ['back', -3 * DAY],
    ['forward', 3 * DAY],
  ])('reminds an hour apart when the wall clock is set %s by days', (_, by) => {
    const clock = new ManualClock(Date.UTC(2026, 11, 6))
    const { log, failures } = streak(clock)
    for (let i = 0; i < (3 * REMIND_AFTER_MS) / EVERY_MS; i++) {
      if (i === 100) clock.step(by)
      failures.failed(REFUSED)
      clock.advance(EVERY_MS)
    }
    // The first line and one reminder an hour of attempts: the set clock adds none and holds none off.
    expect(log.lines).toHaveLength(3)
  })

  it('forgets the way that failed longest ago beyond the ways it remembers, and logs it anew', () => {
    const { log, failures } = streak()
    for (let way = 0; way <= MOST_WAYS_REMEMBERED; way++)
      failures.failed({ level: 'warn', text: `way ${way}` })
    failures.failed({ level: 'warn', text: 'way 0' })
    failures.failed({ level: 'warn', text: 'way 0' })
    expect(log.lines.filter((line) => line === 'warn way 0')).toHaveLength(2)
  })

  it('logs a way again as new once the streak ended', () => {
    const { log, failures } = streak()
    failures.failed(REFUSED)
    failures.ended()
    failures.failed(REFUSED)
    expect(log.lines).toEqual([`warn ${REFUSED.text}`, `warn ${REFUSED.text}`])
  })
})
