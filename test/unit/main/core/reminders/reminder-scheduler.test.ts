import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ReminderScheduler } from '../../../../../src/main/core/reminders/reminder-scheduler'
import { createPowerHook } from '../../../../../src/main/node/adapters/power-hook'
import { createRecordingNotifier } from '../../../../../src/main/node/adapters/recording-notifier'
import { ManualClock } from '../../../../../src/shared/clock'
import {
  aScheduledRequest,
  aSession,
  FIXTURE_NOW,
  MINUTE,
  sessionUpdated,
} from '../../../../support/fixtures'
import { storeFactory, useTempDirs } from '../../db/cache-test-kit'

const tempDir = useTempDirs()
const openStore = storeFactory()
const quiet = { info: () => {}, warn: () => {}, error: () => {} }

/** A cache holding one booked scheduled session starting `inMinutes` after FIXTURE_NOW. */
function setUp(inMinutes: number, dir = tempDir(), enabled = () => true) {
  const { store } = openStore(join(dir, 'cache.db'))
  const bookedStart = FIXTURE_NOW + inMinutes * MINUTE
  if (store.cursor() === 0) {
    const request = aScheduledRequest('req_1', bookedStart)
    store.applyEvents([
      sessionUpdated(1, aSession({ id: 'ses_1', request, kind: 'scheduled', bookedStart, state: 'booked' })),
    ])
  }
  const clock = new ManualClock(FIXTURE_NOW)
  const notifier = createRecordingNotifier()
  const power = createPowerHook()
  const scheduler = new ReminderScheduler({
    clock,
    cache: store,
    notifier,
    power,
    log: quiet,
    enabled,
    formatTime: () => 'HH:MM',
  })
  return { store, clock, notifier, power, scheduler, bookedStart, dir }
}

describe('ReminderScheduler', () => {
  it('fires the 30- and 10-minute reminders once each, on time', () => {
    const { clock, notifier, scheduler, bookedStart } = setUp(60)
    scheduler.start()
    clock.advanceTo(bookedStart - 30 * MINUTE - 1)
    expect(notifier.shown).toHaveLength(0)
    clock.advanceTo(bookedStart - 30 * MINUTE)
    expect(notifier.shown.map((n) => n.title)).toEqual([expect.stringMatching(/^In 30 minutes: /)])
    clock.advanceTo(bookedStart - 10 * MINUTE)
    expect(notifier.shown.map((n) => n.title)).toEqual([
      expect.stringMatching(/^In 30 minutes/),
      expect.stringMatching(/^In 10 minutes/),
    ])
    expect(notifier.shown[1]?.body).toMatch(/start it now/)
    scheduler.refresh()
    clock.advanceTo(bookedStart + 5 * MINUTE)
    expect(notifier.shown).toHaveLength(2)
    scheduler.stop()
  })

  it('never repeats a reminder across a restart', () => {
    const first = setUp(20)
    first.scheduler.start()
    first.clock.advanceTo(first.bookedStart - 10 * MINUTE)
    // Started after the 30-minute moment with nothing later due yet: that one is shown late.
    expect(first.notifier.shown.map((n) => n.title)).toEqual([
      expect.stringMatching(/^In 20 minutes: /),
      expect.stringMatching(/^In 10 minutes: /),
    ])
    first.scheduler.stop()
    const second = setUp(20, first.dir)
    second.clock.advanceTo(first.bookedStart - 10 * MINUTE + 30_000)
    second.scheduler.start()
    expect(second.notifier.shown).toHaveLength(0)
  })

  it('after sleep, skips the stale reminders and shows one "starting now" notice', () => {
    const { clock, notifier, power, scheduler, bookedStart } = setUp(40)
    scheduler.start()
    // Asleep: no timer runs while the clock passes both reminders; on waking they are overdue.
    clock.sleep(bookedStart - 5 * MINUTE - clock.now())
    power.resume()
    clock.advance(0)
    expect(notifier.shown.map((n) => n.title)).toEqual([expect.stringMatching(/^Starting now: /)])
    expect(notifier.shown[0]?.body).toMatch(/Join before HH:MM/)
    power.resume()
    expect(notifier.shown).toHaveLength(1)
    scheduler.stop()
  })

  it('after sleep, shows a stale reminder late, with the time really left, when no later one is due', () => {
    const { clock, notifier, power, scheduler, bookedStart } = setUp(40)
    scheduler.start()
    clock.sleep(bookedStart - 25 * MINUTE - clock.now())
    power.resume()
    clock.advance(0)
    expect(notifier.shown.map((n) => n.title)).toEqual([expect.stringMatching(/^In 25 minutes: /)])
    clock.advanceTo(bookedStart - 10 * MINUTE)
    expect(notifier.shown.map((n) => n.title)).toEqual([
      expect.stringMatching(/^In 25 minutes: /),
      expect.stringMatching(/^In 10 minutes: /),
    ])
    scheduler.stop()
  })

  it('after sleep, skips the stale reminder for the one that is due, and adds no "starting now"', () => {
    const { clock, notifier, power, scheduler, bookedStart } = setUp(40)
    scheduler.start()
    clock.sleep(bookedStart - 10 * MINUTE + 30_000 - clock.now())
    power.resume()
    clock.advance(0)
    expect(notifier.shown.map((n) => n.title)).toEqual([expect.stringMatching(/^In 10 minutes: /)])
    clock.advanceTo(bookedStart + 5 * MINUTE)
    expect(notifier.shown).toHaveLength(1)
    scheduler.stop()
  })

  it('waits at most a day at a time for a session weeks ahead, and still fires on time', () => {
    const { clock, notifier, scheduler, bookedStart } = setUp(40 * 24 * 60)
    scheduler.start()
    clock.advance(24 * 60 * MINUTE)
    expect(notifier.shown).toHaveLength(0)
    expect(clock.pendingTimers).toBe(1)
    clock.advanceTo(bookedStart - 30 * MINUTE)
    expect(notifier.shown.map((n) => n.title)).toEqual([expect.stringMatching(/^In 30 minutes/)])
    scheduler.stop()
  })

  it('records reminders but shows nothing while reminders are turned off', () => {
    const { clock, notifier, scheduler, bookedStart } = setUp(45, tempDir(), () => false)
    scheduler.start()
    clock.advanceTo(bookedStart - 10 * MINUTE)
    expect(notifier.shown).toHaveLength(0)
    scheduler.stop()
  })
})
