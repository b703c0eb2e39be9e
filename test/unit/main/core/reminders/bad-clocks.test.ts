// Reminders under bad clocks, one table: the computer's clock set hours either way while awake,
// sleeps past a reminder, the platform's clock moved by minutes between connections, and a platform
// answering an absurd time. Each reminder fires once, within a second of its moment in the
// platform's time while awake; after a sleep a stale one is skipped only when a later one of the
// session is due; one "starting now". A reminder found late after a sleep shows once the settle
// after the wake is over, within a second. An answer that is no time (1970, 9999, NaN), or a run of
// answers each hours from the last, moves no reminder; hours confirmed and undone lose none.
import { describe, expect, it } from 'vitest'
import { FIRST_MEASURE_WAIT_MS } from '../../../../../src/main/core/platform-clock/platform-clock'
import { LATE_SETTLE_MS } from '../../../../../src/main/core/reminders/late-settle'
import { MINUTE } from '../../../../support/fixtures'
import { at, reminderKit } from './reminder-kit'

const setUp = reminderKit()
const T = at(60)
const HOUR = 60 * MINUTE
type Kit = ReturnType<typeof setUp>

/** The platform's real time, as the computer's clock plus what the platform is ahead of it. */
interface Truth {
  aheadMs: number
}

/** One fault, made at `T - beforeMs` by the platform's time. */
interface Fault {
  readonly what: string
  readonly beforeMs: number
  readonly make: (kit: Kit, truth: Truth) => void
  /** What shows, in order, by a minute after the start. */
  readonly shown: ReadonlyArray<string>
  /**
   * Those found late after a sleep, by the moment they show: the settle after the wake, for the
   * catch-up to bring a cancel or a move first (late-settle.ts). The rest show at their own moment.
   */
  readonly late?: Readonly<Record<string, number>>
}

/** The platform answers twice, agreeing, as after a reconnection. */
const reconnect = (kit: Kit, truth: Truth): void => kit.platformAnswers(truth.aheadMs)

/** The platform answers twice with `serverTime`, whatever the truth. */
function answersWith(kit: Kit, serverTime: number): void {
  for (let i = 0; i < 2; i++) {
    const reading = kit.platform!.reading()
    kit.platform!.record({ sent: reading, received: reading, serverTime })
  }
}

const ALL = ['In 30 minutes: Session ses_1', 'In 10 minutes: Session ses_1', 'Starting now: Session ses_1']

