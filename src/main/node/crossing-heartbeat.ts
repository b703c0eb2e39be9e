/**
 * The heartbeat kept while a message crosses a slow link. The platform's ping waits on the wire
 * behind what it sent before it, and the app answers only once the ping arrives: over a link slow
 * enough, one invite too large to split took longer to cross than the platform waits for the
 * answer, and longer than engine.io-client waits for the next ping, so both sides closed the
 * connection under it, again at every try, and the catch-up never got past that invite.
 *
 * Bytes of a message arriving part way prove both that the platform lives and that the link
 * carries, so while they do, the app answers the heartbeat unasked (engine.io's server takes any
 * pong as the answer to its ping) and restarts its own wait for the next ping. A link that carries
 * nothing brings no bytes and gets no answer: it is noticed as soon as before. Done here, in the
 * app, it holds against any engine.io server; the platform could not tell a slow link from a dead
 * one, as the bytes it sends wait in the operating system's buffers, not in its own.
 */

/** The part of engine.io-client's socket this reaches into (private there, hence checked). */
interface EngineHeartbeat {
  readonly readyState?: unknown
  readonly _pingTimeout?: unknown
  _sendPacket?: (type: 'pong') => void
  _resetPingTimeout?: () => void
}

/** How often the heartbeat is answered unasked, in parts of the platform's pong timeout. */
const ANSWERS_PER_TIMEOUT = 4

/** The pong timeout assumed when the handshake's is not at hand: the app's promise on noticing a dead link. */
const ASSUMED_TIMEOUT_MS = 8_000

/**
 * Call with the connection's engine each time bytes of a message arrive part way: every so often
 * (a quarter of the platform's pong timeout, on `now`, a monotonic clock in ms) the platform gets a
 * pong and the client's wait for the next ping starts over. Does nothing with an engine.io-client
 * that keeps these otherwise. `reset` starts afresh for the next connection.
 */
export function crossingHeartbeat(now: () => number = () => performance.now()): {
  crossing(engine: unknown): void
  reset(): void
} {
  let answeredAt = -Infinity
  return {
    crossing(engine) {
      const heartbeat = engine as EngineHeartbeat | undefined
      if (typeof heartbeat?._sendPacket !== 'function') return
      // A chunk can close its connection as it is read (a frame too large): a closed engine sends
      // nothing, and its ping wait restarted would hold it, closed, until that wait ran out.
      if (heartbeat.readyState !== undefined && heartbeat.readyState !== 'open') return
      const timeout = heartbeat._pingTimeout
      const every =
        (typeof timeout === 'number' && timeout > 0 ? timeout : ASSUMED_TIMEOUT_MS) / ANSWERS_PER_TIMEOUT
      const at = now()
      if (at - answeredAt < every) return
      answeredAt = at
      heartbeat._sendPacket('pong')
      heartbeat._resetPingTimeout?.()
    },
    reset() {
      answeredAt = -Infinity
    },
  }
}
