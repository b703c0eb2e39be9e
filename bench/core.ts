/**
 * Core benches, with the core in a child process and the platform in this one:
 *  - invite → notifier latency for one expert on loopback, beside bare socket.io delivering the
 *    same invite payload to one client;
 *  - reconnect after a platform restart: time from the platform listening again until the core
 *    is caught up and online (median of 10);
 *  - the core's RSS, idle and online, with 10,000 cached sessions.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Invite } from '../src/shared/protocol'
import {
  blockHeadlines,
  formatBlocks,
  latencySide,
  runBlocks,
  type BlockResult,
  type LatencySide,
} from './blocks'
import { startBareSocketIo } from './bare-socket-io'
import { WritePhases } from './write-phases'
import { ClientFleet } from './client-fleet'
import { CoreChild, expertOn, isOnline, now, platform, type ChildMessage, type Platform } from './core-host'
import { CACHED_SESSIONS, idleRss, type RssFigures } from './core-rss'
import type { Headline } from './headline'
import { median, mib, ms, percentile } from './stats'

const BLOCKS = 15
// 600 rounds a side: the p99 is then the sixth slowest round, not the third, and moves less from run to run.
const ROUNDS_PER_BLOCK = 40
const RESTARTS = 10

/** Rounds run before the blocks: they warm the path and give the baseline a real invite to send. */
const WARMUP_ROUNDS = 20

/** A core online as its own expert, and one invite round: request created → the core's notifier shows it. */
async function standbyInvites(
  p: Platform,
  dir: string,
): Promise<{
  round: (index: number) => Promise<number>
  sample: Invite
  cpuMicros: () => Promise<number>
  /** From now on, keep (or not) where each round's time went. */
  keepParts: (keep: boolean) => void
  parts: ReadonlyArray<RoundParts>
  stop: () => Promise<void>
}> {
  const expert = await expertOn(p)
  const core = new CoreChild()
  await core.start(p, expert, join(dir, 'latency'))
  let sample: Invite | undefined
  const phases = new WritePhases()
  phases.start()
  const parts: RoundParts[] = []
  let keeping = false
  const round = async (index: number): Promise<number> => {
    const title = `Latency ${index}`
    const shown = core.next(
      (m): m is Extract<ChildMessage, { type: 'notified' }> =>
        m.type === 'notified' && m.title.endsWith(title),
    )
    const started = now()
    phases.calling()
    const { request } = p.server.marketplace.createRequest({
      clientId: expert.clientId,
      title,
      description: 'A request of ordinary size: a few sentences describing what is wrong and what was tried.',
      kind: 'instant',
      direct: { expertId: expert.id, via: 'dashboard' },
    })
    const split = phases.lastSplitAt('delivered')
    const { at, receivedAt } = await shown
    if (keeping && split !== undefined) {
      const sentAt = started + split.until
      parts.push({
        sent: split.until,
        afterSending: split.after,
        wire: receivedAt - sentAt,
        core: at - receivedAt,
      })
    }
    sample ??= {
      id: 'inv_sample',
      request,
      reason: 'direct_dashboard',
      sentAt: started,
      expiresAt: started + 300_000,
      state: 'open',
    }
    return at - started
  }
  for (let i = 0; i < WARMUP_ROUNDS; i++) await round(-1 - i)
  return {
    round,
    sample: sample as Invite,
    cpuMicros: () => core.cpuMicros(),
    keepParts: (keep) => (keeping = keep),
    parts,
    async stop() {
      phases.stop()
      await core.stop()
    },
  }
}

/**
 * Where one Standby round's time went, from the platform's and the core's own marks: until the
 * platform handed the invite to its socket (input checks, the transaction, the emit); the wire,
 * until the core's socket had it (both ends read the machine's wall clock); and the core, until
 * its notifier. Beside them, the platform's work after sending (its lookups, in a transaction of
 * their own), which holds the platform's process while the invite travels.
 */
interface RoundParts {
  readonly sent: number
  readonly afterSending: number
  readonly wire: number
  readonly core: number
}

/** Bare socket.io with one client in a child process, and one round: emit `sample` → the client has it. */
async function rawInvites(
  sample: Invite,
): Promise<{ round: (index: number) => Promise<number>; stop: () => Promise<void> }> {
  const { io, url, close } = await startBareSocketIo()
  const fleet = new ClientFleet()
  await fleet.connect(url, [{ index: 0 }], 'ready', 1)
  const round = async (index: number): Promise<number> => {
    const requestId = `raw-${index}`
    const started = now()
    const delivered = fleet.delivered(requestId)
    io.to('c0').emit('invite', { ...sample, request: { ...sample.request, id: requestId } })
    const { last } = await delivered
    return last - started
  }
  for (let i = 0; i < WARMUP_ROUNDS; i++) await round(-1 - i)
  return {
    round,
    async stop() {
      await fleet.close()
      await close()
    },
  }
}

