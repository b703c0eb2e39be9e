// Reminders by the platform's clock while the computer's clock is set under a running app, with no
// word from the platform in between (an idle expert): each comes at the platform's -30, -10 and
// start, once, however far and whichever way the computer's clock moved; and a wake reported just
// after a real setting of the clock is told apart from a sleep by the platform's next answer.
import { describe, expect, it } from 'vitest'
import { LATE_SETTLE_MS } from '../../../../../src/main/core/reminders/late-settle'
import { FIXTURE_NOW, MINUTE } from '../../../../support/fixtures'
import { at, reminderKit } from './reminder-kit'

const setUp = reminderKit()
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const T = at(60)
const ALL_THREE = [
  'In 30 minutes: Session ses_1',
  'In 10 minutes: Session ses_1',
  'Starting now: Session ses_1',
]

/** The kit measured (the platform agreeing with the computer) with ses_1 booked at T, by platform time. */
function measuredWithBooking() {
  const kit = setUp({ platformClock: true })
  kit.book('ses_1', T)
  kit.scheduler.start()
  kit.platformAnswers(0)
  let sleptMs = 0
  /** Time passing awake, `ms` of it, whatever the computer's clock says. */
  const pass = (ms: number): void => kit.clock.advance(ms)
  /** Asleep `ms` on a machine whose monotonic clock stands in sleep (Linux, macOS): to the clocks, a setting. */
  const sleep = (ms: number): void => {
    sleptMs += ms
    kit.clock.step(ms)
  }
  /** The platform's time, as it truly is: the time passed since FIXTURE_NOW, awake or asleep. */
  const platformNow = (): number => FIXTURE_NOW + kit.clock.monotonic() + sleptMs
  /** One answer from the platform (a probe's), telling its true time. */
  const oneAnswer = (): void => {
    const reading = kit.platform!.reading()
    kit.platform!.record({ sent: reading, received: reading, serverTime: platformNow() })
  }
  /**
   * The next reminder, the `shown`-th of ALL_THREE (at T - 30, T - 10, T by the platform's clock),
   * comes at its time to the millisecond: nothing new a millisecond before, then it.
   */
  const nextComesAtItsTime = (shown: number): void => {
    pass(T - [30, 10, 0][shown]! * MINUTE - platformNow() - 1)
    expect(kit.titles()).toEqual(ALL_THREE.slice(0, shown))
    pass(1)
    expect(kit.titles()).toEqual(ALL_THREE.slice(0, shown + 1))
  }
  return { ...kit, pass, sleep, platformNow, oneAnswer, nextComesAtItsTime }
}

describe('the computer’s clock set while Standby runs and the platform says nothing', () => {
  for (const jumpMs of [5 * MINUTE, -5 * MINUTE, 3 * HOUR, -3 * HOUR, DAY, -DAY]) {
    it(`set by ${jumpMs / MINUTE} minutes before the reminders: each comes at its platform time, once`, () => {
      const { clock, pass, titles, scheduler, nextComesAtItsTime } = measuredWithBooking()
      pass(10 * MINUTE)
      clock.step(jumpMs)
      pass(MINUTE)
      expect(titles()).toEqual([])
      nextComesAtItsTime(0)
      nextComesAtItsTime(1)
      nextComesAtItsTime(2)
      pass(HOUR)
      expect(titles()).toEqual(ALL_THREE)
      scheduler.stop()
    })
  }

  it('set back an hour just after the 30-minute reminder: it does not come again, and the 10 comes on time', () => {
    const { clock, pass, platformNow, titles, scheduler, nextComesAtItsTime } = measuredWithBooking()
    pass(T - 30 * MINUTE - platformNow())
    expect(titles()).toEqual(ALL_THREE.slice(0, 1))
    clock.step(-HOUR)
    nextComesAtItsTime(1)
    scheduler.stop()
  })
})

