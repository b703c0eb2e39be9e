/**
 * Each server's RSS per connected socket, in the same layout for both: the server alone in a child
 * process (bench/rss-server-child.ts), the sockets in another (bench/fanout-clients.mjs).
 */
import { fork } from 'node:child_process'
import { childEnded, nextMessage, sendIfAlive } from './child-messages'
import { ClientFleet } from './client-fleet'
import type { RssServerReady } from './rss-server-child'

/** The RSS a server of `kind` grows by once `sockets` sockets are connected to it, after a full GC. */
export async function rssPerSockets(kind: 'platform' | 'raw', sockets: number): Promise<number> {
  const child = fork(new URL('./rss-server-child.ts', import.meta.url), [kind, String(sockets)], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const rss = async (): Promise<number> => {
    const reply = nextMessage<{ rss: number }>(child, 'rss', `measuring the ${kind} server's RSS`)
    sendIfAlive(child, { type: 'rss' })
    return (await reply).rss
  }
  const fleet = new ClientFleet()
  try {
    const ready = await nextMessage<RssServerReady>(child, 'ready', `starting the ${kind} server`)
    const before = await rss()
    await fleet.connect(ready.url, ready.auths, ready.readyEvent, 1)
    return (await rss()) - before
  } finally {
    // Both children end however the measurement went, or the bench's process would not.
    await fleet.close()
    const exited = childEnded(child)
    sendIfAlive(child, { type: 'close' })
    await exited
  }
}
