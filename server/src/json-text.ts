/**
 * Sending JSON already serialized. The platform stores each event's JSON text; socket.io's encoder
 * would walk the same event again (looking for binary) and serialize it a second time for every
 * send. An argument wrapped in JsonText is spliced into the packet as it is instead.
 */
import { Encoder, PacketType, type Packet } from 'socket.io-parser'
import { namespaceRefusalWorded } from './unknown-namespace'

/** JSON text to send as it is, in place of the value it encodes. */
export class JsonText {
  constructor(readonly text: string) {}

  /** The value itself, for any serializer that does not know this wrapper. */
  toJSON(): unknown {
    return JSON.parse(this.text) as unknown
  }
}

/**
 * socket.io's packet encoder, except that an event whose one argument is JsonText is not re-encoded,
 * and an unknown namespace's refusal is worded as the platform's (unknown-namespace.ts).
 */
export class JsonTextEncoder extends Encoder {
  override encode(packet: Packet): ReturnType<Encoder['encode']> {
    const data: unknown = packet.data
    if (
      packet.type === PacketType.EVENT &&
      Array.isArray(data) &&
      data.length === 2 &&
      typeof data[0] === 'string' &&
      data[1] instanceof JsonText
    ) {
      // The same text encodeAsString writes: type, namespace unless the default, ack id, then the array.
      const nsp = packet.nsp && packet.nsp !== '/' ? `${packet.nsp},` : ''
      const ack = packet.id === undefined || packet.id === null ? '' : String(packet.id)
      return [`${PacketType.EVENT}${nsp}${ack}[${JSON.stringify(data[0])},${data[1].text}]`]
    }
    return super.encode(namespaceRefusalWorded(packet))
  }
}

/** Stands where a part whose JSON text is known goes, until `spliceJson` puts the text there. */
export const JSON_SLOT = '\u0000json-slot'
/** JSON_SLOT as it appears in JSON text, for text that keeps a slot to fill later. */
export const JSON_SLOT_TEXT = JSON.stringify(JSON_SLOT)

/**
 * JSON.stringify(value) where `value` holds JSON_SLOT in place of a part whose text is `partJson`:
 * the same text as serializing the whole with the part in place, without serializing the part
 * again (a fan-out's invites all carry the same request). The slot must come, in key order, before
 * any text a user chose, so that the first match is the slot itself.
 */
export function spliceJson(value: unknown, partJson: string): string {
  return fillSlot(JSON.stringify(value), partJson)
}

/** JSON text holding JSON_SLOT's text in place of a part, with `partJson` put there. */
export function fillSlot(json: string, partJson: string): string {
  const at = json.indexOf(JSON_SLOT_TEXT)
  if (at < 0) throw new Error('fillSlot: the text holds no JSON_SLOT')
  return `${json.slice(0, at)}${partJson}${json.slice(at + JSON_SLOT_TEXT.length)}`
}

/**
 * JSON text holding JSON_SLOT's text in `count` places, cut there: the `count + 1` parts around
 * them, in order. Filling the slots is then a join, with no search per copy (a fan-out's invites
 * differ only in what fills them). The slots must come before any text a user chose, as in
 * `spliceJson`.
 */
export function cutAtSlots(json: string, count: number): string[] {
  const parts: string[] = []
  let from = 0
  for (let i = 0; i < count; i++) {
    const at = json.indexOf(JSON_SLOT_TEXT, from)
    if (at < 0) throw new Error(`cutAtSlots: the text holds ${i} JSON_SLOT, not ${count}`)
    parts.push(json.slice(from, at))
    from = at + JSON_SLOT_TEXT.length
  }
  parts.push(json.slice(from))
  return parts
}
