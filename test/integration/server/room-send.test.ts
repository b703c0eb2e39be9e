/**
 * Sending to a room straight to its sockets (room-send.ts) reaches exactly whom `io.to(room).emit`
 * reaches, with the same packet, in the same order, seen by the same listeners, whatever the room
 * does while the event goes out.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { Server, type ServerOptions, type Socket } from 'socket.io'
import { Adapter, type BroadcastOptions } from 'socket.io-adapter'
import { io as connectClient, type Socket as ClientSocket } from 'socket.io-client'
import { sendsStraight, sendToRoom } from '../../../server/src/room-send'

interface Rig {
  readonly io: Server
  /** Connect a client that joins `room`; resolves once the server holds its socket. */
  join(room: string): Promise<{ client: ClientSocket; socket: Socket; got: unknown[] }>
  close(): Promise<void>
}

async function rig(options: Partial<ServerOptions> = {}): Promise<Rig> {
  const http = createServer()
  const io = new Server(http, { serveClient: false, transports: ['websocket'], ...options })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`
  const clients: ClientSocket[] = []
  return {
    io,
    async join(room) {
      const joined = new Promise<Socket>((resolve) =>
        io.once('connection', (socket) => {
          void socket.join(room)
          resolve(socket)
        }),
      )
      const client = connectClient(url, { transports: ['websocket'], reconnection: false })
      clients.push(client)
      const got: unknown[] = []
      client.on('live', (value: unknown) => got.push(value))
      return { client, socket: await joined, got }
    },
    async close() {
      for (const client of clients) client.disconnect()
      await io.close()
    },
  }
}

/** Resolves once `client` has had `count` live events, with what they held. */
function received(member: { client: ClientSocket; got: unknown[] }, count: number): Promise<unknown[]> {
  return new Promise((resolve) => {
    const check = (): void => {
      if (member.got.length < count) return
      member.client.off('live', check)
      resolve(member.got)
    }
    member.client.on('live', check)
    check()
  })
}

describe('sending to a room straight to its sockets', () => {
  let open: Rig | undefined
  afterEach(async () => {
    await open?.close()
    open = undefined
  })

  it('reaches each connection in the room, in order, with what a broadcast sends, and no one else', async () => {
    open = await rig()
    const { io } = open
    const expert = [await open.join('expert:a'), await open.join('expert:a'), await open.join('expert:a')]
    const other = await open.join('expert:b')
    expect(sendsStraight(io.sockets, expert[0]!.socket)).toBe(true)
    const broadcasts: unknown[] = []
    const to = io.sockets.to.bind(io.sockets)
    io.sockets.to = (room) => {
      broadcasts.push(room)
      return to(room)
    }
    for (let n = 0; n < 40; n++) sendToRoom(io.sockets, 'expert:a', 'live', { n, text: 'é\u2028"' })
    sendToRoom(io.sockets, 'expert:nobody', 'live', { n: -1 })
    const sent = Array.from({ length: 40 }, (_, n) => ({ n, text: 'é\u2028"' }))
    for (const member of expert) expect(await received(member, 40)).toEqual(sent)
    // Sent to the other room afterwards and got: nothing of the first room's came before it.
    sendToRoom(io.sockets, 'expert:b', 'live', 'last')
    expect(await received(other, 1)).toEqual(['last'])
    expect(broadcasts).toEqual([])
  })

  it('keeps its place among the emits of the socket itself, and carries bytes as a broadcast does', async () => {
    open = await rig()
    const member = await open.join('expert:a')
    sendToRoom(open.io.sockets, 'expert:a', 'live', 'before')
    // A reply to a command, sent between two events: it arrives between them.
    member.socket.emit('live', 'reply')
    sendToRoom(open.io.sockets, 'expert:a', 'live', { bytes: Buffer.from([0, 1, 255]) })
    sendToRoom(open.io.sockets, 'expert:a', 'live', 'after')
    const got = await received(member, 4)
    expect(got.slice(0, 2)).toEqual(['before', 'reply'])
    expect(new Uint8Array((got[2] as { bytes: ArrayBuffer }).bytes)).toEqual(new Uint8Array([0, 1, 255]))
    expect(got[3]).toBe('after')
  })

  it('is seen by the outgoing listeners and by engine.io as each packet is queued and flushed', async () => {
    open = await rig()
    const member = await open.join('expert:a')
    const outgoing: unknown[] = []
    member.socket.onAnyOutgoing((event: unknown, value: unknown) => outgoing.push([event, value]))
    const created: unknown[] = []
    const flushed: unknown[] = []
    member.socket.conn.on('packetCreate', (packet: { data?: unknown }) => created.push(packet.data))
    member.socket.conn.on('flush', (packets: ReadonlyArray<{ data?: unknown }>) => {
      for (const packet of packets) flushed.push(packet.data)
    })
    for (let n = 0; n < 3; n++) sendToRoom(open.io.sockets, 'expert:a', 'live', n)
    expect(await received(member, 3)).toEqual([0, 1, 2])
    expect(outgoing).toEqual([
      ['live', 0],
      ['live', 1],
      ['live', 2],
    ])
    const packets = ['2["live",0]', '2["live",1]', '2["live",2]']
    expect(created).toEqual(packets)
    expect(flushed).toEqual(packets)
  })

  it('meets a socket leaving or joining while the event goes out as a broadcast does', async () => {
    open = await rig()
    const { io } = open
    const outcome = async (send: (room: string, value: string) => void, room: string) => {
      const [first, second, third] = [await open!.join(room), await open!.join(room), await open!.join(room)]
      // Queuing the first socket's packet takes the second out of the room and puts a fourth in.
      const late = await open!.join(`${room}:later`)
      first.socket.conn.once('packetCreate', () => {
        void second.socket.leave(room)
        void late.socket.join(room)
      })
      send(room, 'one')
      send(room, 'two')
      // The fourth joined as the first event went out, and a broadcast reaches it with both.
      const settled = [first, third, late].map((member) => received(member, 2))
      await Promise.all(settled)
      // Everything sent was written before this marker; whatever the second got has arrived.
      second.socket.emit('live', 'marker')
      await received(second, 1)
      return [first.got, second.got, third.got, late.got]
    }
    const straight = await outcome((room, value) => sendToRoom(io.sockets, room, 'live', value), 'straight')
    const broadcast = await outcome((room, value) => io.to(room).emit('live', value), 'broadcast')
    expect(straight).toEqual(broadcast)
  })

  it('sends once to a socket that leaves and joins again while the event goes out, as a broadcast does', async () => {
    open = await rig()
    const { io } = open
    const outcome = async (send: (room: string, value: string) => void, room: string) => {
      const [first, second] = [await open!.join(room), await open!.join(room)]
      // Queuing its own packet takes each socket out of the room and puts it back, last.
      for (const member of [first, second])
        member.socket.conn.once('packetCreate', () => {
          void member.socket.leave(room)
          void member.socket.join(room)
        })
      send(room, 'one')
      for (const member of [first, second]) member.socket.emit('live', 'marker')
      await Promise.all([received(first, 2), received(second, 2)])
      return [first.got, second.got]
    }
    const straight = await outcome((room, value) => sendToRoom(io.sockets, room, 'live', value), 'straight')
    const broadcast = await outcome((room, value) => io.to(room).emit('live', value), 'broadcast')
    expect(broadcast).toEqual([
      ['one', 'marker'],
      ['one', 'marker'],
    ])
    expect(straight).toEqual(broadcast)
  })

  it('goes through an adapter that broadcasts otherwise, as one reaching other servers does', async () => {
    const relayed: unknown[] = []
    class Relaying extends Adapter {
      override broadcast(packet: unknown, options: BroadcastOptions): void {
        relayed.push(packet)
        super.broadcast(packet, options)
      }
    }
    open = await rig({ adapter: Relaying })
    const member = await open.join('expert:a')
    expect(sendsStraight(open.io.sockets, member.socket)).toBe(false)
    sendToRoom(open.io.sockets, 'expert:a', 'live', 'still sent')
    expect(await received(member, 1)).toEqual(['still sent'])
    expect(relayed).toEqual([expect.objectContaining({ data: ['live', 'still sent'] })])
  })

  it('goes through the packet store of socket.io when connection state recovery is on', async () => {
    open = await rig({ connectionStateRecovery: {} })
    const member = await open.join('expert:a')
    expect(sendsStraight(open.io.sockets, member.socket)).toBe(false)
    sendToRoom(open.io.sockets, 'expert:a', 'live', 'kept')
    expect(await received(member, 1)).toEqual(['kept'])
    // Kept for a client that reconnects within the window, as a broadcast keeps it.
    const store = open.io.sockets.adapter as unknown as { packets: ReadonlyArray<{ data: unknown[] }> }
    expect(store.packets.map((packet) => packet.data.slice(0, 2))).toEqual([['live', 'kept']])
  })
})
