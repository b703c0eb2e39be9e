/**
 * What a plan of the reminders costs the main process while the platform's time is still a guess
 * (a start or a wake before the platform answers), against a plan by a measured time, with many
 * sessions booked. Run: `npx tsx bench/reminders-time-wait.ts [booked]`. Prints figures only;
 * the machine is shared, so the two kinds of plan are run interleaved and compared by median.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { PlatformClock } from '../src/main/core/platform-clock/platform-clock'
import { ReminderScheduler } from '../src/main/core/reminders/reminder-scheduler'
import { openCache } from '../src/main/db/open-cache'
import { SqliteCacheStore } from '../src/main/db/sqlite-cache-store'
import { createPowerHook } from '../src/main/node/adapters/power-hook'
import { createRecordingNotifier } from '../src/main/node/adapters/recording-notifier'
import { ManualClock } from '../src/shared/clock'
import { aScheduledRequest, aSession, FIXTURE_NOW, MINUTE, sessionUpdated } from '../test/support/fixtures'
import { median } from './stats'

const booked = Number(process.argv[2] ?? 10_000)
const rounds = 7
const log = { info: () => {}, warn: () => {}, error: () => {} }
const dir = mkdtempSync(join(tmpdir(), 'standby-reminder-bench-'))
try {
  const { db } = openCache({ path: join(dir, 'cache.db') })
  const store = new SqliteCacheStore(db, log)
  // Booked over the coming weeks, a few an hour, as a busy expert's calendar would hold them.
  const events = Array.from({ length: booked }, (_, i) => {
    const bookedStart = FIXTURE_NOW + 60 * MINUTE + i * 7 * MINUTE
    const request = aScheduledRequest(`req_${i}`, bookedStart)
    const session = aSession({ id: `ses_${i}`, request, kind: 'scheduled', bookedStart, state: 'booked' })
    return sessionUpdated(i + 1, { ...session, updatedAt: FIXTURE_NOW })
  })
  for (let i = 0; i < events.length; i += 1000) store.applyEvents(events.slice(i, i + 1000))

  /** One scheduler's first plan: by a guess (no answer from the platform yet) or by a measured time. */
  const firstPlan = (measured: boolean): number => {
    const clock = new ManualClock(FIXTURE_NOW)
    const power = createPowerHook()
    const platform = new PlatformClock(clock, power, log)
    if (measured)
      for (let i = 0; i < 2; i++) {
        const reading = platform.reading()
        platform.record({ sent: reading, received: reading, serverTime: clock.now() })
      }
    const scheduler = new ReminderScheduler({
      clock: platform,
      cache: store,
      notifier: createRecordingNotifier(),
      power,
      log,
      enabled: () => true,
      firstMeasureWait: () => platform.firstMeasureWait(),
      timeMeasured: () => platform.measuredSurely(),
    })
    const began = performance.now()
    scheduler.start()
    const took = performance.now() - began
    scheduler.stop()
    return took
  }

  const byGuess: number[] = []
  const byMeasure: number[] = []
  firstPlan(false)
  firstPlan(true)
  for (let i = 0; i < rounds; i++) {
    byGuess.push(firstPlan(false))
    byMeasure.push(firstPlan(true))
  }
  const fmt = (xs: number[]): string =>
    `median ${median(xs).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms`
  console.log(`${booked} booked sessions, ${rounds} interleaved rounds`)
  console.log(`first plan while the time is a guess: ${fmt(byGuess)}`)
  console.log(`first plan by a measured time:        ${fmt(byMeasure)}`)
  db.close()
} finally {
  rmSync(dir, { recursive: true, force: true })
}
