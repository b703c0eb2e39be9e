/**
 * Run by test/unit/server/allocation-sites.test.ts with `node --import tsx --expose-gc` and a
 * young generation at its largest from the start (V8 moves a site's objects to the old generation
 * only then). Starts the platform, then makes objects at one place in the code as a storm of
 * connections and then a run of fan-outs do: first records kept for good, then records each
 * pointing at its own young text and dropped at once, a scavenge after each send. Prints how much
 * the old generation grew over the sends, in bytes, as one JSON line.
 */
import { getHeapSpaceStatistics } from 'node:v8'
import { MemoryLogger } from '../../server/src/logger'
import { startPlatformServer } from '../../server/src/platform-server'

const gc = (globalThis as { gc?: (options?: { type: 'minor' | 'major' }) => void }).gc
if (gc === undefined) throw new Error('run with --expose-gc')
const oldSpaceUsed = (): number =>
  getHeapSpaceStatistics().find((space) => space.space_name === 'old_space')?.space_used_size ?? 0

const server = await startPlatformServer({ port: 0, dbPath: ':memory:', logger: new MemoryLogger() })

/** The one place that makes every record, a connection's and a send's alike. */
function record(text: string): { text: string; at: number } {
  return { text, at: 0 }
}
const connections: Array<{ text: string }> = []
function connect(count: number): void {
  for (let i = 0; i < count; i++) connections.push(record(String(i)))
}
let lastSent: { text: string } | undefined
function send(round: number, count: number): void {
  for (let i = 0; i < count; i++) lastSent = record(`${round}-${i}-`.padEnd(300, 'x'))
}

for (let batch = 0; batch < 20; batch++) {
  connect(2_000)
  gc({ type: 'minor' })
}
for (let round = 0; round < 50; round++) {
  send(round, 500)
  gc({ type: 'minor' })
}
gc()
gc()
const before = oldSpaceUsed()
for (let round = 0; round < 200; round++) {
  send(round, 200)
  gc({ type: 'minor' })
}
const grown = oldSpaceUsed() - before
await server.close()
console.log(JSON.stringify({ grown, connections: connections.length, last: lastSent?.text.length }))
