// A cached session's id that the platform now gives to another request (restored from a backup,
// or issuing its ids again) is another session: the first one's reminder state does not carry
// over to it. Its reminders are shown, not passed over as already fired; the first one's snooze
// does not come back about it; the first one's reminder on screen is taken down; and no "Moved"
// is told from the first one's time. (A live event saying so is passed over as the platform's
// mistake: db/stream-contradiction.ts.)
import { describe, expect, it } from 'vitest'
import type { Session } from '../../../../../src/shared/protocol'
import { anExpert, aScheduledRequest, aSnapshot, MINUTE } from '../../../../support/fixtures'
import { at, reminderKit } from './reminder-kit'

const setUp = reminderKit()
const T = at(60)

/** ses_1 for its request, booked at T, and the 30 shown; `other(start)` is ses_1 for another request. */
function theThirtyShown() {
  const kit = setUp()
  const first = kit.book('ses_1', T)
  kit.scheduler.start()
  kit.clock.advanceTo(T - 30 * MINUTE)
  expect(kit.titles()).toEqual(['In 30 minutes: Session ses_1'])
  const other = (bookedStart: number): Session => ({
    ...first,
    request: { ...aScheduledRequest('req_other', bookedStart), title: 'Other request' },
    bookedStart,
    updatedAt: kit.clock.now(),
  })
  /** The platform restored from a backup: a snapshot with ses_1 for `session`'s request. */
  const restored = (session: Session): void => {
    kit.store.applySnapshot(
      aSnapshot({ sessions: [session], cursor: kit.store.cursor() + 1, takenAt: kit.clock.now() }),
    )
    kit.scheduler.cacheChanged({ kind: 'replaced', changedSessions: ['ses_1'] })
  }
  return { ...kit, first, other, restored }
}

describe('a session id given to another request', () => {
  it("at the same time: the first one's reminder is taken down and the other's reminders are shown", () => {
    const { clock, other, restored, titles, withdrawn, scheduler } = theThirtyShown()
    clock.advanceTo(T - 25 * MINUTE)
    restored(other(T))
    expect(withdrawn()).toEqual([['ses_1', T, 'The session is no longer in your list.']])
    expect(titles()).toEqual(['In 30 minutes: Session ses_1', 'In 25 minutes: Other request'])
    clock.advanceTo(T - 10 * MINUTE)
    expect(titles().at(-1)).toBe('In 10 minutes: Other request')
    scheduler.stop()
  })

  it('at another time: no "Moved" from the first one\'s time, and the other reminds for its own', () => {
    const { clock, other, restored, titles, withdrawn, scheduler } = theThirtyShown()
    restored(other(T + 60 * MINUTE))
    expect(withdrawn()).toEqual([['ses_1', T, 'The session is no longer in your list.']])
    clock.advanceTo(T + 30 * MINUTE)
    expect(titles()).toEqual(['In 30 minutes: Session ses_1', 'In 30 minutes: Other request'])
    scheduler.stop()
  })

  it("the first one's snooze does not come back about the other", () => {
    const { clock, other, restored, titles, scheduler } = theThirtyShown()
    expect(scheduler.snooze('ses_1', T)).toBe(true)
    clock.advanceTo(T - 28 * MINUTE)
    restored(other(T))
    expect(titles()).toEqual(['In 30 minutes: Session ses_1', 'In 28 minutes: Other request'])
    clock.advanceTo(T - 11 * MINUTE)
    expect(titles()).toEqual(['In 30 minutes: Session ses_1', 'In 28 minutes: Other request'])
    scheduler.stop()
  })

  it("signed out, and another expert signed in whose session has the same id: theirs reminds, nothing of the first one's is held against it", () => {
    const { clock, store, other, titles, scheduler } = theThirtyShown()
    store.clear()
    scheduler.cacheChanged({ kind: 'replaced', emptied: true })
    clock.advanceTo(T - 25 * MINUTE)
    const theirs = other(T)
    store.applySnapshot(
      aSnapshot({
        expert: anExpert({ id: 'exp_bob' }),
        sessions: [{ ...theirs, expertId: 'exp_bob' }],
        cursor: 1,
        takenAt: clock.now(),
      }),
    )
    scheduler.cacheChanged({ kind: 'replaced' })
    expect(titles()).toEqual(['In 30 minutes: Session ses_1', 'In 25 minutes: Other request'])
    scheduler.stop()
  })

  it('the same request again (a rebuild that kept it): nothing repeats', () => {
    const { clock, first, restored, titles, withdrawn, scheduler } = theThirtyShown()
    clock.advanceTo(T - 25 * MINUTE)
    restored(first)
    clock.advanceTo(T - 11 * MINUTE)
    expect(titles()).toEqual(['In 30 minutes: Session ses_1'])
    expect(withdrawn()).toEqual([])
    scheduler.stop()
  })
})
