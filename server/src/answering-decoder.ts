/**
 * The socket.io packet decoder, except that an event it cannot read (an event name that is not
 * text, arguments that are not a JSON array) still reaches the platform when it asks for an
 * acknowledgement: as UNREADABLE_EVENT, so that the sender gets an error acknowledgement instead
 * of a closed connection and a wait for its own timeout. Likewise a handshake whose auth is no
 * JSON object reaches the handshake check as an empty auth, which refuses it with a sentence
 * instead of a bare close that a client would retry for ever. Everything else is decoded as before.
 */
import { Decoder, PacketType } from 'socket.io-parser'
import { JsonTextEncoder } from './json-text'

/** The event name an unreadable event that wants an acknowledgement arrives under. */
export const UNREADABLE_EVENT = '\u0000unreadable'

// An event packet: its type, an optional namespace, then the acknowledgement id.
const EVENT_HEAD = /^2(?:(\/[^,]*),)?(\d{1,15})/
// A handshake (CONNECT) packet: its type, then an optional namespace.
const CONNECT_HEAD = /^0(?:(\/[^,]*),)?/

class AnsweringDecoder extends Decoder {
  override add(obj: unknown): void {
    try {
      super.add(obj)
    } catch (error) {
      // Only a packet whose text was refused; broken binary framing still closes the connection.
      if (typeof obj !== 'string' || !(error instanceof Error) || error.message !== 'invalid payload')
        throw error
      const connect = CONNECT_HEAD.exec(obj)
      if (connect !== null) {
        this.emitReserved('decoded', { type: PacketType.CONNECT, nsp: connect[1] ?? '/', data: {} })
        return
      }
      const head = EVENT_HEAD.exec(obj)
      if (head === null) throw error
      this.emitReserved('decoded', {
        type: PacketType.EVENT,
        nsp: head[1] ?? '/',
        id: Number(head[2]),
        data: [UNREADABLE_EVENT],
      })
    }
  }
}

/** The parser to give socket.io's Server: the encoder that sends stored JSON as is, the answering decoder. */
export const answeringParser = { Encoder: JsonTextEncoder, Decoder: AnsweringDecoder }
