// A streak of failed attempts as the log keeps it: a line per way of failing and an hourly
// reminder, whatever the clocks do and however the ways alternate, never a line per attempt.
import { describe, expect, it } from 'vitest'
import { ManualClock, type Clock } from '../../../../../src/shared/clock'
import {
  FailureStreakLog,
  MOST_NEW_WAYS_AN_HOUR,
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
    const clock = new ManualClock(Date.UTC(2026, 11, 6))
    const { log, failures } = streak(clock)
    const ways = Array.from({ length: MOST_WAYS_REMEMBERED + 1 }, (_, i) => `way ${'ABCDEFGHIJ'[i]}`)
    for (const text of ways) failures.failed({ level: 'warn', text })
    clock.advance(REMIND_AFTER_MS)
    failures.failed({ level: 'warn', text: 'way A' })
    failures.failed({ level: 'warn', text: 'way A' })
    expect(log.lines.filter((line) => line === 'warn way A')).toHaveLength(2)
  })

  it('takes attempts whose text differs only in its numbers (a countdown) for one way, with its count', () => {
    const clock = new ManualClock(Date.UTC(2026, 11, 6))
    const { log, failures } = streak(clock)
    for (let i = 0; i <= REMIND_AFTER_MS / EVERY_MS; i++) {
      failures.failed({ level: 'warn', text: `Refused: try again in ${900 - i} s.` })
      clock.advance(EVERY_MS)
    }
    expect(log.lines).toEqual([
      'warn Refused: try again in 900 s.',
      `warn Still failing: ${REMIND_AFTER_MS / EVERY_MS + 1} attempts since 2026-12-06T00:00:00.000Z failed this way. Refused: try again in 540 s.`,
    ])
  })

  it.each([
    ['more ways than it remembers, taking turns', (i: number) => `way ${'ABCDEFGHIJ'[i % 10]}`],
    [
      'a text that changes at every attempt',
      (i: number) => `busy (request ${(i * 2654435761).toString(36)})`,
    ],
  ])('keeps attempts failing in %s, to a few lines an hour, and counts the rest', (_, text) => {
    const clock = new ManualClock(Date.UTC(2026, 11, 6))
    const { log, failures } = streak(clock)
    for (let i = 0; i < DAY / EVERY_MS; i++) {
      failures.failed({ level: 'warn', text: text(i) })
      clock.advance(EVERY_MS)
    }
    expect(log.lines.length).toBeLessThanOrEqual(3 * MOST_NEW_WAYS_AN_HOUR * 25)
    expect(log.text()).toMatch(
      /Still failing: \d+ attempts since 2026-12-06T00:0\d:\d0\.000Z failed in more ways than the log names one by one/,
    )
  })

  it('logs a way again as new once the streak ended', () => {
    const { log, failures } = streak()
    failures.failed(REFUSED)
    failures.ended()
    failures.failed(REFUSED)
    expect(log.lines).toEqual([`warn ${REFUSED.text}`, `warn ${REFUSED.text}`])
  })
})
