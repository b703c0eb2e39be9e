/**
 * Reconnect storm: a platform restart with many app cores connected. The platform runs in its
 * own process; the cores (each the runtime the hosts start, with its own SQLite cache file and
 * the link's own backoff and jitter) are spread over a few child processes. The platform stops,
 * and starts again in a new process on the same port and database with an invite for every
 * expert added while it was down; the bench measures, from the moment it listens again, how long
 * until each core's cursor is the platform's latest id for its expert, and samples the new
 * platform process's CPU and RSS meanwhile. `--cores N` and `--fleets N` set the counts;
 * `--down-ms N` keeps the platform down that much longer.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Headline } from './headline'
import { TypedChild } from './typed-child'
import type { StormCoresMessage, StormCoresReport, StormExpert } from './storm-cores'
import type { StormPlatformMessage, StormPlatformReport } from './storm-platform'
import { mib, ms, percentile } from './stats'

const DEFAULT_CORES = 1_000
const DEFAULT_FLEETS = 4
const TARGET_MS = 5_000
/** How long the bench waits for every core before it reports the ones still behind. */
const GIVE_UP_MS = 60_000
const SAMPLE_EVERY_MS = 100

type Platform = TypedChild<StormPlatformMessage, StormPlatformReport>
type Fleet = TypedChild<StormCoresMessage, StormCoresReport>

/** The value of `--name N` on the command line, or `fallback`. */
function flag(name: string, fallback: number, least = 1): number {
  const at = process.argv.indexOf(`--${name}`)
  const value = at < 0 ? fallback : Number(process.argv[at + 1])
  if (!Number.isInteger(value) || value < least) {
    console.log(`  --${name} wants a whole number of at least ${least}; using ${fallback}.`)
    return fallback
  }
  return value
}

function slices<T>(items: ReadonlyArray<T>, parts: number): ReadonlyArray<ReadonlyArray<T>> {
  const size = Math.ceil(items.length / parts)
  return Array.from({ length: parts }, (_, i) => items.slice(i * size, (i + 1) * size)).filter(
    (s) => s.length > 0,
  )
}

/** A platform process, loaded and waiting for its start message. */
async function loadedPlatform(children: Array<() => Promise<void>>): Promise<Platform> {
  const platform: Platform = new TypedChild('./storm-platform.ts')
  children.push(() => platform.stop({ type: 'stop' }))
  await platform.next('ready', GIVE_UP_MS)
  return platform
}

