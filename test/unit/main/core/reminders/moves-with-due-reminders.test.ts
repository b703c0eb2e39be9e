// A move that makes a reminder due at once (moved earlier past its 30 or 10, into the start
// window, to a start already passed) is told in one notification that says the new time and how
// long is left, with Start and Snooze; the reminder it stands for does not follow it. A move that
// leaves the next reminder in the future is told alone, as before.
import { describe, expect, it } from 'vitest'
import { MINUTE } from '../../../../support/fixtures'
import { at, reminderKit } from './reminder-kit'

const setUp = reminderKit()
const T = at(24 * 60)
/** A move told alone: its new time, no minutes left nor "starting now" after it. */
const MOVE_ALONE = /^Moved: Session ses_1, now (?!.*(in \d+ minutes?|starting now)$).+$/

/** Book at T, start, let the 30-minute reminder fire, then five minutes on. */
function afterThe30(kit: ReturnType<typeof setUp>) {
  const session = kit.book('ses_1', T)
  kit.scheduler.start()
  kit.clock.advanceTo(T - 25 * MINUTE)
  expect(kit.titles()).toEqual(['In 30 minutes: Session ses_1'])
  return session
}

describe('a move that makes a reminder due at once', () => {
  it('moved earlier after the 30 fired: one notification with the new time, the minutes left and when Start opens', () => {
    const kit = setUp()
    const session = afterThe30(kit)
    kit.update({ ...session, bookedStart: T - 10 * MINUTE, updatedAt: kit.clock.now() })
    expect(kit.titles().slice(1)).toEqual([
      expect.stringMatching(/^Moved: Session ses_1, now .+, in 15 minutes$/),
    ])
    const last = kit.notifier.shown.at(-1)
    expect(last).toMatchObject({
      kind: 'reminder',
      moment: 'before',
      bookedStart: T - 10 * MINUTE,
      startAllowed: false,
    })
    expect(last?.body).toMatch(
      /^Your session with Sam Okafor was moved from .+ to .+\. Start opens at HH:MM\. If it does not suit you/,
    )
    // The next reminder is the 10 of the new time, at its moment, and only it.
    kit.clock.advanceTo(T - 20 * MINUTE - 1)
    expect(kit.titles()).toHaveLength(2)
    kit.clock.advance(1)
    expect(kit.titles().slice(2)).toEqual(['In 10 minutes: Session ses_1'])
    kit.scheduler.stop()
  })

  it('moved into the 10-minute window: one notification, the 30 and 10 of the new time not shown after it', () => {
    const kit = setUp()
    const session = afterThe30(kit)
    kit.update({ ...session, bookedStart: T - 20 * MINUTE, updatedAt: kit.clock.now() })
    expect(kit.titles().slice(1)).toEqual([
      expect.stringMatching(/^Moved: Session ses_1, now .+, in 5 minutes$/),
    ])
    kit.clock.advanceTo(T - 20 * MINUTE - 1)
    expect(kit.titles()).toHaveLength(2)
    kit.scheduler.stop()
  })

  it('moved to a start already passed: one notification that it starts now, then nothing about the client', () => {
    const kit = setUp()
    const session = afterThe30(kit)
    kit.update({ ...session, bookedStart: T - 27 * MINUTE, updatedAt: kit.clock.now() })
    expect(kit.titles().slice(1)).toEqual([
      expect.stringMatching(/^Moved: Session ses_1, now .+, starting now$/),
    ])
    expect(kit.notifier.shown.at(-1)).toMatchObject({ moment: 'starting_now', startAllowed: true })
    expect(kit.notifier.shown.at(-1)?.body).toMatch(
      /\. Sam Okafor has not joined yet\. Start it before HH:MM, or the platform cancels the session\./,
    )
    kit.clock.advanceTo(T - 18 * MINUTE)
    expect(kit.titles()).toHaveLength(2)
    kit.scheduler.stop()
  })

  it('moved later, past the next reminder: the move alone, and the 30 of the new time at its moment', () => {
    const kit = setUp()
    const session = afterThe30(kit)
    kit.update({ ...session, bookedStart: T + 60 * MINUTE, updatedAt: kit.clock.now() })
    expect(kit.titles().slice(1)).toEqual([expect.stringMatching(MOVE_ALONE)])
    expect(kit.notifier.shown.at(-1)).toMatchObject({ moment: 'moved' })
    kit.clock.advanceTo(T + 30 * MINUTE)
    expect(kit.titles().slice(2)).toEqual(['In 30 minutes: Session ses_1'])
    kit.scheduler.stop()
  })

  it('moved twice: each move is one notification, the second with its own minutes left', () => {
    const kit = setUp()
    const session = afterThe30(kit)
    kit.update({ ...session, bookedStart: T - 10 * MINUTE, updatedAt: kit.clock.now() })
    kit.clock.advance(MINUTE)
    kit.update({ ...session, bookedStart: T - 15 * MINUTE, updatedAt: kit.clock.now() })
    expect(kit.titles().slice(1)).toEqual([
      expect.stringMatching(/, in 15 minutes$/),
      expect.stringMatching(/^Moved: Session ses_1, now .+, in 9 minutes$/),
    ])
    kit.clock.advanceTo(T - 15 * MINUTE - 1)
    expect(kit.titles()).toHaveLength(3)
    kit.scheduler.stop()
  })

  it('with reminders turned off: the move is told alone and nothing follows it', () => {
    const kit = setUp({ enabled: () => false })
    const session = kit.book('ses_1', T)
    kit.scheduler.start()
    kit.clock.advanceTo(T - 25 * MINUTE)
    kit.update({ ...session, bookedStart: T - 10 * MINUTE, updatedAt: kit.clock.now() })
    expect(kit.titles()).toEqual([expect.stringMatching(MOVE_ALONE)])
    kit.scheduler.stop()
  })

  it('the client accepts the expert’s proposal of an earlier time: their answer says the minutes left, and no reminder follows it', () => {
    const kit = setUp()
    const session = afterThe30(kit)
    const earlier = T - 10 * MINUTE
    kit.update({
      ...session,
      bookedStart: earlier,
      updatedAt: kit.clock.now(),
      reschedule: {
        proposedStart: earlier,
        previousStart: T,
        proposedAt: T - 40 * MINUTE,
        state: 'accepted',
        answeredAt: kit.clock.now(),
      },
    })
    expect(kit.titles().slice(1)).toEqual(['Sam Okafor accepted the new time, in 15 minutes: Session ses_1'])
    expect(kit.notifier.shown.at(-1)).toMatchObject({ moment: 'before', bookedStart: earlier })
    expect(kit.notifier.shown.at(-1)?.body).toMatch(/^Moved from .+ to .+\. Start opens at HH:MM\.$/)
    kit.clock.advanceTo(T - 20 * MINUTE - 1)
    expect(kit.titles()).toHaveLength(2)
    kit.scheduler.stop()
  })
})
