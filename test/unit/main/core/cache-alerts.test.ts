// The alert services as the core builds them: while no one is signed in (the platform refused the
// token, the cache kept for signing in again) reminders are not shown; once the expert is back,
// what fell due meanwhile is shown late, once, rather than lost.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cacheAlerts } from '../../../../src/main/core/cache-alerts'
import { PlatformClock } from '../../../../src/main/core/platform-clock/platform-clock'
import { LATE_SETTLE_MS } from '../../../../src/main/core/reminders/late-settle'
import type { StandbyCoreDeps } from '../../../../src/main/core/standby-core-deps'
import type { CacheUpdate } from '../../../../src/main/core/sync/cache-push'
import { createPowerHook } from '../../../../src/main/node/adapters/power-hook'
import { createRecordingNotifier } from '../../../../src/main/node/adapters/recording-notifier'
import { ManualClock } from '../../../../src/shared/clock'
import { Listeners } from '../../../../src/shared/listeners'
import { aScheduledRequest, aSession, FIXTURE_NOW, MINUTE, sessionUpdated } from '../../../support/fixtures'
import { storeFactory, useTempDirs } from '../db/cache-test-kit'

const tempDir = useTempDirs()
const openStore = storeFactory()
const T = FIXTURE_NOW + 60 * MINUTE

/** The core's alerts over a real cache, a session booked at T, and who is signed in. */
function alertsWithASession() {
  const { store } = openStore(join(tempDir(), 'cache.db'))
  const clock = new ManualClock(FIXTURE_NOW)
  const notifier = createRecordingNotifier()
  const power = createPowerHook()
  const log = { info: () => {}, warn: () => {}, error: () => {} }
  const platformClock = new PlatformClock(clock, power, log)
  const cacheChanged = new Listeners<CacheUpdate>()
  const account = { signedIn: true }
  const deps = { cache: store, clock, notifier, power, log, formatTime: () => 'HH:MM' }
  const { reminders } = cacheAlerts(deps as unknown as StandbyCoreDeps, platformClock, cacheChanged, {
    windowFocused: () => false,
    signedIn: () => account.signedIn,
  })
  const request = aScheduledRequest('req_1', T)
  const session = aSession({ id: 'ses_1', request, kind: 'scheduled', bookedStart: T, state: 'booked' })
  const event = sessionUpdated(1, { ...session, updatedAt: clock.now() })
  store.applyEvents([event])
  reminders.start()
  for (let i = 0; i < 2; i++) {
    const reading = platformClock.reading()
    platformClock.record({ sent: reading, received: reading, serverTime: clock.now() })
  }
  const titles = (): string[] => notifier.shown.filter((n) => n.kind === 'reminder').map((n) => n.title)
  return { clock, reminders, account, titles, notifier }
}

describe('reminders while no one is signed in', () => {
  it('those due while the platform had signed the expert out are shown late, once, when they sign in again', () => {
    const { clock, reminders, account, titles, notifier } = alertsWithASession()
    clock.advanceTo(T - 30 * MINUTE)
    expect(titles()).toEqual(['In 30 minutes: React list re-renders on every keystroke'])
    account.signedIn = false
    clock.advanceTo(T - 8 * MINUTE)
    expect(titles()).toHaveLength(1)
    // Signed in again (the same expert, the cache kept): the 10 comes now, late, saying so.
    account.signedIn = true
    reminders.refresh()
    clock.advance(LATE_SETTLE_MS)
    expect(titles()).toEqual([
      'In 30 minutes: React list re-renders on every keystroke',
      'In 8 minutes: React list re-renders on every keystroke',
    ])
    expect(notifier.shown.at(-1)?.body).toMatch(/was due at HH:MM, .*signed out/)
    clock.advanceTo(T)
    expect(titles()).toHaveLength(3)
    expect(titles()[2]).toMatch(/^Starting now/)
    clock.advanceTo(T + 5 * MINUTE)
    expect(titles()).toHaveLength(3)
    reminders.stop()
  })

  it('signed out over the start and back before the auto-cancel: "starting now" is told, the earlier ones skipped', () => {
    const { clock, reminders, account, titles } = alertsWithASession()
    account.signedIn = false
    clock.advanceTo(T + 2 * MINUTE)
    expect(titles()).toEqual([])
    account.signedIn = true
    reminders.refresh()
    clock.advance(LATE_SETTLE_MS)
    expect(titles()).toEqual(['Starting now: React list re-renders on every keystroke'])
    clock.advanceTo(T + 9 * MINUTE)
    expect(titles()).toHaveLength(1)
    reminders.stop()
  })
})
