/**
 * Sending one event to the sockets in one room, as `io.to(room).emit` does, without building a
 * broadcast for it. A fan-out sends one event to each of many experts' rooms, and socket.io's
 * broadcast builds, per event, two operators and several sets (its rooms, the sockets excepted,
 * the sockets reached) that are thrown away at once. The fan-out's rounds allocate less with this
 * and spend no more CPU (measured beside the broadcast; the figures are in docs/benchmarks.md).
 *
 * It does what the in-memory adapter's `broadcast` does, step for step: the packet encoded once,
 * with its WebSocket frame built once, then for each socket in the room as it is at that moment
 * (its own set walked live, as the adapter walks it, and each socket reached once), the outgoing
 * listeners told and the encoded packet written to its connection, so engine.io's `packetCreate`
 * and `flush` see every packet.
 * Those steps are socket.io's internals: with an adapter that broadcasts otherwise (one that also
 * reaches other servers, or keeps packets for a reconnect), or a socket.io without one of the
 * steps, the room is sent to through `io.to(room).emit`, as before.
 */
import type { Namespace, Socket } from 'socket.io'
import { Adapter } from 'socket.io-adapter'
import { PacketType } from 'socket.io-parser'

/** What the write to one connection is given: the adapter adds the prebuilt frame to it. */
interface WriteOptions {
  preEncoded: true
}

/** The pieces of socket.io's in-memory adapter that `broadcast` uses. */
interface AdapterSteps {
  readonly rooms: Map<string, Set<string>>
  _encode(packet: unknown, options: WriteOptions): unknown
}

/** The pieces of one socket that `broadcast` uses. */
interface SocketSteps {
  notifyOutgoingListeners(packet: unknown): void
  readonly client: { writeToEngine(encoded: unknown, options: WriteOptions): void }
}

/** The adapter's steps, when it broadcasts as the in-memory adapter does. */
function adapterSteps(nsp: Namespace): AdapterSteps | undefined {
  const adapter = nsp.adapter as unknown as Partial<AdapterSteps> & Pick<Adapter, 'broadcast'>
  return adapter.broadcast === Adapter.prototype.broadcast &&
    adapter.rooms instanceof Map &&
    typeof adapter._encode === 'function'
    ? (adapter as AdapterSteps)
    : undefined
}

function hasSocketSteps(socket: unknown): socket is SocketSteps {
  const steps = socket as Partial<SocketSteps>
  return (
    typeof steps.notifyOutgoingListeners === 'function' && typeof steps.client?.writeToEngine === 'function'
  )
}

/** Whether sendToRoom sends straight to `socket` of `nsp` with this socket.io, rather than broadcasting. */
export function sendsStraight(nsp: Namespace, socket: Socket): boolean {
  return adapterSteps(nsp) !== undefined && hasSocketSteps(socket)
}

/** Send `event` with `arg` to every socket in `room` of `nsp`, as `nsp.to(room).emit(event, arg)`. */
export function sendToRoom(nsp: Namespace, room: string, event: string, arg: unknown): void {
  const adapter = adapterSteps(nsp)
  if (adapter === undefined) {
    nsp.to(room).emit(event, arg)
    return
  }
  const ids = adapter.rooms.get(room)
  // An expert with no connection costs nothing: the broadcast encoded and framed the event anyway.
  if (ids === undefined || ids.size === 0) return
  const packet = { type: PacketType.EVENT, data: [event, arg], nsp: nsp.name }
  const options: WriteOptions = { preEncoded: true }
  const encoded = adapter._encode(packet, options)
  // The room's set is walked live, and a socket that leaves and joins again while the event goes
  // out (from a listener) comes round again at its end: the adapter sends once to each socket, so
  // each reached is kept, in a set made only once a second socket is reached.
  let first: string | undefined
  let reached: Set<string> | undefined
  for (const id of ids) {
    if (id === first || reached?.has(id) === true) continue
    const socket: unknown = nsp.sockets.get(id)
    if (socket === undefined) continue
    if (first === undefined) first = id
    else (reached ??= new Set()).add(id)
    if (!hasSocketSteps(socket)) {
      nsp.to(id).emit(event, arg)
      continue
    }
    socket.notifyOutgoingListeners(packet)
    socket.client.writeToEngine(encoded, options)
  }
}
