import { afterEach, describe, expect, it, vi } from 'vitest'
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

/** A chunk as a link brings it: one TCP segment. */
const CHUNK = 1_400

/** How many pongs `socket` sent. */
const pongs = (socket: ReturnType<typeof engine>): number => socket.told.filter((t) => t === 'pong').length

describe('the heartbeat kept while a message crosses', () => {
  it('answers the platform unasked a few times within its pong timeout, not at every chunk', () => {
    let now = 0
    const heartbeat = crossingHeartbeat(() => now)
    const socket = engine(8_000)
    for (now = 0; now < 8_000; now += 20) heartbeat.crossing(socket, CHUNK)
    expect(socket.told.filter((t) => t === 'pong')).toHaveLength(4)
  })

  it('starts its own wait for the next ping over at every chunk of a link that carries, so a stall is timed from the last byte', () => {
    let now = 0
    const heartbeat = crossingHeartbeat(() => now)
    const socket = engine(8_000)
    heartbeat.crossing(socket, CHUNK)
    socket.told.length = 0
    // The last chunk before a slow link stalls comes soon after a pong.
    now = 100
    heartbeat.crossing(socket, CHUNK)
    expect(socket.told).toEqual(['wait for the next ping afresh'])
  })

  it('answers at once over a new connection, however lately the last one did', () => {
    let now = 0
    const heartbeat = crossingHeartbeat(() => now)
    heartbeat.crossing(engine(8_000), CHUNK)
    now = 1
    heartbeat.reset()
    const next = engine(8_000)
    heartbeat.crossing(next, CHUNK)
    expect(next.told).toContain('pong')
  })

  it('takes the pong timeout the app promises when the handshake gave none it can read', () => {
    let now = 0
    const heartbeat = crossingHeartbeat(() => now)
    const socket = engine('soon')
    for (now = 0; now < 8_000; now += 20) heartbeat.crossing(socket, CHUNK)
    expect(socket.told.filter((t) => t === 'pong')).toHaveLength(4)
  })

  it('does nothing with an engine that keeps its heartbeat otherwise', () => {
    const heartbeat = crossingHeartbeat(() => 0)
    expect(() => heartbeat.crossing({}, CHUNK)).not.toThrow()
    expect(() => heartbeat.crossing(undefined, CHUNK)).not.toThrow()
  })

  it('leaves a connection that closed as its last chunk was read alone', () => {
    const heartbeat = crossingHeartbeat(() => 0)
    const closed = engine(8_000, 'closed')
    heartbeat.crossing(closed, CHUNK)
    expect(closed.told).toEqual([])
  })

  it('keeps answering a link of a few hundred bytes a second, however its chunks come', () => {
    let now = 0
    const heartbeat = crossingHeartbeat(() => now)
    const socket = engine(8_000)
    // A few segments over a minute: a chunk of a few hundred bytes every second or so.
    for (now = 0; now < 60_000; now += 1_500) heartbeat.crossing(socket, 400)
    // At least once within every pong timeout, so the platform never closes it.
    expect(pongs(socket)).toBeGreaterThan(60_000 / 8_000)
  })

  it("leaves a link that brings a byte every few seconds to the platform's heartbeat, as it can never carry a page", () => {
    let now = 0
    const heartbeat = crossingHeartbeat(() => now)
    const socket = engine(8_000)
    for (now = 0; now < 600_000; now += 3_000) heartbeat.crossing(socket, 1)
    expect(socket.told).toEqual([])
  })

  it('answers again once a link that slowed to a trickle carries again', () => {
    let now = 0
    const heartbeat = crossingHeartbeat(() => now)
    const socket = engine(8_000)
    for (now = 0; now < 30_000; now += 3_000) heartbeat.crossing(socket, 1)
    heartbeat.crossing(socket, 1_400)
    expect(pongs(socket)).toBe(1)
  })

  describe('after the last chunk before a stall', () => {
    afterEach(() => void vi.useRealTimers())

    /** The platform's heartbeat (server/src/socket-gateway.ts): it closes this long after the last pong. */
    const PLATFORM_WAITS_MS = 5_000 + 8_000

    /** A heartbeat on the fake clock, and a socket recording when each pong left. */
    function onFakeClock() {
      vi.useFakeTimers()
      const heartbeat = crossingHeartbeat(() => Date.now())
      const socket = engine(8_000)
      const pongAt: number[] = []
      const send = socket._sendPacket
      socket._sendPacket = (type) => {
        if (type === 'pong') pongAt.push(Date.now())
        send(type)
      }
      return { heartbeat, socket, pongAt }
    }

    it('answers the platform once the burst ends, so it waits on a stall at least as long as the app', () => {
      const { heartbeat, socket, pongAt } = onFakeClock()
      const start = Date.now()
      heartbeat.crossing(socket, CHUNK)
      // The last chunk before the stall comes soon after that pong.
      vi.advanceTimersByTime(100)
      heartbeat.crossing(socket, CHUNK)
      const lastByte = Date.now()
      vi.advanceTimersByTime(PLATFORM_WAITS_MS)
      expect(pongAt[0]).toBe(start)
      // The platform's wait runs from a pong sent no sooner than the last byte.
      expect(pongAt.at(-1)).toBeGreaterThanOrEqual(lastByte)
    })

    it('sends one trailing pong for a whole burst, and none over a link that closed', () => {
      const { heartbeat, socket } = onFakeClock()
      for (let i = 0; i < 50; i++) {
        heartbeat.crossing(socket, CHUNK)
        vi.advanceTimersByTime(20)
      }
      vi.advanceTimersByTime(PLATFORM_WAITS_MS)
      expect(pongs(socket)).toBe(2)

      const closing = onFakeClock()
      closing.heartbeat.crossing(closing.socket, CHUNK)
      vi.advanceTimersByTime(20)
      closing.heartbeat.crossing(closing.socket, CHUNK)
      closing.socket.readyState = 'closed'
      vi.advanceTimersByTime(PLATFORM_WAITS_MS)
      expect(pongs(closing.socket)).toBe(1)
    })

    it('owes a connection given up on nothing', () => {
      const { heartbeat, socket } = onFakeClock()
      heartbeat.crossing(socket, CHUNK)
      vi.advanceTimersByTime(20)
      heartbeat.crossing(socket, CHUNK)
      heartbeat.reset()
      vi.advanceTimersByTime(PLATFORM_WAITS_MS)
      expect(pongs(socket)).toBe(1)
    })

    it('keeps the upload of a trickle to the pongs it sent before, one more at each stall', () => {
      const { heartbeat, socket } = onFakeClock()
      // A minute of a slow link's steady trickle, then a stall.
      for (let t = 0; t < 60_000; t += 200) {
        heartbeat.crossing(socket, 400)
        vi.advanceTimersByTime(200)
      }
      const duringTrickle = pongs(socket)
      vi.advanceTimersByTime(PLATFORM_WAITS_MS)
      expect(pongs(socket)).toBe(duringTrickle + 1)
    })
  })
})
