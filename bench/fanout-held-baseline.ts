/**
 * A second bare socket.io baseline for the fan-out bench, printed after (never instead of) the
 * first: bare socket.io that holds its thread before its emits and after them for as long as the
 * platform's own work takes there (its durable write before the first send, the writes it defers
 * until after the sends), and sends each recipient the platform's event text (id, type, time and
 * digest around the invite). Against plain bare socket.io it says what a server doing no more than
 * that scores: a per-block p99 ratio follows the length of a side's rounds, since a longer round
 * meets more of the machine's stalls (a collection in the clients, a wait for a core), and the
 * 2nd-slowest of a block's hundred rounds is then more often one that met a stall. What the
 * platform scores beyond this line is its own tail. The hold spins (it allocates nothing), so it
 * leaves out the collections the platform's own work brings.
 */
import type { Invite } from '../src/shared/protocol'
import { formatBlocks, runBlocks, type BlockFigures, type BlockResult } from './blocks'
import { startBareSocketIo } from './bare-socket-io'
import type { FanOutSide } from './fanout-sides'

/** How long to hold the thread before the first emit and after the last, in ms. */
export interface Holds {
  readonly before: number
  readonly after: number
}

/**
 * The platform's own work around its sends, from the median of each phase of its writes
 * (WritePhases' summary, in the order the phases end): every phase up to its commit comes before
 * the first send, every phase after its sends ("delivered") comes after the last.
 */
export function holdsOf(summary: ReadonlyArray<{ readonly phase: string; readonly median: number }>): Holds {
  const committed = summary.findIndex((p) => p.phase === 'committed')
  const delivered = summary.findIndex((p) => p.phase === 'delivered')
  if (committed < 0 || delivered < committed) {
    throw new Error('holdsOf: the phases hold no commit followed by the sends')
  }
  const sum = (from: number, to: number): number =>
    summary.slice(from, to).reduce((total, p) => total + p.median, 0)
  return { before: sum(0, committed + 1), after: sum(delivered + 1, summary.length) }
}

// As long as a digest the platform signs its events with.
const DIGEST = '0'.repeat(32)

/**
 * The event the platform sends a recipient, with `sample` as its invite under a request id of the
 * bench's: the same members and about the same length, so the clients read as much.
 */
export function eventShaped(sample: Invite, requestId: string, recipient: number, eventId: number): object {
  const invite = { ...sample, id: `${requestId}-${recipient}`, request: { ...sample.request, id: requestId } }
  return { id: eventId, type: 'invite.created', at: sample.sentAt, payload: { invite }, digest: DIGEST }
}

/** Hold the thread for `ms`, doing nothing else. */
function hold(ms: number): void {
  const until = performance.now() + ms
  while (performance.now() < until);
}

/** The fan-out's sizes, as the main comparison runs it. */
export interface HeldSizes {
  readonly experts: number
  readonly fanOut: number
  readonly blocks: number
  readonly rounds: number
  readonly warmup: number
}

/**
 * Bare socket.io holding its thread for the platform's work around its sends (from `summary`, its
 * phases) while it emits the platform's event text to its own sockets in `raw`'s fleet, in
 * interleaved blocks against `raw`; returns the lines to print.
 */
export async function heldBaseline(
  raw: FanOutSide,
  sample: Invite,
  summary: Parameters<typeof holdsOf>[0],
  sizes: HeldSizes,
  measure: (side: FanOutSide, rounds: number) => Promise<BlockFigures>,
): Promise<ReadonlyArray<string>> {
  const { fleet } = raw
  const { fanOut } = sizes
  const holds = holdsOf(summary)
  const name = 'bare socket.io held, event text'
  const { io, url, close } = await startBareSocketIo()
  const auths = Array.from({ length: sizes.experts }, (_, index) => ({ index }))
  await fleet.connect(url, auths, 'ready', fanOut, { name })
  const held: FanOutSide = {
    fleet,
    send(round) {
      const requestId = `held-${round}`
      hold(holds.before)
      for (let i = 0; i < fanOut; i++) {
        io.to(`c${i}`).emit('platform-event', eventShaped(sample, requestId, i, round + 1))
      }
      hold(holds.after)
      return requestId
    },
  }
  await measure(held, sizes.warmup)
  const result = await runBlocks({
    ours: { name, run: () => measure(held, sizes.rounds) },
    baseline: { name: 'bare socket.io', run: () => measure(raw, sizes.rounds) },
    blocks: sizes.blocks,
  })
  await fleet.release(url)
  await close()
  return formatHeld(result, holds)
}

/** What the bench prints of `result`: what the held side did, then its ratios to bare socket.io. */
export function formatHeld(result: BlockResult, holds: Holds): ReadonlyArray<string> {
  return [
    `\n== A second baseline, beside the first (the target stays against plain bare socket.io): bare ` +
      `socket.io holding its thread ${holds.before.toFixed(2)} ms before its emits and ` +
      `${holds.after.toFixed(2)} ms after them (the platform's median work there), sending the ` +
      `platform's event text, against plain bare socket.io, ${result.blocks} interleaved blocks ==`,
    ...formatBlocks(result),
  ]
}