describe('a wake reported just after the computer’s clock was set', () => {
  it('set forward 25 minutes, then the screen unlocked: the platform’s answer to the wake’s probe keeps the 30-minute reminder at its time', () => {
    const { clock, power, pass, oneAnswer, titles, scheduler, nextComesAtItsTime } = measuredWithBooking()
    pass(5 * MINUTE)
    clock.step(25 * MINUTE)
    pass(MINUTE)
    pass(10_000)
    power.resume()
    pass(300)
    oneAnswer()
    pass(2 * MINUTE)
    expect(titles()).toEqual([])
    nextComesAtItsTime(0)
    scheduler.stop()
  })

  it('set forward 5 minutes, then the screen unlocked, 4 minutes before the 30: nothing shows before the wake’s probe is answered', () => {
    const { clock, power, pass, platformNow, oneAnswer, titles, scheduler, nextComesAtItsTime } =
      measuredWithBooking()
    pass(T - 34 * MINUTE - platformNow())
    clock.step(5 * MINUTE)
    pass(10_000)
    power.resume()
    pass(1_000)
    expect(titles()).toEqual([])
    oneAnswer()
    nextComesAtItsTime(0)
    scheduler.stop()
  })

  it('set forward 25 minutes and read (the window’s countdown), then the screen unlocked: nothing shows before the wake’s probe is answered', () => {
    const { clock, platform, power, pass, oneAnswer, titles, scheduler, nextComesAtItsTime } =
      measuredWithBooking()
    pass(5 * MINUTE)
    clock.step(25 * MINUTE)
    // Read as a setting: platform time goes on as it was.
    platform!.now()
    pass(10_000)
    // Read again as the sleep the wake says it was: by it, the 30 is past and the 10 due.
    power.resume()
    expect(titles()).toEqual([])
    pass(300)
    oneAnswer()
    pass(2 * MINUTE)
    expect(titles()).toEqual([])
    nextComesAtItsTime(0)
    nextComesAtItsTime(1)
    scheduler.stop()
  })

  it('asleep while the clock was set forward, a timer reading it before the wake is reported: nothing shows early', async () => {
    const { clock, platform, power, pass, sleep, oneAnswer, titles, scheduler, nextComesAtItsTime } =
      measuredWithBooking()
    // The link: a probe whenever the clock asks, answered with the platform's true time.
    platform!.measureWanted.add(() => oneAnswer())
    pass(20 * MINUTE + 30_000)
    sleep(7 * MINUTE)
    // NTP or the expert sets it while the lid is shut: read as part of the sleep, the 10 falls due at the wake.
    clock.step(21 * MINUTE + 30_000)
    // The minute's check of the clock fires on waking, before the operating system reports the wake.
    pass(MINUTE)
    power.resume()
    expect(titles()).toEqual([])
    await Promise.resolve()
    await Promise.resolve()
    pass(LATE_SETTLE_MS)
    expect(titles()).toEqual([])
    nextComesAtItsTime(0)
    nextComesAtItsTime(1)
    scheduler.stop()
  })

  it('set back an hour, then the screen unlocked, the platform out of reach: the 30-minute reminder still comes at its time', () => {
    const { clock, power, pass, scheduler, nextComesAtItsTime } = measuredWithBooking()
    pass(5 * MINUTE)
    clock.step(-HOUR)
    pass(10_000)
    power.resume()
    nextComesAtItsTime(0)
    scheduler.stop()
  })

  it('a real sleep the wake reports: the 30-minute reminder that fell due in it shows, and the platform’s answer bears the time out', () => {
    const { power, pass, sleep, oneAnswer, titles, scheduler } = measuredWithBooking()
    pass(20 * MINUTE)
    sleep(15 * MINUTE)
    pass(0)
    power.resume()
    pass(300)
    oneAnswer()
    pass(20_000)
    expect(titles()).toEqual([expect.stringMatching(/^In 2\d minutes: Session ses_1/)])
    scheduler.stop()
  })

  it('a sleep nobody reported: the platform’s answer to the probe puts the clock right, and the reminder that fell due in it shows', () => {
    const { pass, sleep, oneAnswer, titles, scheduler } = measuredWithBooking()
    pass(20 * MINUTE)
    sleep(15 * MINUTE)
    pass(1_000)
    oneAnswer()
    pass(20_000)
    expect(titles()).toEqual([expect.stringMatching(/^In 2\d minutes: Session ses_1/)])
    scheduler.stop()
  })
})

describe('a setting and a sleep one after the other, nothing reading the time between', () => {
  it('set an hour forward, the lid shut 5 s later: the wake’s answer is asked about again, and nothing shows early', async () => {
    const { clock, platform, power, pass, sleep, oneAnswer, titles, scheduler, nextComesAtItsTime } =
      measuredWithBooking()
    // The link: a probe whenever the clock asks, answered with the platform's true time.
    platform!.measureWanted.add(() => oneAnswer())
    pass(MINUTE)
    clock.step(HOUR)
    pass(5_000)
    sleep(20 * MINUTE)
    power.resume()
    // The wake's reading shows the setting and the sleep as one step; the wake's probe is answered.
    await Promise.resolve()
    await Promise.resolve()
    pass(LATE_SETTLE_MS)
    expect(titles()).toEqual([])
    nextComesAtItsTime(0)
    scheduler.stop()
  })
})

