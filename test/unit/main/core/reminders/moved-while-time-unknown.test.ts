// A move the platform tells while the time is still a guess (a restart with the computer's clock
// days off, before the platform answers) is told once the platform answers: the guess decides
// nothing, so it cannot make the session look past and its move go untold for good.
import { describe, expect, it, vi } from 'vitest'
import { aScheduledRequest, aSession, aSnapshot, MINUTE, sessionUpdated } from '../../../../support/fixtures'
import { at, reminderKit } from './reminder-kit'

const setUp = reminderKit()
const T = at(60)
const DAY = 24 * 60 * MINUTE

describe('a move told while the platform’s time is still a guess', () => {
  for (const [what, aheadMs] of [
    ['days ahead', 3 * DAY],
    ['days behind', -3 * DAY],
  ] as const)
    it(`the computer’s clock ${what}: the move is told once, after the platform answers`, () => {
      const first = setUp({ platformClock: true })
      const session = first.book('ses_1', T)
      first.scheduler.start()
      first.platformAnswers(0)
      first.scheduler.stop()
      const second = setUp({ platformClock: true, dir: first.dir, now: first.clock.now() + aheadMs })
      second.scheduler.start()
      second.update({ ...session, bookedStart: T + 60 * MINUTE, updatedAt: first.clock.now() + 1 })
      second.platformAnswers(-aheadMs)
      second.clock.advance(MINUTE)
      expect(second.titles()).toEqual([expect.stringMatching(/^Moved: Session ses_1, now /)])
      second.scheduler.stop()
    })

  for (const [what, toMs, told] of [
    ['add up to a minute from the start last told', 70_000, true],
    ['stay under a minute from it', 50_000, false],
  ] as const)
    it(`nudges that ${what}, across a restart: ${told ? 'told as a move' : 'not told'} once the platform answers`, () => {
      const first = setUp({ platformClock: true })
      const session = first.book('ses_1', T)
      first.scheduler.start()
      first.platformAnswers(0)
      // A nudge: the expert was told T, which the cache keeps as the start last told.
      first.update({ ...session, bookedStart: T + 30_000, updatedAt: first.clock.now() + 1 })
      first.scheduler.stop()
      const second = setUp({ platformClock: true, dir: first.dir, now: first.clock.now() + 3 * DAY })
      second.scheduler.start()
      second.update({ ...session, bookedStart: T + toMs, updatedAt: first.clock.now() + 2 })
      second.platformAnswers(-3 * DAY)
      second.clock.advance(MINUTE)
      const moved = second.titles().filter((t) => t.startsWith('Moved: '))
      expect(moved).toEqual(told ? [expect.stringMatching(/^Moved: Session ses_1, now /)] : [])
      second.scheduler.stop()
    })
})

/**
 * `count` sessions booked a minute apart by a first run; a second run started by a computer clock
 * three days ahead, the platform not answered yet.
 */
function restartedWithMany(count: number) {
  const first = setUp({ platformClock: true })
  const booked = Array.from({ length: count }, (_, i) => {
    const request = aScheduledRequest(`req_${i}`, T + i * MINUTE)
    const session = aSession({
      id: `ses_${i}`,
      request,
      kind: 'scheduled',
      bookedStart: T + i * MINUTE,
      state: 'booked',
    })
    return sessionUpdated(i + 1, { ...session, updatedAt: first.clock.now() })
  })
  first.store.applyEvents(booked)
  first.scheduler.start()
  first.platformAnswers(0)
  first.scheduler.stop()
  return {
    ...setUp({ platformClock: true, dir: first.dir, now: first.clock.now() + 3 * DAY }),
    was: first.clock.now(),
  }
}

describe('a move told while the platform’s time is still a guess, for an expert with many bookings', () => {
  it('the move of a session booked after the first few hundred is told once the platform answers', () => {
    const count = 1_200
    const second = restartedWithMany(count)
    second.scheduler.start()
    const last = second.store.session(`ses_${count - 1}`)
    if (last === null) throw new Error('the last session is cached')
    second.update({ ...last, bookedStart: last.bookedStart + DAY, updatedAt: second.was + 1 })
    second.platformAnswers(-3 * DAY)
    second.clock.advance(MINUTE)
    expect(second.titles()).toEqual([expect.stringMatching(/^Moved: .+, now /)])
    second.scheduler.stop()
  })

  it('a catch-up of many changes while waiting: each move told once, every booked start read once and no session whole', () => {
    const count = 400
    const kit = restartedWithMany(count)
    const read = vi.spyOn(kit.store, 'bookedSessionStarts')
    const readWhole = [vi.spyOn(kit.store, 'upcomingSessions'), vi.spyOn(kit.store, 'session')]
    kit.scheduler.start()
    const rowsRead = () => read.mock.results.reduce((sum, r) => sum + (r.value as unknown[]).length, 0)
    expect(rowsRead()).toBe(count)
    // Each booked start from the cache's columns: no session read whole (its JSON parsed) for it.
    for (const spy of readWhole) expect(spy).not.toHaveBeenCalled()
    // A session booked during the wait, then moved in it too: told against its start as booked.
    const fresh = kit.book('ses_new', T + 2 * DAY)
    for (let i = count - 30; i < count; i++) {
      const session = kit.store.session(`ses_${i}`)
      if (session === null) throw new Error(`ses_${i} is cached`)
      kit.update({ ...session, bookedStart: session.bookedStart + DAY, updatedAt: kit.was + 1 })
    }
    kit.update({ ...fresh, bookedStart: fresh.bookedStart + DAY, updatedAt: fresh.updatedAt + 1 })
    // Each change read only itself: the wait read every session once.
    expect(rowsRead()).toBe(count)
    kit.platformAnswers(-3 * DAY)
    kit.clock.advance(MINUTE)
    const moved = kit.titles().filter((t) => t.startsWith('Moved: '))
    expect(moved).toHaveLength(31)
    expect(new Set(moved).size).toBe(31)
    kit.scheduler.stop()
  })

  it('a snapshot without a session while waiting, then the session back at another time: not told as moved, as by a measured time', () => {
    const kit = restartedWithMany(3)
    kit.scheduler.start()
    const gone = kit.store.session('ses_0')
    if (gone === null) throw new Error('ses_0 is cached')
    const kept = ['ses_1', 'ses_2'].flatMap((id) => kit.store.session(id) ?? [])
    const cursor = kit.store.cursor() + 1
    kit.store.applySnapshot(aSnapshot({ sessions: kept, cursor, takenAt: kit.was }))
    kit.scheduler.cacheChanged({ kind: 'replaced', changedSessions: [] })
    const back = sessionUpdated(cursor + 1, {
      ...gone,
      bookedStart: gone.bookedStart + DAY,
      updatedAt: kit.was + 1,
    })
    kit.store.applyEvents([back])
    kit.scheduler.cacheChanged({ kind: 'events', events: [back] })
    expect(kit.store.session('ses_0')?.bookedStart).toBe(gone.bookedStart + DAY)
    kit.platformAnswers(-3 * DAY)
    kit.clock.advance(MINUTE)
    expect(kit.titles().filter((t) => t.startsWith('Moved: '))).toEqual([])
    kit.scheduler.stop()
  })
})
