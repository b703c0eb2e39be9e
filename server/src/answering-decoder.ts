/**
 * The socket.io packet decoder, except that an event it cannot read (an event name that is not
 * text, arguments that are not a JSON array) still reaches the platform when it asks for an
 * acknowledgement: as UNREADABLE_EVENT, so that the sender gets an error acknowledgement instead
 * of a closed connection and a wait for its own timeout. Likewise a handshake whose auth is no
 * JSON object reaches the handshake check as an empty auth, which refuses it with a sentence
 * instead of a bare close that a client would retry for ever. An event or handshake whose JSON
 * names a key twice in one object arrives as DUPLICATE_KEY_EVENT, or with DUPLICATE_AUTH_KEY set,
 * to be refused as HTTP bodies are. A message over MOST_MESSAGE_BYTES arrives, unread, as
 * TOO_LARGE_EVENT (or a handshake with TOO_LARGE_AUTH set), so that it is refused with a sentence
 * while the connection and the sender's other commands carry on. A message with binary attachments
 * (no command has any) arrives as BINARY_EVENT at once, from its first frame, and the attachments it
 * declared are dropped as they come: socket.io would hold each until the last arrived, and a client
 * that declares many and stalls would hold them for as long as it answers the heartbeat. Everything
 * else is decoded as before.
 */
import { Decoder, PacketType, type Packet } from 'socket.io-parser'
import { firstDuplicateKey } from './http/duplicate-keys'
import { holdsTooManyMembers } from './json-members'
import { JsonTextEncoder } from './json-text'

/** The event name an unreadable event that wants an acknowledgement arrives under. */
export const UNREADABLE_EVENT = '\u0000unreadable'

/**
 * The event name an event arrives under when its JSON names a key twice in one object, with that
 * key as its one argument (and the acknowledgement, when it asked for one). JSON.parse keeps the
 * last of the two, another reader the first: the platform acts on neither.
 */
export const DUPLICATE_KEY_EVENT = '\u0000duplicate key'

/** Set, to the key, on a handshake's auth whose JSON named a key twice in one object. */
export const DUPLICATE_AUTH_KEY: unique symbol = Symbol('duplicate key')

/**
 * The event name an event arrives under, unparsed, when its JSON holds more object members than
 * any command has (json-members.ts): it is refused without the cost of reading it.
 */
export const TOO_MANY_MEMBERS_EVENT = '\u0000too many keys'

/** Set on a handshake's auth, which is left unparsed, when its JSON holds more members than any handshake has. */
export const TOO_MANY_AUTH_MEMBERS: unique symbol = Symbol('too many keys')

/**
 * The most bytes of one message the platform reads: every command, replay and handshake an honest
 * app sends is far smaller. A larger one is refused unread, and the connection stays.
 */
export const MOST_MESSAGE_BYTES = 100_000

/**
 * The event name a message over MOST_MESSAGE_BYTES arrives under, with its size in bytes and its
 * first characters (for the log) as arguments, and the acknowledgement when it asked for one.
 */
export const TOO_LARGE_EVENT = '\u0000too large'

/** Set, to the message's size in bytes, on a handshake's auth, left unparsed, when it was over MOST_MESSAGE_BYTES. */
export const TOO_LARGE_AUTH: unique symbol = Symbol('too large')

/**
 * The event name a message carrying binary attachments arrives under, with no arguments (and the
 * acknowledgement, when it asked for one): it is refused unread, before its attachments arrive.
 */
export const BINARY_EVENT = '\u0000binary'

/** The most attachments a binary packet may declare, as socket.io's own decoder allows. */
const MOST_ATTACHMENTS = 10

/** How many characters of a message too large to read are kept for the log. */
const EXCERPT_CHARS = 80

// An event packet: its type, an optional namespace, then the acknowledgement id.
const EVENT_HEAD = /^2(?:(\/[^,]*),)?(\d{1,15})/
// A handshake (CONNECT) packet: its type, then an optional namespace.
const CONNECT_HEAD = /^0(?:(\/[^,]*),)?/
// A packet whose JSON the platform acts on: a handshake, an event or a binary event (its count of
// attachments), an optional namespace, an optional acknowledgement id.
const JSON_HEAD = /^([025])(?:\d{1,3}-)?(?:(\/[^,]*),)?(\d{0,15})/
// A binary event or acknowledgement: its type, its count of attachments, an optional namespace, an
// optional acknowledgement id. The count is all up to the dash, as socket.io reads it: a count it
// takes as a number ("+3", "1e1", " 2") is one too, or the packet would reach its decoder and be held.
const BINARY_HEAD = /^([56])([^-]*)-(?:(\/[^,]*),)?(\d{0,15})/

class AnsweringDecoder extends Decoder {
  // Attachments a binary packet declared and that have not come yet: each is dropped as it arrives.
  private owed = 0

