/**
 * The WAL frames the platform writes per fan-out, counted rather than timed, so that two builds
 * compare on a busy machine: 1,000 experts, fan-outs of 100, once with only 100 of them matching
 * (the same experts every fan-out, as in the platform-fanout bench) and once with all 1,000
 * matching (the matching order then invites each in turn, as a platform with more experts than one
 * fan-out does). Each expert's stream has about 200 events first. Run it on two builds to compare
 * them: `npx tsx bench/fanout-wal-frames.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { cpuUsage } from 'node:process'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { ManualClock } from '../src/shared/clock'
import { openPlatformDatabase } from '../server/src/db/open-database'
import { MemoryLogger } from '../server/src/logger'
import { Marketplace } from '../server/src/marketplace/marketplace'

const EXPERTS = 1_000
const FAN_OUT = 100
/** Fan-outs before the count: about 200 events in each matching expert's stream. */
const WARMUP_EVENTS_PER_EXPERT = 200
const COUNTED = 200

/** Frames and CPU per counted fan-out with `matching` of the experts matching every request. */
function framesPerFanOut(matching: number): { frames: number; cpuMs: number } {
  const dir = mkdtempSync(join(tmpdir(), 'standby-wal-frames-'))
  const db = openPlatformDatabase(join(dir, 'platform.db'))
  try {
    // No checkpoint but the counting ones: the WAL then holds exactly the frames written between.
    db.pragma('wal_autocheckpoint = 0')
    const clock = new ManualClock(Date.UTC(2026, 0, 5, 9))
    const marketplace = new Marketplace(db, clock, new MemoryLogger())
    for (let i = 0; i < EXPERTS; i++) {
      const tags = [i < matching ? 'match' : 'other']
      marketplace.createExpert({
        name: `E${i}`,
        email: `e${i}@x.test`,
        passwordHash: 'x',
        timeZone: 'UTC',
        tags,
      })
    }
    const clientId = marketplace.createClient({ name: 'Client', timeZone: 'UTC' })
    const fanOut = (): void => {
      marketplace.createRequest({
        clientId,
        title: 'Help',
        kind: 'instant',
        tags: ['match'],
        fanOut: FAN_OUT,
      })
      clock.advance(10)
    }
    for (let i = 0; i < (WARMUP_EVENTS_PER_EXPERT * matching) / FAN_OUT; i++) fanOut()
    // Every frame so far copied back: the next write starts the WAL over, so its size counts from here.
    db.pragma('wal_checkpoint(TRUNCATE)')
    const before = cpuUsage()
    for (let i = 0; i < COUNTED; i++) fanOut()
    const cpu = cpuUsage(before)
    const [{ log }] = db.pragma('wal_checkpoint(PASSIVE)') as [{ log: number }]
    return { frames: log / COUNTED, cpuMs: (cpu.user + cpu.system) / 1_000 / COUNTED }
  } finally {
    db.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

console.log(`load average ${loadavg()[0]?.toFixed(1)}; ${EXPERTS} experts, fan-outs of ${FAN_OUT}`)
for (const matching of [FAN_OUT, EXPERTS]) {
  const { frames, cpuMs } = framesPerFanOut(matching)
  console.log(`${matching} matching: ${frames.toFixed(1)} WAL frames per fan-out, ${cpuMs.toFixed(2)} ms CPU`)
}