/** Run the storm and print its figures; returns the headline figures. */
export async function benchReconnectStorm(): Promise<ReadonlyArray<Headline>> {
  const cores = flag('cores', DEFAULT_CORES)
  const fleetCount = Math.min(cores, flag('fleets', DEFAULT_FLEETS))
  const downMs = flag('down-ms', 0, 0)
  console.log(
    `\n== Reconnect storm: a platform restart with ${cores.toLocaleString('en-US')} app cores connected (${fleetCount} processes of cores) ==`,
  )
  const dir = mkdtempSync(join(tmpdir(), 'standby-bench-storm-'))
  const dbPath = join(dir, 'platform.db')
  const children: Array<() => Promise<void>> = []
  try {
    const first = await loadedPlatform(children)
    const firstListening = first.next('listening', GIVE_UP_MS)
    first.send({ type: 'start', dbPath, port: 0, createExperts: cores })
    const { url, port, experts } = await firstListening
    const fleets = slices(experts, fleetCount).map((slice, i) => {
      const fleet: Fleet = new TypedChild('./storm-cores.ts')
      children.push(() => fleet.stop({ type: 'stop' }))
      return { fleet, slice, dir: join(dir, `fleet-${i}`) }
    })
    const startedAt = performance.now()
    await Promise.all(
      fleets.map(async ({ fleet, slice, dir: fleetDir }) => {
        const online = fleet.next('online', 10 * GIVE_UP_MS)
        fleet.send({ type: 'start', platformUrl: url, experts: slice as StormExpert[], dir: fleetDir })
        await online
      }),
    )
    console.log(`  all cores online and caught up in ${ms(performance.now() - startedAt)} from a cold start`)

    // The new process is loaded before the old one stops, as a supervisor's restart would be.
    const platform = await loadedPlatform(children)
    platform.send({ type: 'sample', everyMs: SAMPLE_EVERY_MS })
    const stoppedAt = performance.timeOrigin + performance.now()
    await first.stop({ type: 'stop' })
    const closedAt = performance.timeOrigin + performance.now()
    // A longer outage (`--down-ms`) shows how far the backoff has grown by the time it is back.
    await new Promise((resolve) => setTimeout(resolve, downMs))
    const listening = platform.next('listening', GIVE_UP_MS)
    platform.send({ type: 'start', dbPath, port, whileDown: experts.map((e) => e.id) })
    const { at: listeningAt, latest, invitesMs } = await listening
    const reports = await Promise.all(
      fleets.map(async ({ fleet }) => {
        const caughtUp = fleet.next('caught-up', GIVE_UP_MS)
        fleet.send({ type: 'targets', latest })
        return caughtUp.catch(() => {
          const partial = fleet.next('caught-up', GIVE_UP_MS)
          fleet.send({ type: 'report' })
          return partial
        })
      }),
    )
    const usage = platform.next('usage', GIVE_UP_MS)
    platform.send({ type: 'usage' })
    const { peakCpu, cpuMs, peakRss, peakArrivals, arrivals } = await usage

    const times = reports.flatMap((r) => r.at.map((at) => at - listeningAt))
    const behind = reports.flatMap((r) => r.behind)
    const maxAttempts = Math.max(...reports.map((r) => r.maxAttempts))
    const reasons = new Map<string, number>()
    for (const r of reports)
      for (const [reason, n] of Object.entries(r.reasons)) reasons.set(reason, (reasons.get(reason) ?? 0) + n)
    const coresCpuMs = reports.reduce((sum, r) => sum + r.cpuMs, 0)
    const fleetRss = Math.max(...reports.map((r) => r.rss))
    const p50 = percentile(times, 50)
    const p90 = percentile(times, 90)
    const max = times.length === 0 ? Number.NaN : Math.max(...times)
    console.log(
      `  platform down for ${ms(listeningAt - stoppedAt)}: the old process closing ${ms(closedAt - stoppedAt)}, then a new one on the same port and database adding an invite for every expert ${ms(invitesMs)} and starting to listen`,
    )
    console.log(
      `  from the platform listening again until a core's cursor is its expert's latest id: p50 ${ms(p50)}  p90 ${ms(p90)}  max ${ms(max)}` +
        `  (target: all < ${ms(TARGET_MS)}: ${behind.length === 0 && max < TARGET_MS ? 'met' : 'NOT met'})`,
    )
    if (behind.length > 0)
      console.log(
        `  ${behind.length} cores still behind after ${ms(GIVE_UP_MS)}: ${behind.slice(0, 5).join('; ')}…`,
      )
    console.log(
      `  connections the platform accepted: ${arrivals}, at most ${peakArrivals} within one ${SAMPLE_EVERY_MS} ms; most attempts by one core before it was back: ${maxAttempts}; why cores waited:`,
    )
    for (const [reason, n] of [...reasons].sort((a, b) => b[1] - a[1]))
      console.log(`    ${String(n).padStart(6)} × ${reason}`)
    console.log(
      `  platform process meanwhile: peak CPU ${peakCpu.toFixed(0)} % of one core (over ${SAMPLE_EVERY_MS} ms samples), ${ms(cpuMs)} of CPU in all, peak RSS ${mib(peakRss)}`,
    )
    console.log(
      `  core processes from then until the report: ${ms(coresCpuMs)} of CPU in all (${ms(coresCpuMs / cores)} a core); largest: RSS ${mib(fleetRss)} for about ${Math.ceil(cores / fleetCount)} cores; load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ')}`,
    )
    return [
      { name: 'catch-up p50', value: p50, unit: 'ms' },
      { name: 'catch-up p90', value: p90, unit: 'ms' },
      { name: 'catch-up max', value: max, unit: 'ms' },
      { name: 'cores behind', value: behind.length, unit: 'count' },
      { name: 'peak arrivals per sample', value: peakArrivals, unit: 'count' },
      { name: 'platform peak CPU', value: peakCpu, unit: 'percent' },
      { name: 'platform peak RSS', value: peakRss, unit: 'bytes' },
    ]
  } catch (error) {
    console.log(`  reconnect storm bench failed: ${error instanceof Error ? error.message : String(error)}`)
    return []
  } finally {
    for (const stop of children.reverse()) await stop()
    rmSync(dir, { recursive: true, force: true })
  }
}