  override add(obj: unknown): void {
    if (this.owed > 0) return this.drop(obj)
    const binary = typeof obj === 'string' ? BINARY_HEAD.exec(obj) : null
    if (binary !== null) return this.refuseBinary(binary)
    const bytes = byteLength(obj)
    if (bytes > MOST_MESSAGE_BYTES) return void this.emitReserved('decoded', tooLargePacket(obj, bytes))
    if (typeof obj === 'string') {
      if (holdsTooManyMembers(obj)) return void this.emitReserved('decoded', tooManyMembersPacket(obj))
      const duplicate = duplicateKeyPacket(obj)
      if (duplicate !== undefined) return void this.emitReserved('decoded', duplicate)
    }
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

  /** Answer a binary packet from its first frame, and owe its attachments nothing but dropping them. */
  private refuseBinary([, type, count, nsp, id]: RegExpExecArray): void {
    const attachments = Number(count)
    if (!Number.isInteger(attachments) || attachments < 1 || attachments > MOST_ATTACHMENTS)
      throw new Error('Illegal attachments')
    this.owed = attachments
    // The platform asks for no acknowledgement, so a binary one answers nothing.
    if (type === '6') return
    const ack = id === '' ? undefined : Number(id)
    this.emitReserved('decoded', { type: PacketType.EVENT, nsp: nsp ?? '/', id: ack, data: [BINARY_EVENT] })
  }

  /** An attachment owed is dropped unread; anything else where one is owed breaks the framing. */
  private drop(obj: unknown): void {
    if (typeof obj === 'string') throw new Error('got plaintext data when reconstructing a packet')
    const bytes = byteLength(obj)
    if (bytes > MOST_MESSAGE_BYTES)
      throw new Error(`a frame of ${bytes} bytes, more than the ${MOST_MESSAGE_BYTES} the platform reads`)
    this.owed--
  }
}

/** The size in bytes of a frame as it came: text in UTF-8, or binary; 0 for anything else. */
function byteLength(obj: unknown): number {
  if (typeof obj === 'string')
    return obj.length * 3 <= MOST_MESSAGE_BYTES ? obj.length : Buffer.byteLength(obj)
  if (obj instanceof ArrayBuffer || ArrayBuffer.isView(obj)) return obj.byteLength
  return 0
}

/**
 * The frame `obj`, of `bytes` bytes, over MOST_MESSAGE_BYTES, is decoded as: unparsed, a handshake
 * with TOO_LARGE_AUTH set or an event named TOO_LARGE_EVENT. Any other frame (a binary attachment,
 * a packet the platform never acts on) closes the connection as an unreadable one does.
 */
function tooLargePacket(obj: unknown, bytes: number): Packet {
  const head = typeof obj === 'string' ? JSON_HEAD.exec(obj.slice(0, EXCERPT_CHARS)) : null
  if (typeof obj !== 'string' || head === null)
    throw new Error(`a frame of ${bytes} bytes, more than the ${MOST_MESSAGE_BYTES} the platform reads`)
  const nsp = head[2] ?? '/'
  if (head[1] === '0') return { type: PacketType.CONNECT, nsp, data: { [TOO_LARGE_AUTH]: bytes } }
  const id = head[3] === '' ? undefined : Number(head[3])
  return { type: PacketType.EVENT, nsp, id, data: [TOO_LARGE_EVENT, bytes, obj.slice(0, EXCERPT_CHARS)] }
}

/**
 * The packet `text`, whose JSON holds too many members, is decoded as: unparsed, a handshake with
 * TOO_MANY_AUTH_MEMBERS set or an event named TOO_MANY_MEMBERS_EVENT. Any other packet is one the
 * platform never acts on, and closes the connection as an unreadable one does.
 */
function tooManyMembersPacket(text: string): Packet {
  const head = JSON_HEAD.exec(text)
  if (head === null) throw new Error('invalid payload')
  const nsp = head[2] ?? '/'
  if (head[1] === '0') return { type: PacketType.CONNECT, nsp, data: { [TOO_MANY_AUTH_MEMBERS]: true } }
  const id = head[3] === '' ? undefined : Number(head[3])
  return { type: PacketType.EVENT, nsp, id, data: [TOO_MANY_MEMBERS_EVENT] }
}

/**
 * The packet `text` is decoded as when its JSON names a key twice in one object; undefined when it
 * does not, or is no JSON at all (the standard decoder then refuses it its own way).
 */
function duplicateKeyPacket(text: string): Packet | undefined {
  const head = JSON_HEAD.exec(text)
  if (head === null) return undefined
  const json = text.slice(head[0].length)
  // The scan reads only text that parsed, and is worth running only where an object can be.
  if (!json.includes('{')) return undefined
  try {
    JSON.parse(json)
  } catch {
    return undefined
  }
  const key = firstDuplicateKey(json)
  if (key === undefined) return undefined
  const nsp = head[2] ?? '/'
  if (head[1] === '0') return { type: PacketType.CONNECT, nsp, data: { [DUPLICATE_AUTH_KEY]: key } }
  const id = head[3] === '' ? undefined : Number(head[3])
  return { type: PacketType.EVENT, nsp, id, data: [DUPLICATE_KEY_EVENT, key] }
}

/** The parser to give socket.io's Server: the encoder that sends stored JSON as is, the answering decoder. */
export const answeringParser = { Encoder: JsonTextEncoder, Decoder: AnsweringDecoder }
