/**
 * Child process for the held-lookups kill -9 test: a platform on the file `dbPath` sends three
 * fan-outs to five experts, whose stream lookups it still holds in memory (fewer than a batch),
 * says the experts, their sign-ins and how many lookup rows are on disk, and waits to be killed.
 * Bundled by useBuiltScript.
 */
import { ManualClock } from '../../../src/shared/clock'
import { MemoryLogger } from '../../../server/src/logger'
import { startPlatformServer } from '../../../server/src/platform-server'
import { sayLine } from '../../support/child-lines'

const [dbPath, startAt] = process.argv.slice(2) as [string, string]
const clock = new ManualClock(Number(startAt))
const server = await startPlatformServer({ port: 0, dbPath, clock, logger: new MemoryLogger() })
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