const FAULTS: ReadonlyArray<Fault> = [
  {
    what: 'the computer’s clock set 3 hours ahead while awake',
    beforeMs: 45 * MINUTE,
    make: ({ clock }, truth) => (clock.step(3 * HOUR), (truth.aheadMs -= 3 * HOUR)),
    shown: ALL,
  },
  {
    what: 'the computer’s clock set 3 hours back while awake',
    beforeMs: 45 * MINUTE,
    make: ({ clock }, truth) => (clock.step(-3 * HOUR), (truth.aheadMs += 3 * HOUR)),
    shown: ALL,
  },
  {
    what: 'the computer’s clock set 3 hours ahead, then the platform reconnects',
    beforeMs: 45 * MINUTE,
    make: (kit, truth) => (kit.clock.step(3 * HOUR), (truth.aheadMs -= 3 * HOUR), reconnect(kit, truth)),
    shown: ALL,
  },
  {
    what: 'the computer’s clock set 3 hours back a second before the 30, then the platform reconnects',
    beforeMs: 30 * MINUTE + 1_000,
    make: (kit, truth) => (kit.clock.step(-3 * HOUR), (truth.aheadMs += 3 * HOUR), reconnect(kit, truth)),
    shown: ALL,
  },
  {
    what: 'asleep across the 30, woken before the 10, the platform answering at the wake',
    beforeMs: 35 * MINUTE,
    make: (kit, truth) => (kit.clock.sleep(10 * MINUTE), kit.power.resume(), reconnect(kit, truth)),
    shown: ['In 25 minutes: Session ses_1', ALL[1]!, ALL[2]!],
    late: { 'In 25 minutes: Session ses_1': T - 25 * MINUTE + LATE_SETTLE_MS },
  },
  {
    what: 'asleep across the 30 and the 10, the platform answering at the wake',
    beforeMs: 35 * MINUTE,
    make: (kit, truth) => (kit.clock.sleep(30 * MINUTE), kit.power.resume(), reconnect(kit, truth)),
    shown: ['In 5 minutes: Session ses_1', ALL[2]!],
    late: { 'In 5 minutes: Session ses_1': T - 5 * MINUTE + LATE_SETTLE_MS },
  },
  {
    what: 'asleep across the 30 and the 10, the platform silent after the wake',
    beforeMs: 35 * MINUTE,
    make: ({ clock, power }) => (clock.sleep(30 * MINUTE), power.resume()),
    shown: ['In 5 minutes: Session ses_1', ALL[2]!],
    // Shown once the wait for the platform's word on the time after a wake is over, by the guess.
    late: { 'In 5 minutes: Session ses_1': T - 5 * MINUTE + Math.max(LATE_SETTLE_MS, FIRST_MEASURE_WAIT_MS) },
  },
  {
    what: 'the platform’s clock 3 minutes ahead at the next connection',
    beforeMs: 45 * MINUTE,
    make: (kit, truth) => ((truth.aheadMs += 3 * MINUTE), reconnect(kit, truth)),
    shown: ALL,
  },
  {
    what: 'the platform’s clock 3 minutes behind at the next connection, just after the 30',
    beforeMs: 30 * MINUTE - 1_000,
    make: (kit, truth) => ((truth.aheadMs -= 3 * MINUTE), reconnect(kit, truth)),
    shown: ALL,
  },
  {
    what: 'the platform’s clock 5 minutes behind at the next connection, just after the 10',
    beforeMs: 10 * MINUTE - 1_000,
    make: (kit, truth) => ((truth.aheadMs -= 5 * MINUTE), reconnect(kit, truth)),
    shown: ALL,
  },
  {
    what: 'the platform’s clock 5 minutes behind at the next connection, just after "starting now"',
    beforeMs: -1_000,
    make: (kit, truth) => ((truth.aheadMs -= 5 * MINUTE), reconnect(kit, truth)),
    shown: ALL,
  },
  {
    what: 'the computer’s clock stepped 5 minutes back while awake, just after "starting now"',
    beforeMs: -1_000,
    make: ({ clock }, truth) => (clock.step(-5 * MINUTE), (truth.aheadMs += 5 * MINUTE)),
    shown: ALL,
  },
  {
    what: 'the computer’s clock stepped 5 minutes back, then the platform reconnects, just after the 10',
    beforeMs: 10 * MINUTE - 1_000,
    make: (kit, truth) => (kit.clock.step(-5 * MINUTE), (truth.aheadMs += 5 * MINUTE), reconnect(kit, truth)),
    shown: ALL,
  },
  {
    what: 'the platform answering the year 2000',
    beforeMs: 45 * MINUTE,
    make: (kit) => answersWith(kit, Date.UTC(2000, 0, 1)),
    shown: ALL,
  },
  {
    what: 'the platform answering the year 2199',
    beforeMs: 45 * MINUTE,
    make: (kit) => answersWith(kit, Date.UTC(2199, 0, 1)),
    shown: ALL,
  },
  {
    what: 'the platform answering the year 1970',
    beforeMs: 45 * MINUTE,
    make: (kit) => answersWith(kit, 0),
    shown: ALL,
  },
  {
    what: 'the platform answering the year 9999',
    beforeMs: 45 * MINUTE,
    make: (kit) => answersWith(kit, Date.UTC(9999, 11, 31)),
    shown: ALL,
  },
  {
    what: 'the platform answering no time at all',
    beforeMs: 45 * MINUTE,
    make: (kit) => answersWith(kit, Number.NaN),
    shown: ALL,
  },
  {
    what: 'the platform’s clock 3 hours ahead for two answers that agree, then its own time again',
    beforeMs: 45 * MINUTE,
    make: (kit, truth) => (
      answersWith(kit, kit.clock.now() + truth.aheadMs + 3 * HOUR),
      reconnect(kit, truth)
    ),
    shown: ALL,
  },
  {
    what: 'the platform answering the year 2099, then its own time again',
    beforeMs: 45 * MINUTE,
    make: (kit, truth) => (answersWith(kit, Date.UTC(2099, 0, 1)), reconnect(kit, truth)),
    shown: ALL,
  },
  {
    what: 'the platform’s clock jumping 3 hours either way from one answer to the next',
    beforeMs: 45 * MINUTE,
    make: (kit, truth) => {
      for (let i = 0; i < 6; i++) {
        const reading = kit.platform!.reading()
        const serverTime = kit.clock.now() + truth.aheadMs + (i % 2 === 0 ? 3 : -3) * HOUR
        kit.platform!.record({ sent: reading, received: reading, serverTime })
      }
    },
    shown: ALL,
  },
]

/** Each reminder's own moment, by the platform's time. */
const DUE: Readonly<Record<string, number>> = {
  [ALL[0]!]: T - 30 * MINUTE,
  [ALL[1]!]: T - 10 * MINUTE,
  [ALL[2]!]: T,
}

describe('reminders under bad clocks', () => {
  for (const fault of FAULTS)
    it(`${fault.what}: ${fault.shown.length} shown, each once, within a second of its moment`, () => {
      const kit = setUp({ platformClock: true, gapWatch: true })
      const truth: Truth = { aheadMs: 0 }
      const platformNow = (): number => kit.clock.now() + truth.aheadMs
      const shown: Array<readonly [string, number]> = []
      const show = kit.notifier.show.bind(kit.notifier)
      kit.notifier.show = (n) => {
        if (n.kind === 'reminder') shown.push([n.title, platformNow()])
        show(n)
      }
      kit.book('ses_1', T)
      kit.scheduler.start()
      reconnect(kit, truth)
      kit.clock.advanceTo(T - fault.beforeMs)
      fault.make(kit, truth)
      // Awake from here on, second by second, as the main process's turns would see it.
      while (platformNow() < T + MINUTE) kit.clock.advance(1_000)
      expect(shown.map(([title]) => title)).toEqual(fault.shown)
      for (const [title, when] of shown) {
        const due = fault.late?.[title] ?? DUE[title]!
        expect(when - due, title).toBeGreaterThanOrEqual(0)
        expect(when - due, title).toBeLessThanOrEqual(1_000)
      }
      kit.scheduler.stop()
    })
})
