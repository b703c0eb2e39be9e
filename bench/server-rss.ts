/**
 * Each server's RSS per connected socket, in the same layout for both: the server alone in a child
 * process (bench/rss-server-child.ts), the sockets in another (bench/fanout-clients.mjs).
 */
import { fork, type ChildProcess } from 'node:child_process'
import { ClientFleet } from './client-fleet'
import type { RssServerReady } from './rss-server-child'

function next<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve) => {
    const on = (m: { type: string }): void => {
      if (m.type !== type) return
      child.off('message', on)
      resolve(m as T)
    }
    child.on('message', on)
  })
}

/** The RSS a server of `kind` grows by once `sockets` sockets are connected to it, after a full GC. */
export async function rssPerSockets(kind: 'platform' | 'raw', sockets: number): Promise<number> {
  const child = fork(new URL('./rss-server-child.ts', import.meta.url), [kind, String(sockets)], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const rss = async (): Promise<number> => {
    const reply = next<{ rss: number }>(child, 'rss')
    child.send({ type: 'rss' })
    return (await reply).rss
  }
  const ready = await next<RssServerReady>(child, 'ready')
  const before = await rss()
  const fleet = new ClientFleet()
  await fleet.connect(ready.url, ready.auths, ready.readyEvent, 1)
  const after = await rss()
  await fleet.close()
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.send({ type: 'close' })
  await exited
  return after - before
}
