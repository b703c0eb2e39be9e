import { describe, expect, it } from 'vitest'
import { Encoder, PacketType } from 'socket.io-parser'
import { JSON_SLOT, JsonText, JsonTextEncoder, spliceJson } from '../../../server/src/json-text'

const value = { id: 7, text: 'a "quoted" \\ line\n🚀', nested: { list: [1, null, 'x'] } }

describe('JsonTextEncoder', () => {
  const standard = new Encoder()
  const ours = new JsonTextEncoder()

  it('writes the same packet for stored JSON text as the standard encoder writes for the value', () => {
    for (const head of [{ nsp: '/' }, { nsp: '/admin' }, { nsp: '/', id: 12 }]) {
      const packet = (data: unknown) => ({ type: PacketType.EVENT, ...head, data: ['platform-event', data] })
      expect(ours.encode(packet(new JsonText(JSON.stringify(value))))).toEqual(standard.encode(packet(value)))
    }
  })

  it('encodes every other packet as the standard encoder does', () => {
    const packets = [
      { type: PacketType.EVENT, nsp: '/', data: ['welcome', value] },
      { type: PacketType.ACK, nsp: '/', id: 3, data: [{ ok: true }] },
      { type: PacketType.EVENT, nsp: '/', data: ['binary', Buffer.from('abc')] },
    ]
    for (const packet of packets) expect(ours.encode(packet)).toEqual(standard.encode(packet))
  })

  it('serializes JsonText to its value for any other serializer', () => {
    expect(JSON.stringify({ event: new JsonText(JSON.stringify(value)) })).toBe(
      JSON.stringify({ event: value }),
    )
  })
})

describe('spliceJson', () => {
  it('gives the text JSON.stringify gives for the whole, the part serialized once', () => {
    const whole = { id: 'inv_1', request: value, reason: 'matched', state: 'open' }
    expect(spliceJson({ ...whole, request: JSON_SLOT }, JSON.stringify(value))).toBe(JSON.stringify(whole))
  })

  it('refuses a value without the slot, rather than sending it without the part', () => {
    expect(() => spliceJson({ id: 'inv_1' }, '{}')).toThrow(/no JSON_SLOT/)
  })
})