/** Both sides up at once, measured in interleaved blocks. */
async function inviteLatency(
  p: Platform,
  dir: string,
): Promise<{
  result: BlockResult
  ours: LatencySide
  raw: LatencySide
  cpuPerInvite: number
  parts: ReadonlyArray<RoundParts>
}> {
  const standby = await standbyInvites(p, dir)
  const bare = await rawInvites(standby.sample)
  try {
    const measured = latencySide('Standby, request -> notifier', ROUNDS_PER_BLOCK, standby.round)
    const ours: LatencySide = {
      ...measured,
      run(block) {
        standby.keepParts(block >= 0)
        return measured.run(block)
      },
    }
    const raw = latencySide('bare socket.io, emit -> client', ROUNDS_PER_BLOCK, bare.round)
    // The core is idle during the baseline's blocks, so its CPU time over the run is the invites'.
    const cpuBefore = await standby.cpuMicros()
    const result = await runBlocks({ ours, baseline: raw, blocks: BLOCKS })
    const cpuPerInvite = (await standby.cpuMicros()) - cpuBefore
    return { result, ours, raw, cpuPerInvite: cpuPerInvite / 1000 / ours.all.length, parts: standby.parts }
  } finally {
    await bare.stop()
    await standby.stop()
  }
}

async function reconnects(p: Platform, dir: string): Promise<number[]> {
  const expert = await expertOn(p)
  const core = new CoreChild()
  await core.start(p, expert, join(dir, 'reconnect'))
  const times: number[] = []
  for (let i = 0; i < RESTARTS; i++) {
    const back = core.next(isOnline)
    const listening = await p.restart()
    // Something happened while it was down, so "resynced" includes a replay.
    p.server.marketplace.createRequest({
      clientId: expert.clientId,
      title: `While down ${i}`,
      kind: 'instant',
      direct: { expertId: expert.id, via: 'dashboard' },
    })
    const { at } = await back
    times.push(at - listening)
  }
  await core.stop()
  return times
}

/** Run the core benches, print their figures and return the headline ones. */
export async function benchCore(): Promise<ReadonlyArray<Headline>> {
  const dir = mkdtempSync(join(tmpdir(), 'standby-core-bench-'))
  const p = await platform(dir)
  try {
    console.log(
      `\n== Core: invite created on the platform -> notifier in the app's core, one expert, ${BLOCKS} blocks of ${ROUNDS_PER_BLOCK} rounds per side ==`,
    )
    const { result, ours, raw, cpuPerInvite, parts } = await inviteLatency(p, dir)
    for (const line of formatBlocks(result)) console.log(line)
    const row = (name: string, values: ReadonlyArray<number>): string =>
      `${name.padEnd(42)} p50 ${ms(percentile(values, 50)).padStart(10)}   p99 ${ms(percentile(values, 99)).padStart(10)}`
    console.log(`all ${ours.all.length} rounds of each side:`)
    console.log(row(raw.name, raw.all))
    console.log(row(ours.name, ours.all))
    const p99 = percentile(ours.all, 99)
    const rawP99 = percentile(raw.all, 99)
    console.log(
      `(target: p99 < 3 ms: ${p99 < 3 ? 'met' : 'NOT met'}; the Standby figure includes the platform's transaction and the core's SQLite apply)`,
    )
    // The baseline is one hop of the same kind on the same machine: when its own tail passes the
    // target, the run says more about the machine's wake-ups than about Standby.
    if (rawP99 >= 3)
      console.log(
        `(in this run bare socket.io's own p99 was ${ms(rawP99)}: this machine's scheduling alone passes the target)`,
      )
    console.log(
      `the core's CPU time per invite (parse, SQLite apply, mark, notify, the window's push): ${ms(cpuPerInvite)}`,
    )
    console.log(
      `where each Standby round's time went (${parts.length} rounds, from the two ends' own marks):`,
    )
    const parted: ReadonlyArray<[string, (r: RoundParts) => number]> = [
      ['  the platform, until it sent the invite', (r) => r.sent],
      ['  the wire, until the core had it', (r) => r.wire],
      ['  the core, until its notifier', (r) => r.core],
      ['  (the platform after sending: lookups)', (r) => r.afterSending],
    ]
    for (const [name, part] of parted) console.log(row(name, parts.map(part)))

    console.log(
      `\n== Core: reconnect after a platform restart, until caught up and online (${RESTARTS} restarts) ==`,
    )
    const times = await reconnects(p, dir)
    console.log(
      `median ${ms(median(times))}   max ${ms(Math.max(...times))}   (target: median < 2 s; the first retry waits 0.75–1 s by design)`,
    )

    console.log(
      `\n== Core: RSS, idle and online, with ${CACHED_SESSIONS.toLocaleString('en')} cached sessions ==`,
    )
    const { steady, firstSignIn } = await idleRss(p, dir)
    const rssRow = (name: string, figures: RssFigures): string =>
      `${name.padEnd(62)} ${mib(figures.before)} -> ${mib(figures.after)}   (+${mib(figures.after - figures.before)})`
    console.log('bare Node process (with the tsx loader) before the core starts -> with the core online')
    console.log(rssRow('starting on its cache, caught up', steady))
    console.log(rssRow(`first sign-in, cache rebuilt from the platform's snapshot`, firstSignIn))
    console.log('(target: at most 40 MiB above the bare process)')
    return [
      ...blockHeadlines('invite -> notifier', result),
      { name: 'invite -> notifier p99, Standby, all rounds', value: p99, unit: 'ms' },
      { name: 'invite -> notifier p99, bare socket.io, all rounds', value: rawP99, unit: 'ms' },
      { name: "the core's CPU time per invite", value: cpuPerInvite, unit: 'ms' },
      { name: 'reconnect median', value: median(times), unit: 'ms' },
      {
        name: 'RSS above the bare process, on its cache',
        value: steady.after - steady.before,
        unit: 'bytes',
      },
      {
        name: 'RSS above the bare process, first sign-in',
        value: firstSignIn.after - firstSignIn.before,
        unit: 'bytes',
      },
    ]
  } finally {
    await p.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
