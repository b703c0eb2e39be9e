import { createServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { WebSocket, WebSocketServer } from 'ws'
import { byteWatchAgent } from '../../../../src/main/node/byte-watch-agent'
import { useCleanup } from '../../../support/cleanup'
import { FaultProxy } from '../../../support/fault-proxy'
import { TEST_TLS_CERT, TEST_TLS_KEY } from '../../../support/test-tls'

/** A message a few KB long, as an invite with a long account is. */
const MESSAGE = 'A long account of the problem. '.repeat(200)

describe('the agent that watches bytes arrive, for a platform served over TLS', () => {
  const defer = useCleanup()

  /** A platform that sends `MESSAGE` to each connection, reached across a slow link. */
  async function slowPlatform(): Promise<FaultProxy> {
    const https = createServer({ key: TEST_TLS_KEY, cert: TEST_TLS_CERT })
    const platform = new WebSocketServer({ server: https })
    platform.on('connection', (socket) => socket.send(MESSAGE))
    await new Promise<void>((resolve) => https.listen(0, '127.0.0.1', resolve))
    defer(() => new Promise<void>((resolve) => https.close(() => resolve())))
    defer(() => platform.close())
    const proxy = await FaultProxy.start((https.address() as AddressInfo).port)
    defer(() => proxy.close())
    proxy.trickle(20_000)
    return proxy
  }

  it("tells of a message's bytes part way across a slow link, not only once the message is whole", async () => {
    const proxy = await slowPlatform()
    let arrivals = 0
    const agent = byteWatchAgent(true, () => () => arrivals++)
    defer(() => agent.destroy())

    const app = new WebSocket(`wss://127.0.0.1:${proxy.port}`, { agent, ca: TEST_TLS_CERT })
    defer(() => app.terminate())
    const opened = new Promise<number>((resolve) => app.once('open', () => resolve(arrivals)))
    const received = new Promise<{ message: string; arrivals: number }>((resolve, reject) => {
      app.once('message', (data: Buffer) => resolve({ message: data.toString(), arrivals }))
      app.once('error', reject)
    })
    const atOpen = await opened
    const { message, arrivals: atMessage } = await received
    expect(message).toBe(MESSAGE)
    // TLS hands the message on whole: only the bytes beneath it show it crossing.
    expect(atMessage - atOpen).toBeGreaterThan(1)
  })

  it('tells of each chunk whether it leaves a TLS record part way in, and of the one ending it that it does not', async () => {
    const proxy = await slowPlatform()
    const unfinished: boolean[] = []
    const agent = byteWatchAgent(true, () => (_, recordUnfinished) => unfinished.push(recordUnfinished))
    defer(() => agent.destroy())

    const app = new WebSocket(`wss://127.0.0.1:${proxy.port}`, { agent, ca: TEST_TLS_CERT })
    defer(() => app.terminate())
    const opened = new Promise<number>((resolve) => app.once('open', () => resolve(unfinished.length)))
    const received = new Promise<boolean[]>((resolve, reject) => {
      app.once('message', () => resolve([...unfinished]))
      app.once('error', reject)
    })
    const atOpen = await opened
    const crossing = (await received).slice(atOpen)
    // The message's record comes in several chunks: those before its last leave it part way in.
    expect(crossing.slice(0, -1)).toContain(true)
    expect(crossing.at(-1)).toBe(false)
  })
})
