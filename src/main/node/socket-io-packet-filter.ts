/**
 * What of each packet socket.io's parser decodes the app takes: the protocol's part of it. Pure,
 * and free of socket.io itself (only the transport imports it), so its packet types are numbered
 * here as socket.io's parser numbers them.
 */

/** socket.io's packet types (its protocol's version 5) that the filter reads. */
export const PacketKind = { CONNECT: 0, EVENT: 2, ACK: 3, CONNECT_ERROR: 4 } as const

/** A packet as socket.io's parser decodes it (a binary one arrives as an event or an answer). */
export interface DecodedPacket {
  readonly type: number
  readonly nsp: string
  readonly data?: unknown
  readonly id?: number
}

/** What the filter knows of the connection it reads. */
export interface ConnectionSoFar {
  /** The platform accepted the connection. */
  letIn: boolean
  /** The server refused the attempt under way (socket.io's refusal packet), with or without data. */
  refused: boolean
  /** The ids of the answers awaited: each one is taken once. */
  readonly awaited: Set<number>
}

/** The namespace the app's socket is in: the root one, as it connects to the platform's origin. */
const NAMESPACE = '/'

/**
 * `packet` as the protocol has it, or null to drop it. Every message of the protocol is one value
 * (an event's payload, an answer), and only the first is kept: socket.io hands a packet's values
 * to its listeners as arguments, and a few hundred thousand of them overflow the stack where no
 * handler can catch it, ending the process. An event before the platform let the connection in
 * is dropped: socket.io would hold it, and any number after it, and hand them to the next
 * connection it opens, of which they are no part. So is an answer to no question awaited, an
 * event with no name, and anything addressed to another namespace than the app's. A refusal of a
 * connection already let in, and an acceptance that names no connection, end it as a broken one
 * (thrown, as socket.io ends one on a packet it cannot decode): socket.io would take either for a
 * failed attempt and keep the connection, on which the refusal leaves the answers awaited waiting
 * and no attempt connects again, and the acceptance lets in none.
 *
 * socket.io's parser checks what a packet carries only when it carries something, and socket.io
 * then reads what each kind should carry without looking, in a timer where what it throws ends
 * the process: a packet with nothing in it is passed on carrying what socket.io reads, or over.
 */
export function protocolPacket<P extends DecodedPacket>(
  packet: P,
  { letIn, awaited }: ConnectionSoFar,
  passedOver: (what: string) => void,
): P | null {
  // Checked first: socket.io drops another namespace's packet itself, but only after the checks
  // below, where its acceptance would let this connection in and its answer settle a question.
  if (packet.nsp !== NAMESPACE) {
    passedOver("a message for another namespace than Standby's; Standby passed it over")
    return null
  }
  const values = Array.isArray(packet.data) ? (packet.data as unknown[]) : []
  switch (packet.type) {
    case PacketKind.CONNECT: {
      if (letIn) {
        passedOver('a second acceptance of one connection; Standby passed it over')
        return null
      }
      // socket.io takes one whose id is empty or missing for a refusal (by a server of its
      // version 2) on a connection it keeps open, where the platform's real acceptance would then
      // be passed over as a second one.
      const sid = (packet.data as { sid?: unknown } | undefined)?.sid
      if (typeof sid !== 'string' || sid === '')
        throw new Error('The platform accepted the connection without naming it')
      // Only the connection's name: socket.io sends a recovery id it is given (pid) back with the
      // next attempt, and takes the last text of every event for its place in the stream, for a
      // recovery the app does not use (it replays from its own cursor); a platform that chose one
      // would be told of a session, and of its events, that nothing here asked it to keep.
      return { ...packet, data: { sid } }
    }
    case PacketKind.CONNECT_ERROR:
      if (letIn) {
        passedOver('a refusal of a connection it had let in; Standby ends that connection and connects again')
        throw new Error('The platform refused a connection it had already let in')
      }
      // A refusal that carries nothing says as much as one without a reason: it is read as one.
      return packet.data === undefined ? { ...packet, data: {} } : packet
    case PacketKind.EVENT:
      if (!letIn) {
        passedOver('a message before letting the connection in; Standby passed it over')
        return null
      }
      if (values.length === 0) {
        passedOver('a message with no name; Standby passed it over')
        return null
      }
      if (values.length <= 2) return packet
      passedOver(
        `a message with ${values.length - 1} values where the protocol has one; Standby read the first`,
      )
      return { ...packet, data: values.slice(0, 2) }
    case PacketKind.ACK:
      // socket.io would drop it too, but without a word.
      if (packet.id === undefined || !awaited.delete(packet.id)) {
        passedOver(
          'an answer to nothing Standby asked, or a second answer to one question; Standby passed it over',
        )
        return null
      }
      if (values.length > 1)
        passedOver(
          `an answer with ${values.length} values where the protocol has one; Standby read the first`,
        )
      // One that carries nothing is an answer with no value, which the question reads as malformed.
      return { ...packet, data: values.slice(0, 1) }
    default:
      return packet
  }
}
