import { describe, expect, it } from 'vitest'
import { crossingHeartbeat } from '../../../../src/main/node/crossing-heartbeat'

/** A stand-in for engine.io-client's socket, with the handshake's pong timeout, recording what it was told. */
function engine(pingTimeout?: unknown, readyState = 'open') {
  const told: string[] = []
  return {
    told,
    readyState,
    _pingTimeout: pingTimeout,
    _sendPacket: (type: string) => void told.push(type),
    _resetPingTimeout: () => void told.push('wait for the next ping afresh'),
  }
}

describe('the heartbeat kept while a message crosses', () => {
  it('answers the platform unasked a few times within its pong timeout, not at every chunk', () => {
    let now = 0
    const heartbeat = crossingHeartbeat(() => now)
    const socket = engine(8_000)
    for (now = 0; now < 8_000; now += 20) heartbeat.crossing(socket)
    expect(socket.told.filter((t) => t === 'pong')).toHaveLength(4)
    expect(socket.told.filter((t) => t === 'wait for the next ping afresh')).toHaveLength(4)
  })

  it('answers at once over a new connection, however lately the last one did', () => {
    let now = 0
    const heartbeat = crossingHeartbeat(() => now)
    heartbeat.crossing(engine(8_000))
    now = 1
    heartbeat.reset()
    const next = engine(8_000)
    heartbeat.crossing(next)
    expect(next.told).toContain('pong')
  })

  it('takes the pong timeout the app promises when the handshake gave none it can read', () => {
    let now = 0
    const heartbeat = crossingHeartbeat(() => now)
    const socket = engine('soon')
    for (now = 0; now < 8_000; now += 20) heartbeat.crossing(socket)
    expect(socket.told.filter((t) => t === 'pong')).toHaveLength(4)
  })

  it('does nothing with an engine that keeps its heartbeat otherwise', () => {
    const heartbeat = crossingHeartbeat(() => 0)
    expect(() => heartbeat.crossing({})).not.toThrow()
    expect(() => heartbeat.crossing(undefined)).not.toThrow()
  })

  it('leaves a connection that closed as its last chunk was read alone', () => {
    const heartbeat = crossingHeartbeat(() => 0)
    const closed = engine(8_000, 'closed')
    heartbeat.crossing(closed)
    expect(closed.told).toEqual([])
  })
})
