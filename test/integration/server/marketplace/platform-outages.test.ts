/**
 * The platform's own downtime as it keeps it: from a stop on purpose, or from its last mark of
 * being alive when it crashed, to its next start; none when the clock reads earlier at start.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { openPlatformDatabase } from '../../../../server/src/db/open-database'
import { MemoryLogger } from '../../../../server/src/logger'
import { Marketplace } from '../../../../server/src/marketplace/marketplace'
import { ALIVE_MARK_EVERY_MS } from '../../../../server/src/marketplace/platform-outages'
import { ManualClock } from '../../../../src/shared/clock'

const T0 = Date.UTC(2026, 11, 1, 12)
const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A platform database in a temp folder, opened by `run` as a new process of the platform would. */
function platformFile() {
  const dir = mkdtempSync(join(tmpdir(), 'standby-outages-'))
  dirs.push(dir)
  const path = join(dir, 'platform.db')
  return (clock: ManualClock) => {
    const db = openPlatformDatabase(path)
    return { db, marketplace: new Marketplace(db, clock, new MemoryLogger()) }
  }
}

it('keeps no outage at the first start, and the span from a stop on purpose to the next start', () => {
  const open = platformFile()
  const clock = new ManualClock(T0)
  const first = open(clock)
  expect(first.marketplace.started()).toBeNull()
  clock.advance(5 * 60_000)
  first.marketplace.stopping()
  first.db.close()

  clock.advance(20 * 60_000)
  const second = open(clock)
  expect(second.marketplace.started()).toEqual({ from: T0 + 5 * 60_000, until: T0 + 25 * 60_000 })
  second.db.close()
})

it('counts a crash’s outage from the last mark of being alive, which a running platform writes every so often', () => {
  const open = platformFile()
  const clock = new ManualClock(T0)
  const first = open(clock)
  first.marketplace.started()
  clock.advance(ALIVE_MARK_EVERY_MS)
  first.marketplace.sweep()
  const lastMark = clock.now()
  clock.advance(ALIVE_MARK_EVERY_MS - 1)
  first.marketplace.sweep()
  // No stopping(): the process was killed.
  first.db.close()

  clock.advance(60_000)
  const second = open(clock)
  expect(second.marketplace.started()).toEqual({ from: lastMark, until: clock.now() })
  second.db.close()
})

it('keeps no outage when the clock at start reads earlier than the platform was last seen running', () => {
  const open = platformFile()
  const clock = new ManualClock(T0)
  const first = open(clock)
  first.marketplace.started()
  first.marketplace.stopping()
  first.db.close()

  const second = open(new ManualClock(T0 - 3_600_000))
  expect(second.marketplace.started()).toBeNull()
  second.db.close()
})
