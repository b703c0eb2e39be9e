import { once } from 'node:events'
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net'
import { Worker } from 'node:worker_threads'
import { afterEach, describe, expect, it } from 'vitest'
import { markReads, markWrites, writeCarrying } from '../../../bench/wire-marks'

/** The monotonic clock every thread of the process shares, in nanoseconds. */
const hrNow = (): number => Number(process.hrtime.bigint())

const open: Array<{ close(): unknown }> = []
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close()
})

/** A loopback server, and the server's end of one connection to it from `connectFrom`. */
async function connectionTo(connectFrom: (port: number) => void): Promise<Socket> {
  const server: Server = createServer()
  open.push(server)
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const accepted = once(server, 'connection') as Promise<[Socket]>
  connectFrom((server.address() as AddressInfo).port)
  const [peer] = await accepted
  open.push({ close: () => peer.destroy() })
  return peer
}

// The reader on another thread, as the core is another process: it notes when it read, and wakes
// the writer, which waits for that read before it goes on (a platform held after its send).
const READER = `
const { workerData, parentPort } = require('node:worker_threads')
const { connect } = require('node:net')
const flag = new Int32Array(workerData.shared, 0, 1)
const readAt = new Float64Array(workerData.shared, 8, 1)
const socket = connect(workerData.port, '127.0.0.1', () => parentPort.postMessage('connected'))
socket.once('data', () => {
  readAt[0] = Number(process.hrtime.bigint())
  Atomics.store(flag, 0, 1)
  Atomics.notify(flag, 0)
})
parentPort.once('message', () => socket.destroy())
`

describe('markWrites', () => {
  // The bench's wire began at the platform's "delivered" mark, taken once its send returned: a
  // core woken by the bytes could read them before that, and the wire came out negative.
  it('marks a write before the reader can have it, however long the writer is held after it', async () => {
    const shared = new SharedArrayBuffer(16)
    let worker: Worker | undefined
    const peer = await connectionTo((port) => {
      worker = new Worker(READER, { eval: true, workerData: { shared, port } })
      open.push({ close: () => worker?.terminate() })
    })
    if (worker === undefined) throw new Error('the reader did not start')
    await once(worker, 'message')
    const writes = markWrites(peer, hrNow)

    peer.write('invite')
    // Held until the reader has the bytes: the reader ran first, as a woken core may.
    expect(Atomics.wait(new Int32Array(shared, 0, 1), 0, 0, 10_000)).not.toBe('timed-out')
    const afterSendReturned = hrNow()
    worker.postMessage('done')

    const readAt = new Float64Array(shared, 8, 1)[0] ?? Number.NaN
    const [sent] = writes.take()
    expect(sent?.at).toBeLessThanOrEqual(readAt)
    // What the old mark read in this same round: after the reader had the invite.
    expect(afterSendReturned).toBeGreaterThan(readAt)
  })

  it('marks one write per chunk written and one per corked batch, until stopped', async () => {
    const peer = await connectionTo((port) => {
      const client = connect(port, '127.0.0.1')
      open.push({ close: () => client.destroy() })
    })
    let clock = 0
    const writes = markWrites(peer, () => ++clock)
    peer.write('a')
    // As ws writes a frame: its header and its payload corked into one write to the kernel.
    peer.cork()
    peer.write('header')
    peer.write('payload')
    peer.uncork()
    expect(writes.take().map((w) => w.at)).toEqual([1, 2])
    expect(writes.take()).toEqual([])

    writes.stop()
    peer.write('b')
    expect(writes.take()).toEqual([])
    expect(Object.hasOwn(peer, '_write')).toBe(false)
  })
})

describe('writeCarrying', () => {
  // The wire began at the last write before the core's read: a heartbeat ping (every few seconds)
  // or an answer to the core written after the invite's frame, and read with it, began it instead.
  it('finds the invite’s frame by its bytes, not a ping written after it nor an answer before it', async () => {
    const peer = await connectionTo((port) => {
      const client = connect(port, '127.0.0.1')
      open.push({ close: () => client.destroy() })
    })
    let clock = 0
    const writes = markWrites(peer, () => ++clock)
    peer.write('43["answer",{"ok":true}]')
    // As ws writes a frame: its header, then its payload, corked into one write.
    peer.cork()
    peer.write(Buffer.from([0x81, 0x40]))
    peer.write(Buffer.from('42["platform-event",{"request":{"id":"req_7"}}]'))
    peer.uncork()
    peer.write('2')
    const taken = writes.take()
    expect(taken).toHaveLength(3)
    // A read after all three: the invite's write is still the second.
    expect(writeCarrying(taken, '"req_7"')).toBe(2)
    expect(writeCarrying(taken, '"req_8"')).toBeUndefined()
  })
})

describe('markReads', () => {
  it('notes a read before the socket’s own reader acts on it', async () => {
    let client: Socket | undefined
    const peer = await connectionTo((port) => {
      client = connect(port, '127.0.0.1')
      open.push({ close: () => client?.destroy() })
    })
    if (client === undefined) throw new Error('no client')
    const order: string[] = []
    client.on('data', () => order.push('decoded'))
    const last = { at: Number.NaN }
    markReads(client, () => (order.push('read'), 1), last)
    const decoded = once(client, 'data')
    peer.write('invite')
    await decoded
    expect(order).toEqual(['read', 'decoded'])
    expect(last.at).toBe(1)
  })
})
