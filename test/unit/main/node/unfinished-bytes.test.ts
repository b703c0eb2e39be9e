// Whether a chunk leaves a message part way in beneath engine.io: a TLS record not yet whole, or a
// WebSocket frame ws holds; a version of ws that keeps them otherwise tells nothing.
import { describe, expect, it } from 'vitest'
import { longestCrossingMs } from '../../../../src/main/core/connection/crossing-pace'
import {
  TlsRecordFraming,
  UnfinishedMessageBytes,
  webSocketHoldsPart,
} from '../../../../src/main/node/unfinished-bytes'

/** A TLS application-data record carrying `bytes` of ciphertext. */
function record(bytes: number): Buffer {
  const header = Buffer.from([23, 3, 3, 0, 0])
  header.writeUInt16BE(bytes, 3)
  return Buffer.concat([header, Buffer.alloc(bytes, 7)])
}

describe('TLS records crossing', () => {
  it('tells a chunk that ends one record and starts the next from one that ends where a record does', () => {
    const small = record(40)
    const large = record(16_000)
    const framing = new TlsRecordFraming()
    expect(framing.read(Buffer.concat([small, large.subarray(0, 100)]))).toBe(true)
    expect(framing.read(large.subarray(100, 8_000))).toBe(true)
    expect(framing.read(large.subarray(8_000))).toBe(false)
    expect(framing.read(Buffer.concat([small, small]))).toBe(false)
  })

  it('follows a record header cut between chunks', () => {
    const framing = new TlsRecordFraming()
    const whole = record(300)
    expect(framing.read(whole.subarray(0, 3))).toBe(true)
    expect(framing.read(whole.subarray(3, 5))).toBe(true)
    expect(framing.read(whole.subarray(5))).toBe(false)
  })
})

describe('a WebSocket holding part of a message', () => {
  it('is told by ws’s receiver, and taken as holding nothing when it cannot be read', () => {
    expect(webSocketHoldsPart({ ws: { _receiver: { _bufferedBytes: 12, _fragments: [] } } })).toBe(true)
    expect(
      webSocketHoldsPart({ ws: { _receiver: { _bufferedBytes: 0, _fragments: [Buffer.alloc(1)] } } }),
    ).toBe(true)
    expect(webSocketHoldsPart({ ws: { _receiver: { _bufferedBytes: 0, _fragments: [] } } })).toBe(false)
    expect(webSocketHoldsPart(undefined)).toBe(false)
    expect(webSocketHoldsPart({ ws: {} })).toBe(false)
  })
})

describe('the bytes of one message part way in', () => {
  it('count up to the bound, not past it, and afresh once a message ends', () => {
    const unfinished = new UnfinishedMessageBytes(1_000)
    expect(unfinished.within(600)).toBe(true)
    expect(unfinished.within(400)).toBe(true)
    expect(unfinished.within(1)).toBe(false)
    expect(unfinished.within(1)).toBe(false)
    unfinished.ended()
    expect(unfinished.within(1_000)).toBe(true)
  })

  it('count for no longer than the largest message takes at the floor, however slowly they come', () => {
    const largest = 10_000
    let now = 0
    const unfinished = new UnfinishedMessageBytes(2 * largest, longestCrossingMs(largest), () => now)
    // A few bytes every few seconds for ever: never past the bytes the largest message brings.
    const counted: boolean[] = []
    for (now = 0; now <= 2 * longestCrossingMs(largest); now += 5_000) counted.push(unfinished.within(10))
    const last = Math.floor(longestCrossingMs(largest) / 5_000)
    expect(counted.slice(0, last + 1).every(Boolean)).toBe(true)
    expect(counted.slice(last + 1).some(Boolean)).toBe(false)
    expect(10 * counted.length).toBeLessThan(2 * largest)
    // The next message is timed from its own first bytes.
    unfinished.ended()
    expect(unfinished.within(10)).toBe(true)
  })
})
