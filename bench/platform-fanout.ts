/**
 * Fan-out bench: 1,000 expert sockets on one platform, a request fanned out to 100 of them; the
 * time from creating the request until the last of the 100 has the invite. Bare socket.io doing
 * the same fan-out with the same payload to its own 1,000 sockets runs in the same bench, in
 * short interleaved blocks (bench/blocks.ts), so both see the same machine load. Then where the
 * platform's time goes (per-phase timers inside its write), what each guarantee costs
 * (bench/fanout-guarantees.ts), and each server's memory per 1,000 sockets.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks'
import type { Invite } from '../src/shared/protocol'
import { blockHeadlines, formatBlocks, runBlocks, type BlockFigures } from './blocks'
import { ClientFleet } from './client-fleet'
import { platformSide, rawSide, type FanOutSide } from './fanout-sides'
import { guaranteeCosts } from './fanout-guarantee-costs'
import { heldBaseline } from './fanout-held-baseline'
import type { Headline } from './headline'
import { rssPerSockets } from './server-rss'
import { costPerRound, type RoundCost } from './server-cost'
import { threadWaits, waitedSince } from './core-waits'
import {
  formatCoreWaits,
  formatPauses,
  formatTailCauses,
  tailCauses,
  watchPauses,
  type Round,
} from './tail-causes'
import { formatPings, formatRoundParts } from './round-parts'
import { median, mib, ms, percentile } from './stats'
import { WritePhases } from './write-phases'

const EXPERTS = 1_000
const FAN_OUT = 100
const BLOCKS = 20
// A hundred, so that a block's p99 (by nearest rank) is its 99th round: with fifty it was its slowest.
const ROUNDS_PER_BLOCK = 100
const WARMUP = 20
// Many times a commit's median: a commit this long waited on the disk or for a core.
const SLOW_COMMIT_MS = 2

const now = (): number => performance.timeOrigin + performance.now()

let nextRound = 0

/** What `measure` also records, when asked. */
interface MeasureRecords {
  /** The platform's per-phase timers, told when each write is asked for. */
  readonly phases?: WritePhases
  /** How long each `send` itself took (for bare socket.io: its emits). */
  readonly sendTimes?: number[]
  /** Each round's times. */
  readonly rounds?: Round[]
}

/**
 * When a round's sends ran: for the platform, from its commit's mark to its sends' (its write goes
 * on after them); for bare socket.io, whose call is its emits, the whole call.
 */
function sendsOf(records: MeasureRecords, started: number, returned: number): Round['sends'] {
  if (records.phases === undefined) return { from: started, until: returned }
  const from = records.phases.latestAt('committed')
  const until = records.phases.latestAt('delivered')
  return from !== undefined && until !== undefined && from >= started ? { from, until } : undefined
}

/** `rounds` latencies of one side: request sent until its last recipient has it. */
export async function measure(
  side: FanOutSide,
  rounds: number,
  records: MeasureRecords = {},
): Promise<number[]> {
  const latencies: number[] = []
  for (let i = 0; i < rounds; i++) {
    // Read outside the timed span: the reads are not the round's.
    const waitsFrom = records.rounds && threadWaits(side.fleet.pid)
    records.phases?.calling()
    const started = now()
    const requestId = side.send(nextRound++)
    const returned = now()
    records.sendTimes?.push(returned - started)
    const { first, last, pings = [] } = await side.fleet.delivered(requestId)
    latencies.push(last - started)
    if (waitsFrom) {
      const waited = waitedSince(waitsFrom, side.fleet.pid)
      const sends = sendsOf(records, started, returned)
      const met = pings.filter((at) => at >= started && at <= last).length
      records.rounds?.push({ started, first, last, waited, sends, pings: met })
    }
  }
  return latencies
}

/** A block's figures: the p50 and p99 of its rounds. */
export function blockFigures(latencies: ReadonlyArray<number>): BlockFigures {
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99) }
}

/**
 * The same comparison with bare socket.io on both sides (a second server in this process, its
 * sockets in the same client process): what the ratios are when the two servers do exactly the
 * same work, so a ratio means something only beside this.
 */
