/**
 * Runs the guarantee modes of bench/fanout-guarantees.ts against a live platform in interleaved
 * blocks, plus the platform itself with synchronous=FULL, and prints what each one changes.
 */
import type Database from 'better-sqlite3'
import type { BlockFigures } from './blocks'
import type { FanOutSide } from './fanout-sides'
import { ALL_GUARANTEES, guaranteeModel, type Guarantees } from './fanout-guarantees'
import type { Invite } from '../src/shared/protocol'
import type { Server } from 'socket.io'
import { median, ms } from './stats'

const BLOCKS = 10
const ROUNDS_PER_BLOCK = 25
/** Where the full copy sits in the list of sides (after the platform's two). */
const COPY = 2

/** The platform as the modes need it. */
interface LivePlatform extends FanOutSide {
  readonly server: { readonly io: Server; readonly marketplace: { readonly db: Database.Database } }
  readonly expertIds: ReadonlyArray<string>
  sample(): Invite
}

const MODES: ReadonlyArray<[string, string, Partial<Guarantees>]> = [
  ['copy, every guarantee', 'the baseline of the rows below', {}],
  ['  emitted before durable', 'what waiting for the commit costs', { durableBeforeEmit: false }],
  ['  ids not gapless', 'writing the events in the invites\u2019 transaction', { gaplessIds: false }],
  ['  no digest chain', 'the digests', { digestChain: false }],
  ['  no per-expert stream', 'one event per expert, in its order', { perExpertStream: false }],
]

/** Print lines for each mode's median p50 and p99 over its blocks, and the change from the full copy. */
export async function guaranteeCosts(
  platform: LivePlatform,
  measure: (side: FanOutSide, rounds: number) => Promise<number[]>,
  figures: (latencies: ReadonlyArray<number>) => BlockFigures,
): Promise<ReadonlyArray<string>> {
  const { db } = platform.server.marketplace
  const io = platform.server.io
  const model = guaranteeModel(db, io, platform.expertIds, platform.sample().request)
  const side = (g: Guarantees): FanOutSide => ({ fleet: platform.fleet, send: (r) => model.send(r, g) })
  const sides: Array<[string, string, () => Promise<BlockFigures>]> = [
    [
      'platform, synchronous=NORMAL',
      'as it runs',
      async () => figures(await measure(platform, ROUNDS_PER_BLOCK)),
    ],
    [
      'platform, synchronous=FULL',
      'an fsync per commit',
      async () => {
        db.pragma('synchronous = FULL')
        try {
          return figures(await measure(platform, ROUNDS_PER_BLOCK))
        } finally {
          db.pragma('synchronous = NORMAL')
        }
      },
    ],
    ...MODES.map(([name, what, off]): [string, string, () => Promise<BlockFigures>] => [
      name,
      what,
      async () => figures(await measure(side({ ...ALL_GUARANTEES, ...off }), ROUNDS_PER_BLOCK)),
    ]),
  ]
  for (const [, , run] of sides) await run()
  const results = sides.map((): BlockFigures[] => [])
  for (let block = 0; block < BLOCKS; block++) {
    // A different side first in each block, so drift does not always land on the same one.
    for (let k = 0; k < sides.length; k++) {
      const i = (block + k) % sides.length
      results[i]?.push(await (sides[i]?.[2] as () => Promise<BlockFigures>)())
    }
  }
  const med = (i: number, f: string): number => median((results[i] ?? []).map((b) => b[f] ?? Number.NaN))
  // Each row is compared with the row it drops something from: FULL with NORMAL, a mode with the full copy.
  const against = (i: number): number | undefined => (i === 1 ? 0 : i > COPY ? COPY : undefined)
  const lines = [
    `\nWhat each guarantee costs (medians over ${BLOCKS} interleaved blocks of ${ROUNDS_PER_BLOCK} rounds; the copy is` +
      ` bench/fanout-guarantees.ts, each row below it drops one guarantee):`,
  ]
  sides.forEach(([name, what], i) => {
    const base = against(i)
    const delta = (f: string): string => (base === undefined ? '' : ` (${signed(med(i, f) - med(base, f))})`)
    lines.push(
      `  ${name.padEnd(30)} p50 ${ms(med(i, 'p50')).padStart(9)}${delta('p50').padEnd(12)} ` +
        `p99 ${ms(med(i, 'p99')).padStart(9)}${delta('p99').padEnd(12)} ${what}`,
    )
  })
  return lines
}

const signed = (value: number): string => `${value >= 0 ? '+' : '\u2212'}${ms(Math.abs(value))}`
