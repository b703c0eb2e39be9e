import { once } from 'node:events'
import { createServer, connect, type AddressInfo, type Socket } from 'node:net'
import { MessageChannel } from 'node:worker_threads'
import { afterEach, describe, expect, it } from 'vitest'
import { afterLoopTurn } from '../../../bench/after-loop-turn.mjs'

describe('afterLoopTurn', () => {
  const open: Array<{ close(): void }> = []
  afterEach(() => {
    for (const thing of open.splice(0)) thing.close()
  })

  // The invite reaches the core on its socket; its work posts a task to the loop (V8 schedules its
  // young-generation collection so, through libuv). The bench must hear of the invite only after
  // that task ran, or its next invite meets the collection.
  it('reports after a task that the work on a socket read posted to the loop', async () => {
    const server = createServer((peer) => peer.end('invite'))
    open.push(server)
    server.listen(0, '127.0.0.1')
    await once(server, 'listening')
    const socket: Socket = connect((server.address() as AddressInfo).port, '127.0.0.1')
    open.push({ close: () => socket.destroy() })

    const { port1, port2 } = new MessageChannel()
    open.push(port1)
    const order: string[] = []
    const done = new Promise<void>((resolve) => {
      const note = (what: string): void => {
        order.push(what)
        if (order.length === 2) resolve()
      }
      port1.once('message', () => note('posted task'))
      socket.once('data', () => {
        port2.postMessage('collect')
        afterLoopTurn(() => note('report'))
      })
    })
    await done
    expect(order).toEqual(['posted task', 'report'])
  })
})