async function noiseFloor(raw: FanOutSide, sample: Invite) {
  console.log(
    `\n== The ratios' noise floor: bare socket.io against a second bare socket.io (its own server, ` +
      `its sockets in the same client process), ${BLOCKS} interleaved blocks of ${ROUNDS_PER_BLOCK} rounds per side ==`,
  )
  const twin = await rawSide(EXPERTS, FAN_OUT, sample, raw.fleet, 'second bare socket.io')
  await twin.connect()
  await measure(twin, WARMUP)
  const side = (name: string, of: FanOutSide) => ({
    name,
    run: async () => blockFigures(await measure(of, ROUNDS_PER_BLOCK)),
  })
  const result = await runBlocks({
    ours: side('second bare socket.io', twin),
    baseline: side('bare socket.io', raw),
    blocks: BLOCKS,
  })
  await twin.close()
  return result
}

const row = (name: string, values: ReadonlyArray<number>): string =>
  `${name.padEnd(30)} p50 ${ms(percentile(values, 50)).padStart(10)}   p99 ${ms(percentile(values, 99)).padStart(10)}`

/** Run the fan-out bench, print its figures and return its headlines. */
export async function benchPlatformFanout(): Promise<ReadonlyArray<Headline>> {
  const rounds = BLOCKS * ROUNDS_PER_BLOCK
  console.log(
    `\n== Platform: one expert, request created -> invite on the expert's socket, ${rounds} rounds ==`,
  )
  const lone = new ClientFleet()
  const single = await platformSide(1, 1, lone)
  await single.connect()
  await measure(single, WARMUP)
  console.log(row('Standby platform, 1 expert', await measure(single, rounds)))
  await single.close()
  await lone.close()

  console.log(
    `\n== Platform fan-out: ${EXPERTS} expert sockets, a request to ${FAN_OUT} of them, ` +
      `${BLOCKS} interleaved blocks of ${ROUNDS_PER_BLOCK} rounds per side ==`,
  )
  // One process receives for every side: two client processes running the same code pause for
  // garbage collection differently enough to move a p99 ratio more than the servers do.
  const clients = new ClientFleet()
  const platform = await platformSide(EXPERTS, FAN_OUT, clients)
  await platform.connect()
  await measure(platform, WARMUP)
  const raw = await rawSide(EXPERTS, FAN_OUT, platform.sample(), clients)
  await raw.connect()
  await measure(raw, WARMUP)

  const all = { platform: [] as number[], raw: [] as number[], rawEmits: [] as number[] }
  const logs = { platform: [] as Round[], raw: [] as Round[] }
  const roundCosts = { platform: [] as RoundCost[], raw: [] as RoundCost[] }
  const phases = new WritePhases()
  const serverPauses = watchPauses()
  const blocksFrom = now()
  // A stall of the servers' event loop that no round's phases show (the WAL's upkeep runs between
  // them) would still hold the next round back.
  const loopDelay = monitorEventLoopDelay({ resolution: 1 })
  loopDelay.enable()
  const result = await runBlocks({
    ours: {
      name: 'Standby platform',
      run: async () => {
        phases.start()
        let latencies: number[] = []
        roundCosts.platform.push(
          await costPerRound(ROUNDS_PER_BLOCK, async () => {
            latencies = await measure(platform, ROUNDS_PER_BLOCK, { phases, rounds: logs.platform })
          }),
        )
        phases.stop()
        all.platform.push(...latencies)
        return blockFigures(latencies)
      },
    },
    baseline: {
      name: 'bare socket.io',
      run: async () => {
        let latencies: number[] = []
        roundCosts.raw.push(
          await costPerRound(ROUNDS_PER_BLOCK, async () => {
            latencies = await measure(raw, ROUNDS_PER_BLOCK, { sendTimes: all.rawEmits, rounds: logs.raw })
          }),
        )
        all.raw.push(...latencies)
        return blockFigures(latencies)
      },
    },
    blocks: BLOCKS,
    targets: { p50: 2.5, p99: 1.5 },
  })
  loopDelay.disable()
  for (const line of formatBlocks(result)) console.log(line)
  console.log(`all ${rounds} rounds of each side pooled:`)
  console.log(row('  bare socket.io (baseline)', all.raw))
  console.log(row('  Standby platform', all.platform))
  const pauses = serverPauses()
  console.log(`the slowest 1% of rounds, and the garbage-collection pauses they overlapped:`)
  console.log(formatTailCauses('Standby platform', tailCauses(logs.platform, platform.fleet.pauses, pauses)))
  console.log(formatTailCauses('bare socket.io', tailCauses(logs.raw, raw.fleet.pauses, pauses)))
  // A pause lands on whichever round is under way: a side whose rounds last longer meets more.
  const paused = (of: ReadonlyArray<Round>): string =>
    `${tailCauses(of, clients.pauses, [], 1).clientPause} of ${of.length}`
  console.log(
    `  every round, and the clients' pauses: ${paused(logs.platform)} of the platform's rounds overlapped one, ` +
      `${paused(logs.raw)} of bare socket.io's`,
  )
  console.log(
    formatPauses(
      "the clients' process",
      clients.pauses.filter((p) => p.start >= blocksFrom),
    ),
  )
  console.log(formatPauses("the servers' process", pauses))
  // After the pauses, not among them: a wait for a core is the other thing a slow round can be.
  console.log(formatCoreWaits('Standby platform', logs.platform))
  console.log(formatCoreWaits('bare socket.io', logs.raw))
  console.log(formatRoundParts('Standby platform', logs.platform))
  console.log(formatRoundParts('bare socket.io', logs.raw))
  console.log(formatPings('Standby platform', logs.platform))
  console.log(formatPings('bare socket.io', logs.raw))
  console.log(
    `what a round cost the servers' process (medians of blocks; CPU time of all its threads, ` +
      `bytes allocated on its heap, which its young-generation collections follow):`,
  )
  for (const [name, of] of [
    ['bare socket.io', roundCosts.raw],
    ['Standby platform', roundCosts.platform],
  ] as const) {
    console.log(
      `  ${name.padEnd(18)} CPU ${ms(median(of.map((c) => c.cpuMs))).padStart(9)}   ` +
        `allocated ${(median(of.map((c) => c.allocated)) / 1024).toFixed(0).padStart(5)} KB`,
    )
  }

  console.log(`\nWhere a platform fan-out's time goes (median per fan-out, share of their sum):`)
  for (const line of phases.lines()) console.log(line)
  console.log(
    `  (bare socket.io's ${FAN_OUT} emits, for comparison with "delivered": ${ms(median(all.rawEmits))})`,
  )
  const slowCommits = phases.over('committed', SLOW_COMMIT_MS)
  console.log(
    `  longest commit ${ms(phases.longest('committed'))} (${slowCommits.count} of ${slowCommits.of} ` +
      `over ${SLOW_COMMIT_MS} ms); the servers' event loop held up ` +
      `${ms(loopDelay.percentile(99) / 1e6)} at p99, ${ms(loopDelay.max / 1e6)} at most`,
  )

  const floor = await noiseFloor(raw, platform.sample())
  for (const line of formatBlocks(floor)) console.log(line)
  const sizes = {
    experts: EXPERTS,
    fanOut: FAN_OUT,
    blocks: BLOCKS,
    rounds: ROUNDS_PER_BLOCK,
    warmup: WARMUP,
  }
  const block = async (side: FanOutSide, n: number) => blockFigures(await measure(side, n))
  for (const line of await heldBaseline(raw, platform.sample(), phases.summary(), sizes, block))
    console.log(line)

  const costs = await guaranteeCosts(platform, measure, blockFigures)
  for (const line of costs) console.log(line)
  await raw.close()
  await platform.close()
  await clients.close()

  // Twice each, in turn, keeping the smaller: what a run leaves on the heap by chance only adds.
  const rss = { raw: [] as number[], platform: [] as number[] }
  for (let i = 0; i < 2; i++) {
    rss.raw.push(await rssPerSockets('raw', EXPERTS))
    rss.platform.push(await rssPerSockets('platform', EXPERTS))
  }
  const rawRss = Math.min(...rss.raw)
  const platformRss = Math.min(...rss.platform)
  console.log(
    `\nMemory per ${EXPERTS} connected sockets (each server alone in a child process: its RSS growth` +
      ` once they connected, after a full GC; the smaller of two runs):`,
  )
  console.log(`  bare socket.io                ${mib(rawRss)}`)
  console.log(`  Standby platform              ${mib(platformRss)}`)
  return [
    ...blockHeadlines('fan-out', result),
    ...blockHeadlines('fan-out noise floor', floor).filter((h) => h.unit === 'ratio'),
    { name: 'platform CPU per fan-out', value: median(roundCosts.platform.map((c) => c.cpuMs)), unit: 'ms' },
    { name: 'bare socket.io CPU per fan-out', value: median(roundCosts.raw.map((c) => c.cpuMs)), unit: 'ms' },
    {
      name: 'platform heap allocated per fan-out',
      value: median(roundCosts.platform.map((c) => c.allocated)),
      unit: 'bytes',
    },
    { name: `platform RSS per ${EXPERTS} sockets`, value: platformRss, unit: 'bytes' },
    { name: `bare socket.io RSS per ${EXPERTS} sockets`, value: rawRss, unit: 'bytes' },
  ]
}
