// What the Upcoming card says of a session's reminders when platform time moves back: a reminder
// that fired stays fired (the card reads the scheduler's marks, keyed on the session, its booked
// start and the reminder, not on the time), while one still to come is listed until it fires.
import { describe, expect, it } from 'vitest'
import { reminderStatus } from '../../../../../src/renderer/logic/session-timing'
import { sentMinutes } from '../../../../../src/renderer/store/reminders-sent-store'
import { MINUTE } from '../../../../support/fixtures'
import { at, reminderKit, type KitOptions } from './reminder-kit'

const setUp = reminderKit()
const T = at(60)
const HOUR = 60 * MINUTE
type Kit = ReturnType<typeof setUp>

/** ses_1 booked at T, measured (the platform agreeing with the computer), the scheduler running. */
function booked(options: KitOptions = {}): Kit {
  const kit = setUp({ platformClock: true, gapWatch: true, ...options })
  kit.book('ses_1', T)
  kit.scheduler.start()
  return kit
}

/** The card's line about ses_1's reminders, at the app's platform time, from the marks as the host sends them. */
function cardLine(kit: Kit): string {
  const session = kit.store.session('ses_1')!
  const sent = sentMinutes(kit.scheduler.sent.sent([session]), 'ses_1', session.bookedStart)
  return reminderStatus(session.bookedStart, kit.platform!.now(), true, sent)
}

/** The 10-minute reminder alone still to come. */
const TEN_ONLY = /^10-minute reminder at /
/** Both still to come. */
const BOTH = /^Reminders at .+ and .+$/

describe('the card’s reminders when platform time moves back', () => {
  it('the platform’s clock found 3 minutes behind just after the 30: the 30 stays sent, the 10 is still to come', () => {
    const kit = booked()
    kit.platformAnswers(0)
    expect(cardLine(kit)).toMatch(BOTH)
    kit.clock.advanceTo(T - 30 * MINUTE + 1_000)
    expect(kit.titles()).toEqual(['In 30 minutes: Session ses_1'])
    kit.platformAnswers(-3 * MINUTE)
    expect(kit.platform!.now()).toBeLessThan(T - 30 * MINUTE)
    expect(cardLine(kit)).toMatch(TEN_ONLY)
    kit.scheduler.stop()
  })

  it('the computer’s clock set back an hour after the 10, then Standby restarted before the platform answers: both stay sent', () => {
    const kit = booked()
    kit.platformAnswers(0)
    kit.clock.advanceTo(T - 10 * MINUTE + 1_000)
    kit.scheduler.stop()
    const again = booked({ dir: kit.dir, now: kit.clock.now() - HOUR })
    // No answer yet: the platform's time is the computer's clock, an hour behind.
    expect(again.platform!.now()).toBeLessThan(T - 30 * MINUTE)
    expect(cardLine(again)).toBe('Reminders sent')
    again.scheduler.stop()
  })

  it('the computer’s clock set back across the start, then restarted: nothing is listed again, nothing shows again', () => {
    const kit = booked()
    kit.platformAnswers(0)
    kit.clock.advanceTo(T + 1_000)
    expect(kit.titles()).toHaveLength(3)
    kit.scheduler.stop()
    const again = booked({ dir: kit.dir, now: T - 40 * MINUTE })
    expect(cardLine(again)).toBe('Reminders sent')
    again.clock.advance(HOUR)
    expect(again.titles()).toEqual([])
    again.scheduler.stop()
  })

  it('the computer’s clock set forward past both while awake, the platform silent: both still listed, each until it fires', () => {
    const kit = booked()
    kit.platformAnswers(0)
    kit.clock.advance(5 * MINUTE)
    kit.clock.step(2 * HOUR)
    kit.clock.advance(1_000)
    expect(cardLine(kit)).toMatch(BOTH)
    while (kit.platform!.now() < T - 30 * MINUTE + 1_000) kit.clock.advance(1_000)
    expect(kit.titles()).toEqual(['In 30 minutes: Session ses_1'])
    expect(cardLine(kit)).toMatch(TEN_ONLY)
    kit.scheduler.stop()
  })

  it('asleep with the clock set back an hour after the 30, the platform silent at the wake: the 30 stays sent', () => {
    const kit = booked()
    kit.platformAnswers(0)
    kit.clock.advanceTo(T - 30 * MINUTE + 1_000)
    kit.clock.sleep(2 * MINUTE)
    kit.clock.step(-HOUR)
    kit.power.resume()
    kit.clock.advance(1_000)
    expect(cardLine(kit)).toMatch(TEN_ONLY)
    expect(kit.titles()).toEqual(['In 30 minutes: Session ses_1'])
    kit.scheduler.stop()
  })
})
