import { describe, expect, it } from 'vitest'
import { Encoder, PacketType } from 'socket.io-parser'
import {
  cutAtSlots,
  JSON_SLOT,
  JSON_SLOT_TEXT,
  JsonText,
  JsonTextEncoder,
  spliceJson,
} from '../../../server/src/json-text'

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

describe('cutAtSlots', () => {
  const whole = { invite: { id: 'inv_1', request: value, reason: 'matched', state: 'open' } }
  const slotted = JSON.stringify({ invite: { ...whole.invite, id: JSON_SLOT, request: JSON_SLOT } })

  it('cuts at each slot, so that joining the parts with their texts gives the whole', () => {
    const [beforeId, beforeRequest, rest] = cutAtSlots(slotted, 2)
    expect(`${beforeId}${JSON.stringify('inv_1')}${beforeRequest}${JSON.stringify(value)}${rest}`).toBe(
      JSON.stringify(whole),
    )
  })

  it('keeps a slot to fill later when joined with JSON_SLOT_TEXT', () => {
    const [beforeId, beforeRequest, rest] = cutAtSlots(slotted, 2)
    const kept = `${beforeId}${JSON.stringify('inv_1')}${beforeRequest}${JSON_SLOT_TEXT}${rest}`
    expect(spliceJson(JSON.parse(kept), JSON.stringify(value))).toBe(JSON.stringify(whole))
  })

  it('cuts only at the first slots asked for: a later slot text (a user typing it) stays as it is', () => {
    const typed = JSON.stringify({ id: JSON_SLOT, note: JSON_SLOT })
    expect(cutAtSlots(typed, 1)).toEqual(['{"id":', `,"note":${JSON_SLOT_TEXT}}`])
  })

  it('refuses text with fewer slots than asked for', () => {
    expect(() => cutAtSlots(JSON.stringify({ id: JSON_SLOT }), 2)).toThrow(/holds 1 JSON_SLOT, not 2/)
  })
})
