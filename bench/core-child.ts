/**
 * The app's core in its own process, for bench/core.ts: it starts the same runtime the hosts use
 * (real SQLite cache, Node adapters) and reports state changes and notifications with absolute
 * timestamps over IPC.
 */
import { subscribe } from 'node:diagnostics_channel'
import type { Socket } from 'node:net'
import { createNodeAdapters } from '../src/main/node/adapters'
import { PACKET_RECEIVED_CHANNEL } from '../src/main/node/packet-received-mark'
import { headlessHost, startNodeRuntime } from '../src/main/node/runtime/start-node-runtime'
import { systemClock } from '../src/shared/clock'
import { afterLoopTurn } from './after-loop-turn.mjs'
import { runQueueMs } from './core-waits'
import { watchPauses } from './tail-causes'
import { markReads } from './wire-marks'

/** What the parent sends to start the core. */
export interface CoreChildStart {
  readonly type: 'start'
  readonly platformUrl: string
  readonly token: string
  readonly expertId: string
  readonly dataDir: string
}

/** What else the parent asks of the core: its RSS, its CPU time, its collections, to stop. */
export type CoreChildAsk = { type: 'rss' } | { type: 'cpu' } | { type: 'pauses' } | { type: 'stop' }

const now = (): number => performance.timeOrigin + performance.now()
const quiet = { info: () => {}, warn: () => {}, error: (m: string) => process.stderr.write(`${m}\n`) }
const send = (message: object): void => void process.send?.(message)

/** This process's collections, from its start until the bench asks for them. */
const pauses = watchPauses()

process.on('message', (message: CoreChildStart | CoreChildAsk) => {
  if (message.type === 'start') void start(message)
  if (message.type === 'pauses') send({ type: 'pauses', pauses: pauses() })
  if (message.type === 'cpu') {
    const { user, system } = process.cpuUsage()
    send({ type: 'cpu', micros: user + system })
  }
  if (message.type === 'rss') {
    ;(globalThis as { gc?: () => void }).gc?.()
    send({ type: 'rss', rss: process.memoryUsage().rss })
  }
  if (message.type === 'stop') process.exit(0)
})

async function start(options: CoreChildStart): Promise<void> {
  const adapters = createNodeAdapters({ dataDir: options.dataDir, out: { write: () => true }, log: quiet })
  await adapters.secrets.save({
    platformUrl: options.platformUrl,
    token: options.token,
    expertId: options.expertId,
  })
  // The last read on any of the core's sockets (its connection to the platform among them), and
  // that read as of the last packet the core decoded: the invite that raised the notification.
  const lastRead = { at: Number.NaN }
  subscribe('net.client.socket', (message) =>
    markReads((message as { socket: Socket }).socket, now, lastRead),
  )
  let packetRead = Number.NaN
  subscribe(PACKET_RECEIVED_CHANNEL, () => (packetRead = lastRead.at))
  adapters.notifier.onShow((n) => {
    const at = now()
    // Read here, not by the bench after it hears of the notification: that would count the core's
    // waits after its notifier too, which hold back no invite.
    const waitedMs = runQueueMs('/proc/thread-self/schedstat')
    const notified = {
      type: 'notified',
      title: n.title,
      at,
      receivedAt: packetRead,
      waitedMs,
    }
    // Told once the core is done with this invite (the tray, the window, the expiry watch, and what
    // that work left for the loop's next turn, after-loop-turn.mjs), so the bench's next invite does
    // not arrive while it still works on this one: an expert's invites come seconds apart, not a
    // millisecond. Its times were taken above, at the notifier.
    afterLoopTurn(() => send(notified))
  })
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
