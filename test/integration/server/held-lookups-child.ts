/**
 * Child process for the held-lookups kill -9 test: a platform on the file `dbPath`, writing the
 * stream lookups once ten are held, sends three fan-outs to five experts: the first two fan-outs'
 * lookups are written, the third's still held in memory when it says the experts, their sign-ins
 * and how many lookup rows are on disk, and waits to be killed. Bundled by useBuiltScript.
 */
import { ManualClock } from '../../../src/shared/clock'
import { MemoryLogger } from '../../../server/src/logger'
import { startPlatformServer } from '../../../server/src/platform-server'
import { sayLine } from '../../support/child-lines'

const [dbPath, startAt] = process.argv.slice(2) as [string, string]
const clock = new ManualClock(Number(startAt))
const server = await startPlatformServer({
  port: 0,
  dbPath,
  clock,
  logger: new MemoryLogger(),
  marketplace: { lookupBatchPlaces: 10 },
})
const { marketplace } = server
const experts = [1, 2, 3, 4, 5].map((n) => {
  const id = marketplace.createExpert({
    name: `Expert ${n}`,
    email: `held${n}@example.test`,
    passwordHash: 'unused',
    timeZone: 'Europe/Berlin',
    tags: ['held'],
  })
  return { id, token: server.tokens.issue(id, clock.now()) }
})
const clientId = marketplace.createClient({ name: 'Client', timeZone: 'America/New_York' })
for (const title of ['First', 'Second', 'Third']) {
  marketplace.createRequest({ clientId, title, kind: 'instant', tags: ['held'], fanOut: 5 })
  clock.advance(1_000)
}
const lookupRows = marketplace.db.prepare('SELECT COUNT(*) FROM expert_events').pluck().get()
sayLine(JSON.stringify({ experts, lookupRows }))
// Held open until the parent's SIGKILL: the platform never stops on purpose.
setInterval(() => {}, 60_000)