describe('a step of the computer’s clock while a wake waits for the platform’s answer', () => {
  it('set 9 minutes forward, the lid shut 5 s later, and a 2 s step after the wake before the network is back: nothing shows early', async () => {
    const { clock, platform, power, pass, sleep, oneAnswer, titles, scheduler, nextComesAtItsTime } =
      measuredWithBooking()
    // The link: offline after the wake, then a probe whenever the clock asks, answered with the platform's true time.
    let online = false
    platform!.measureWanted.add(() => {
      if (online) oneAnswer()
    })
    pass(MINUTE)
    // By this setting read as part of the sleep, the 30-minute reminder is due a moment after the wake.
    clock.step(9 * MINUTE)
    pass(5_000)
    sleep(20 * MINUTE)
    power.resume()
    await Promise.resolve()
    // NTP sets the clock a little as the network comes up, a moment before the platform answers.
    pass(2_000)
    clock.step(2_000)
    // The window's countdown reads the time every second.
    platform!.now()
    await Promise.resolve()
    pass(1_000)
    online = true
    oneAnswer()
    await Promise.resolve()
    await Promise.resolve()
    pass(LATE_SETTLE_MS)
    expect(titles()).toEqual([])
    nextComesAtItsTime(0)
    scheduler.stop()
  })
})

describe('what a step of the computer’s clock leaves in doubt takes nothing down', () => {
  it('set forward 3 hours, then the screen unlocked, then an event: the 30-minute reminder on screen stays', () => {
    const { clock, power, pass, platformNow, oneAnswer, book, titles, withdrawn, scheduler } =
      measuredWithBooking()
    pass(T - 30 * MINUTE - platformNow())
    expect(titles()).toEqual(ALL_THREE.slice(0, 1))
    clock.step(3 * HOUR)
    pass(10_000)
    power.resume()
    // An event arrives before the wake's probe is answered: by the time a sleep would make it, the
    // session is past its auto-cancel.
    book('ses_2', T + DAY)
    pass(300)
    oneAnswer()
    pass(T - 10 * MINUTE - platformNow())
    expect(withdrawn()).toEqual([])
    expect(titles()).toEqual(ALL_THREE.slice(0, 2))
    scheduler.stop()
  })
})

describe('the first answers after a start that disagree', () => {
  it('a wrong first answer and a right second one: the platform is asked again, and nothing shows early', async () => {
    const { clock, platform, book, titles, scheduler } = setUp({ platformClock: true })
    book('ses_1', at(45))
    scheduler.start()
    const answer = (aheadMs: number): void => {
      const reading = platform!.reading()
      platform!.record({ sent: reading, received: reading, serverTime: clock.now() + aheadMs })
    }
    // The link: a probe whenever the clock asks, answered with the platform's time.
    platform!.measureWanted.add(() => answer(0))
    clock.advance(300)
    // By this answer alone, the 30-minute reminder is due now.
    answer(16 * MINUTE)
    clock.advance(300)
    answer(0)
    await Promise.resolve()
    clock.advance(20_000)
    expect(titles()).toEqual([])
    clock.advanceTo(at(15) - 1)
    expect(titles()).toEqual([])
    clock.advance(1)
    expect(titles()).toEqual(['In 30 minutes: Session ses_1'])
    scheduler.stop()
  })
})

describe('a wake over a setting of the clock back', () => {
  it.each([
    ['the wake told at once', false],
    ['the time read before the wake is told', true],
  ])(
    'asleep across the 10-minute reminder, the clock set back an hour meanwhile, the network back 5 s after the wake (%s): the reminder says the minutes truly left',
    (_, readFirst) => {
      const { clock, platform, power, pass, sleep, platformNow, oneAnswer, titles, scheduler } =
        measuredWithBooking()
      pass(T - 10 * MINUTE - 3_000 - platformNow())
      expect(titles()).toEqual(ALL_THREE.slice(0, 1))
      // Eight minutes asleep, and the clock set an hour back meanwhile: the wake reads one step back,
      // which says nothing of how long the machine slept.
      sleep(8 * MINUTE)
      clock.step(-HOUR)
      if (readFirst) platform!.now()
      power.resume()
      pass(5_000)
      // The network is back: the wake's probe is answered, and the answer asked about again.
      oneAnswer()
      oneAnswer()
      pass(LATE_SETTLE_MS)
      expect(titles()).toEqual([ALL_THREE[0], expect.stringMatching(/^In 2 minutes: Session ses_1/)])
      scheduler.stop()
    },
  )
})
