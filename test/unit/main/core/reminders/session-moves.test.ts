// A booked session the platform moves without the expert asking: the expert planned around the old
// time, so one alert says from when to when, once per move; a move the client's acceptance of the
// expert's own proposal explains is told by that answer instead.
import { describe, expect, it } from 'vitest'
import { sessionUpdated, MINUTE } from '../../../../support/fixtures'
import { at, reminderKit } from './reminder-kit'
import { FIRST_MEASURE_WAIT_MS } from '../../../../../src/main/core/platform-clock/platform-clock'

const setUp = reminderKit()
const T = at(24 * 60)
const HOUR = 60 * MINUTE

describe('a session moved by the platform', () => {
  it('is told once, from when to when, with what the expert can do; a replay of the update says nothing more', () => {
    const { clock, scheduler, book, update, store, notifier } = setUp()
    const session = book('ses_1', T)
    scheduler.start()
    const moved = update({ ...session, bookedStart: T + HOUR, updatedAt: clock.now() + 1 })
    const replay = [sessionUpdated(store.cursor(), moved)]
    store.applyEvents(replay)
    scheduler.cacheChanged({ kind: 'events', events: replay })
    scheduler.cacheChanged({ kind: 'replaced', changedSessions: ['ses_1'] })
    expect(notifier.shown).toEqual([
      {
        kind: 'reminder',
        sessionId: 'ses_1',
        moment: 'moved',
        bookedStart: T + HOUR,
        requestId: expect.any(String),
        startAllowed: false,
        title: expect.stringMatching(/^Moved: Session ses_1, now .+$/),
        body: expect.stringMatching(
          /^Your session with Sam Okafor was moved from .+ to .+\. Reminders follow the new time\. If it does not suit you, message Sam Okafor or propose another time\.$/,
        ),
      },
    ])
    expect(notifier.remindersOnScreen.map((r) => r.moment)).toEqual(['moved'])
    scheduler.stop()
  })

  for (const state of ['accepted', 'declined'] as const)
    it(`after the client ${state} the expert's proposal: the move is told, their answer not again`, () => {
      const { clock, scheduler, book, update, titles } = setUp()
      const session = book('ses_1', T)
      scheduler.start()
      const proposedStart = T - HOUR
      const reschedule = {
        proposedStart,
        previousStart: T,
        proposedAt: clock.now(),
        state,
        answeredAt: clock.now(),
      }
      const bookedStart = state === 'accepted' ? proposedStart : T
      const answered = update({ ...session, bookedStart, updatedAt: clock.now(), reschedule })
      clock.advance(MINUTE)
      update({ ...answered, bookedStart: bookedStart + 2 * HOUR, updatedAt: clock.now() })
      expect(titles()).toEqual([
        expect.stringMatching(new RegExp(`^Sam Okafor ${state} `)),
        expect.stringMatching(/^Moved: Session ses_1, now .+$/),
      ])
      scheduler.stop()
    })

  it('moved on and back again: each move is told', () => {
    const { clock, scheduler, book, update, titles } = setUp()
    const session = book('ses_1', T)
    scheduler.start()
    for (const start of [T + HOUR, T, T + HOUR]) {
      clock.advance(MINUTE)
      update({ ...session, bookedStart: start, updatedAt: clock.now() })
    }
    expect(titles()).toHaveLength(3)
    expect(titles().every((t) => t.startsWith('Moved: Session ses_1, now '))).toBe(true)
    scheduler.stop()
  })

  it('a move the catch-up after a start brings is told too', () => {
    const first = setUp()
    const session = first.book('ses_1', T)
    first.scheduler.start()
    first.scheduler.stop()
    const second = setUp({ dir: first.dir, now: first.clock.now() + HOUR })
    second.scheduler.start()
    second.update({ ...session, bookedStart: T + HOUR, updatedAt: second.clock.now() })
    expect(second.titles()).toEqual([expect.stringMatching(/^Moved: Session ses_1, now /)])
    second.scheduler.stop()
  })

  it('a move the catch-up brings before the platform’s clock is measured (a platform that sends no time) is told too', () => {
    const first = setUp({ platformClock: true })
    const session = first.book('ses_1', T)
    first.scheduler.stop()
    const second = setUp({ dir: first.dir, now: first.clock.now() + HOUR, platformClock: true })
    second.scheduler.start()
    second.clock.advance(2_000)
    second.update({ ...session, bookedStart: T + HOUR, updatedAt: second.clock.now() })
    expect(second.titles()).toEqual([expect.stringMatching(/^Moved: Session ses_1, now /)])
    second.clock.advance(FIRST_MEASURE_WAIT_MS)
    expect(second.titles()).toHaveLength(1)
    second.scheduler.stop()
  })

  it('nothing for an update that keeps the time, a cancel, or a session already past its auto-cancel', () => {
    const { clock, scheduler, book, update, titles } = setUp()
    const kept = book('ses_1', T)
    const cancelled = book('ses_2', T)
    const past = book('ses_3', at(30))
    scheduler.start()
    clock.advance(MINUTE)
    update({ ...kept, privateNote: 'bring the schema', updatedAt: clock.now() })
    update({ ...cancelled, state: 'cancelled', bookedStart: T + HOUR, updatedAt: clock.now() })
    update({ ...past, bookedStart: at(-60), updatedAt: clock.now() })
    expect(titles().filter((t) => t.startsWith('Moved'))).toEqual([])
    scheduler.stop()
  })
})
