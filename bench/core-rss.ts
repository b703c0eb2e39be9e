/**
 * The core's RSS with 10,000 sessions cached: measured in a child that has never parsed them,
 * once starting on a cache written by another process and once at a first sign-in.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { openCache } from '../src/main/db/open-cache'
import { SqliteCacheStore } from '../src/main/db/sqlite-cache-store'
import { manySessions } from '../test/support/fixture-streams'
import { CoreChild, expertOn, type ChildMessage, type Platform } from './core-host'

/** How many sessions the cache holds while the RSS is measured. */
export const CACHED_SESSIONS = 10_000

const quietLog = { info: () => {}, warn: () => {}, error: (m: string) => process.stderr.write(`${m}\n`) }

/** RSS of a core child before it starts and once it is online, given how its cache was made. */
export interface RssFigures {
  readonly before: number
  readonly after: number
}

async function coreRss(
  p: Platform,
  expert: { id: string; token: string },
  dataDir: string,
): Promise<RssFigures> {
  const core = new CoreChild()
  const isRss = (m: ChildMessage): m is Extract<ChildMessage, { type: 'rss' }> => m.type === 'rss'
  const baseline = core.next(isRss)
  core.send({ type: 'rss' })
  const before = (await baseline).rss
  await core.start(p, expert, dataDir)
  const rss = core.next(isRss)
  core.send({ type: 'rss' })
  const { rss: after } = await rss
  await core.stop()
  return { before, after }
}

/** The RSS figures of a core starting on its cache and of one signing in for the first time. */
export async function idleRss(
  p: Platform,
  dir: string,
): Promise<{ steady: RssFigures; firstSignIn: RssFigures }> {
  const expert = await expertOn(p)
  // The same 10,000 session events in the platform's log and in the cache, so the core starts
  // caught up and only has to confirm it. Appended through the event log, so each carries the
  // stream's digest, as the cache's cursor must for the platform to know its history; the expert's
  // own event too, since a cache without the expert rebuilds from a snapshot.
  const log = p.server.marketplace.events
  const { expert: profile } = p.server.marketplace.snapshot(expert.id, { maxBytes: 64 * 1024 })
  const events = log.transact(() => [
    log.append(expert.id, 'expert.updated', { expert: profile }),
    ...manySessions(CACHED_SESSIONS, { expertId: expert.id }).map((session) =>
      log.append(expert.id, 'session.updated', { session }),
    ),
  ])
  await p.restart()
  // The cache is written here, not in the measured process: an app that starts on its cache has
  // never parsed these events, and the figure must not carry the heap left from doing so.
  const steadyDir = join(dir, 'rss-steady')
  mkdirSync(steadyDir, { recursive: true })
  const { db } = openCache({ path: join(steadyDir, 'cache.db') })
  const store = new SqliteCacheStore(db, quietLog)
  for (let i = 0; i < events.length; i += 1_000) store.applyEvents(events.slice(i, i + 1_000))
  db.close()
  const steady = await coreRss(p, expert, steadyDir)
  // A first sign-in on the same account: an empty cache rebuilt from the platform's snapshot.
  const firstSignIn = await coreRss(p, expert, join(dir, 'rss-first'))
  return { steady, firstSignIn }
}
