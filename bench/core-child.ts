/**
 * The app's core in its own process, for bench/core.ts: it starts the same runtime the hosts use
 * (real SQLite cache, Node adapters) and reports state changes and notifications with absolute
 * timestamps over IPC.
 */
import { createNodeAdapters } from '../src/main/node/adapters'
import { headlessHost, startNodeRuntime } from '../src/main/node/runtime/start-node-runtime'
import { openCache } from '../src/main/db/open-cache'
import { SqliteCacheStore } from '../src/main/db/sqlite-cache-store'
import { systemClock } from '../src/shared/clock'
import type { PlatformEvent } from '../src/shared/protocol'
import { join } from 'node:path'

/** What the parent sends to start the core. */
export interface CoreChildStart {
  readonly type: 'start'
  readonly platformUrl: string
  readonly token: string
  readonly expertId: string
  readonly dataDir: string
  /** Events to put in the cache before starting (the platform holds the same ones). */
  readonly preload?: ReadonlyArray<PlatformEvent>
}

const now = (): number => performance.timeOrigin + performance.now()
const quiet = { info: () => {}, warn: () => {}, error: (m: string) => process.stderr.write(`${m}\n`) }
const send = (message: object): void => void process.send?.(message)

process.on('message', (message: CoreChildStart | { type: 'rss' } | { type: 'stop' }) => {
  if (message.type === 'start') void start(message)
  if (message.type === 'rss') {
    ;(globalThis as { gc?: () => void }).gc?.()
    send({ type: 'rss', rss: process.memoryUsage().rss })
  }
  if (message.type === 'stop') process.exit(0)
})

async function start(options: CoreChildStart): Promise<void> {
  const cachePath = join(options.dataDir, 'cache.db')
  if (options.preload !== undefined) {
    const { db } = openCache({ path: cachePath })
    const store = new SqliteCacheStore(db, quiet)
    for (let i = 0; i < options.preload.length; i += 1_000)
      store.applyEvents(options.preload.slice(i, i + 1_000))
    db.close()
  }
  const adapters = createNodeAdapters({ dataDir: options.dataDir, out: { write: () => true }, log: quiet })
  await adapters.secrets.save({
    platformUrl: options.platformUrl,
    token: options.token,
    expertId: options.expertId,
  })
  adapters.notifier.onShow((n) => send({ type: 'notified', title: n.title, at: now() }))
  const runtime = await startNodeRuntime({
    dataDir: options.dataDir,
    adapters,
    clock: systemClock,
    log: quiet,
    host: headlessHost('bench', quiet),
  })
  runtime.core.states.add((state) => send({ type: 'state', status: state.status, at: now() }))
  send({ type: 'state', status: runtime.core.connection.status, at: now() })
}
