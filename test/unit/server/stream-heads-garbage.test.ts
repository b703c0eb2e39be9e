import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import type { ExpertEventLookup } from '../../../server/src/expert-event-lookup'
import { StreamHeads } from '../../../server/src/stream-heads'

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as (options?: { type: 'minor' | 'major' }) => void

const oldSpaceUsed = (): number =>
  getHeapSpaceStatistics().find((space) => space.space_name === 'old_space')?.space_used_size ?? 0

describe('StreamHeads and the young-generation collector', () => {
  // A Map emptied with clear() keeps a link from its old table to the new one. Once the Map has
  // lived long enough to be old, every fan-out's notes (and the tables after them) stayed
  // reachable for each scavenge through that chain, and were copied and promoted until a full
  // collection: the platform's scavenges carried every fan-out's notes of where its streams stood.
  it('lets each transaction’s notes die young once the transaction ended', () => {
    const lookup = { newestId: () => 0, newestDigestOf: () => undefined } as unknown as ExpertEventLookup
    const heads = new StreamHeads(lookup, 'epoch')
    const experts = Array.from({ length: 100 }, (_, i) => `expert-${i}`)
    const fanOut = (round: number): void => {
      for (const expert of experts) {
        const id = heads.nextId(expert)
        heads.signed(expert, `${round}-${id}-${expert}`.padEnd(64, '0'))
      }
      heads.transactionEnded()
    }
    for (let round = 0; round < 10; round++) fanOut(round)
    // Everything so far is old now, the heads' own Maps included, as in a platform that has run a while.
    gc()
    gc()
    const before = oldSpaceUsed()
    for (let round = 10; round < 210; round++) {
      fanOut(round)
      gc({ type: 'minor' })
    }
    // Only the newest id and digest of each of the hundred streams are still needed.
    expect(oldSpaceUsed() - before).toBeLessThan(1024 * 1024)
  })
})
