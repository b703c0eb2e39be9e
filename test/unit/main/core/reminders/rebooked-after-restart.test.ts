// A session booked again at a start where an earlier booking ended is a new booking: cancelled
// while Standby was closed (its reminder taken down by the restart) and booked there again by a
// platform restored from a backup, or moved away and back, its reminders come again, each once.
import { describe, expect, it } from 'vitest'
import { failWrites } from '../../../../support/cache-faults'
import { aSnapshot, MINUTE, sessionUpdated } from '../../../../support/fixtures'
import { at, cancelledByClient, reminderKit } from './reminder-kit'

const setUp = reminderKit()
const T = at(60)

/** The reminders before the start shown so far ("In 10 minutes: …"). */
function remindersIn(kit: { titles(): string[] }): string[] {
  return kit.titles().filter((t) => /^In \d+ minutes?:/.test(t))
}

describe('a session booked again at the start of a booking that ended', () => {
  it('cancelled while Standby was closed, then booked again: reminds again, once', () => {
    const first = setUp({ platformClock: true })
    const session = first.book('ses_1', T)
    first.scheduler.start()
    first.platformAnswers(0)
    first.clock.advanceTo(T - 10 * MINUTE)
    expect(remindersIn(first)).toEqual(['In 30 minutes: Session ses_1', 'In 10 minutes: Session ses_1'])
    first.scheduler.stop()
    const second = setUp({ platformClock: true, dir: first.dir, now: T - 8 * MINUTE })
    second.store.applyEvents([
      sessionUpdated(second.store.cursor() + 1, cancelledByClient(session, T - 9 * MINUTE)),
    ])
    second.scheduler.start()
    second.platformAnswers(0)
    expect(second.withdrawn()).toEqual([['ses_1', T, 'The session was cancelled.']])
    const rebooked = { ...session, updatedAt: T - 7 * MINUTE }
    const cursor = second.store.cursor() + 1
    second.store.applySnapshot(aSnapshot({ sessions: [rebooked], cursor, takenAt: second.clock.now() }))
    second.scheduler.cacheChanged({ kind: 'replaced', changedSessions: ['ses_1'] })
    second.clock.advance(2 * MINUTE)
    expect(remindersIn(second)).toEqual([expect.stringMatching(/: Session ses_1$/)])
    second.clock.advanceTo(T - MINUTE)
    expect(remindersIn(second)).toHaveLength(1)
    second.scheduler.stop()
  })

  it('moved away and back: the move says the reminder due again, and no reminder repeats after', () => {
    const kit = setUp()
    const session = kit.book('ses_1', T)
    kit.scheduler.start()
    kit.clock.advanceTo(T - 30 * MINUTE)
    kit.update({ ...session, bookedStart: T + 120 * MINUTE, updatedAt: kit.clock.now() })
    kit.clock.advance(MINUTE)
    kit.update({ ...session, bookedStart: T, updatedAt: kit.clock.now() })
    expect(kit.titles().at(-1)).toMatch(/^Moved: Session ses_1, now .+, in 29 minutes$/)
    kit.clock.advanceTo(T - MINUTE)
    expect(remindersIn(kit)).toEqual(['In 30 minutes: Session ses_1', 'In 10 minutes: Session ses_1'])
    kit.scheduler.stop()
  })

  it('moved back while the cache cannot forget the old booking: the other sessions still remind, and it reminds once the cache can', () => {
    const kit = setUp()
    const session = kit.book('ses_1', T)
    kit.book('ses_2', T + 20 * MINUTE)
    kit.scheduler.start()
    kit.clock.advanceTo(T - 30 * MINUTE)
    kit.update({ ...session, bookedStart: T + 120 * MINUTE, updatedAt: kit.clock.now() })
    kit.clock.advance(MINUTE)
    // The disk fills between the move back and forgetting what was marked for the booking it ended.
    const disk = failWrites(kit.store, 'forgetBooking')
    kit.update({ ...session, bookedStart: T, updatedAt: kit.clock.now() })
    expect(kit.titles().filter((t) => t.startsWith('Moved: Session ses_1, now '))).toHaveLength(2)
    kit.clock.advanceTo(T - 10 * MINUTE)
    expect(kit.titles()).toContain('In 30 minutes: Session ses_2')
    disk.free()
    kit.clock.advance(MINUTE)
    kit.clock.advanceTo(T - MINUTE)
    expect(remindersIn(kit).filter((t) => t.endsWith('ses_1'))).toEqual([
      'In 30 minutes: Session ses_1',
      'In 9 minutes: Session ses_1',
    ])
    kit.scheduler.stop()
  })
})
