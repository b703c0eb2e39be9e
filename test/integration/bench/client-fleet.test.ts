import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Server } from 'socket.io'
import { afterEach, describe, expect, it } from 'vitest'
import { startBareSocketIo, type BareSocketIo } from '../../../bench/bare-socket-io'
import { ClientFleet } from '../../../bench/client-fleet'

const servers: BareSocketIo[] = []
const fleets: ClientFleet[] = []

afterEach(async () => {
  await Promise.all(fleets.splice(0).map((f) => f.close()))
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

const emitTo = (server: BareSocketIo, indexes: ReadonlyArray<number>, requestId: string): void => {
  for (const i of indexes) server.io.to(`c${i}`).emit('invite', { request: { id: requestId } })
}

describe('ClientFleet', () => {
  // The fan-out bench receives every side in one process, so that both meet the same pauses; each
  // side's "delivered" must still wait for that side's own number of recipients.
  it('holds two servers’ sockets in one process, each group counting its own recipients', async () => {
    const a = await startBareSocketIo()
    const b = await startBareSocketIo()
    servers.push(a, b)
    const fleet = new ClientFleet()
    fleets.push(fleet)
    await fleet.connect(
      a.url,
      [0, 1, 2].map((index) => ({ index })),
      'ready',
      3,
    )
    await fleet.connect(
      b.url,
      [0, 1].map((index) => ({ index })),
      'ready',
      1,
    )

    emitTo(b, [0], 'b-1')
    expect((await fleet.delivered('b-1')).requestId).toBe('b-1')

    // Two of group a's three recipients: not delivered yet. A second request to all three, sent
    // after it on the same connections, proves those two arrivals were counted before looking.
    let done = false
    const delivered = fleet.delivered('a-1').then((d) => {
      done = true
      return d
    })
    emitTo(a, [0, 1], 'a-1')
    emitTo(a, [0, 1, 2], 'a-sync')
    await fleet.delivered('a-sync')
    expect(done).toBe(false)
    emitTo(a, [2], 'a-1')
    const d = await delivered
    expect(d.first).toBeLessThanOrEqual(d.last)
  })

  // The core bench asks its bare client to tell as its core does, after a turn of its loop: a wait
  // that lost the report, or a client process that could not load it, would hang that bench. When
  // the report is sent is not seen from here (after-loop-turn.test.ts checks the wait itself).
  it('still tells a delivery, with the time it arrived, when asked to tell after a turn of its loop', async () => {
    const server = await startBareSocketIo()
    servers.push(server)
    const fleet = new ClientFleet()
    fleets.push(fleet)
    await fleet.connect(server.url, [{ index: 0 }], 'ready', 1, { reportAfterLoopTurn: true })
    emitTo(server, [0], 'r-1')
    const d = await fleet.delivered('r-1')
    expect(d.requestId).toBe('r-1')
    expect(d.first).toBe(d.last)
  })

  // The bench waited for a 'ready' that a failed or dropped socket never brings: it hung for good.
  it('says so, instead of waiting for ever, when a socket is dropped before its ready event', async () => {
    const http = createServer()
    const io = new Server(http, { serveClient: false })
    io.on('connection', (socket) => void socket.disconnect(true))
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`
    const fleet = new ClientFleet()
    fleets.push(fleet)
    try {
      await expect(fleet.connect(url, [{ index: 0 }], 'ready', 1)).rejects.toThrow(/dropped before 'ready'/)
    } finally {
      await new Promise<void>((resolve) => io.close(() => resolve()))
    }
  })

  // Reconnection is off: a socket the server dropped after its ready never brought its side's
  // deliveries again, and the bench waited for ever with no sockets left.
  const drops: Array<[string, (server: BareSocketIo) => Promise<void>, RegExp]> = [
    [
      'by the server’s word',
      async (server) => void server.io.in('c0').disconnectSockets(true),
      /'io server disconnect', the server disconnected them/,
    ],
    [
      'by its connection closing under it, as a heartbeat timeout does',
      async (server) => {
        for (const { id } of await server.io.in('c0').fetchSockets())
          server.io.sockets.sockets.get(id)?.conn.close()
      },
      /'transport close', their connections were closed/,
    ],
  ]
  it.each(drops)(
    'fails what waits, and every later wait, when a socket is dropped after ready %s',
    async (_, drop, why) => {
      const server = await startBareSocketIo()
      servers.push(server)
      const fleet = new ClientFleet()
      fleets.push(fleet)
      await fleet.connect(server.url, [{ index: 0 }, { index: 1 }], 'ready', 2, { name: 'the test side' })
      const waiting = fleet.delivered('r-1')
      await drop(server)
      const said = /^1 of 2 client sockets of the test side \(http:\/\/127\.0\.0\.1:\d+\) disconnected after/
      await expect(waiting).rejects.toThrow(said)
      await expect(waiting).rejects.toThrow(why)
      await expect(fleet.delivered('r-2')).rejects.toThrow(/this run is void/)
      await expect(fleet.connect(server.url, [{ index: 2 }], 'ready', 1)).rejects.toThrow(said)
    },
  )

  // The noise floor closes its second server and then measures on: its sockets closing must not fail
  // the sides that carry on.
  it('lets go of one server’s sockets before that server closes, and the others still deliver', async () => {
    const stays = await startBareSocketIo()
    const goes = await startBareSocketIo()
    servers.push(stays)
    const fleet = new ClientFleet()
    fleets.push(fleet)
    await fleet.connect(stays.url, [{ index: 0 }], 'ready', 1)
    await fleet.connect(goes.url, [{ index: 0 }], 'ready', 1)
    await fleet.release(goes.url)
    await goes.close()
    emitTo(stays, [0], 'r-1')
    expect((await fleet.delivered('r-1')).requestId).toBe('r-1')
  })

  it('says so when nothing listens where it connects', async () => {
    const http = createServer()
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`
    await new Promise<void>((resolve) => http.close(() => resolve()))
    const fleet = new ClientFleet()
    fleets.push(fleet)
    await expect(fleet.connect(url, [{ index: 0 }], 'ready', 1)).rejects.toThrow(/could not connect/)
  })

  // Its 'exit' had fired already: closing waited for a second one.
  it('closes, and ends what waits on it, when its process already died', async () => {
    const server = await startBareSocketIo()
    servers.push(server)
    const fleet = new ClientFleet()
    await fleet.connect(server.url, [{ index: 0 }], 'ready', 1)
    const waiting = fleet.delivered('never-sent')
    process.kill(fleet.pid ?? 0, 'SIGKILL')
    await expect(waiting).rejects.toThrow(/client sockets ended/)
    await fleet.close()
    await expect(fleet.connect(server.url, [{ index: 0 }], 'ready', 1)).rejects.toThrow(/ended/)
  })
})
