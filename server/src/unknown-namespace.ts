/**
 * socket.io answers a connection to a namespace the platform does not have with its own bare
 * "Invalid namespace": it says neither which one nor what to do, and carries no refusal the app
 * reads (code, sentence, protocol version) as every other refused connection does.
 */
import { PacketType, type Packet } from 'socket.io-parser'
import { describeValue } from '../../src/shared/describe-untrusted'
import { PROTOCOL_VERSION, type ConnectRefusal } from '../../src/shared/protocol'

/** socket.io's own words for a namespace it has not got. */
const SOCKET_IO_WORDS = 'Invalid namespace'

/** `packet` with socket.io's unknown-namespace refusal said as the platform says a refusal; others as they are. */
export function namespaceRefusalWorded(packet: Packet): Packet {
  if (packet.type !== PacketType.CONNECT_ERROR) return packet
  const data = packet.data as { message?: unknown; data?: unknown } | undefined
  if (data?.message !== SOCKET_IO_WORDS || data.data !== undefined) return packet
  const message = `This platform has no namespace ${describeValue(packet.nsp)}, so the connection to it was refused; connect to the main namespace "/".`
  const refusal: ConnectRefusal = { code: 'not_found', message, serverProtocolVersion: PROTOCOL_VERSION }
  return { ...packet, data: { message, data: refusal } }
}
