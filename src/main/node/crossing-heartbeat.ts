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
 *
 * A link that brings a byte now and then carries nothing a catch-up can use, though: answered at
 * each byte, it was kept online until its message ended, hours later for a page of the largest
 * frame. So the heartbeat is answered only while what arrived within the last pong timeout would
 * bring the smallest page a platform takes across within the time a replay is given (a floor far
 * under a slow link's few hundred bytes a second). Under it, the link counts as dead: both sides
 * close it at their heartbeat's timeout, and the catch-up asks for smaller pages over the next.
 *
 * The platform times its wait from the last pong, the app from the last byte: a chunk that came
 * between two pongs and then a stall left the platform closing the link up to a pong's spacing
 * before the app would, on the slow links this is for. So a chunk that got no pong of its own
 * gets one once the link has been quiet for that spacing, one pong for a whole burst.
 */
import { CrossingPace } from '../core/connection/crossing-pace'

/** The part of engine.io-client's socket this reaches into (private there, hence checked). */
interface EngineHeartbeat {
  readonly readyState?: unknown
  /** The engine's transport: writable once its WebSocket is open, before the handshake is read. */
  readonly transport?: { readonly writable?: unknown }
  readonly _pingTimeout?: unknown
  _sendPacket?: (type: 'pong') => void
  _resetPingTimeout?: () => void
}

/** How often the heartbeat is answered unasked, in parts of the platform's pong timeout. */
const ANSWERS_PER_TIMEOUT = 4

/** The pong timeout assumed when the handshake's is not at hand: the app's promise on noticing a dead link. */
const ASSUMED_TIMEOUT_MS = 8_000

/**
 * Call with the connection's engine and the chunk's size each time bytes of a message arrive part
 * way: while the link carries at least the floor, the client's wait for the next ping starts over
 * at each chunk, and every so often (a quarter of the platform's pong timeout, on `now`, a
 * monotonic clock in ms) the platform gets a pong, and one more once chunks it did not answer are
 * followed by as long without one. Does nothing with an engine.io-client that keeps these otherwise.
 * `reset` starts afresh for the next connection, owing nothing.
 */
export function crossingHeartbeat(now: () => number = () => performance.now()): {
  crossing(engine: unknown, bytes: number): void
  reset(): void
} {
  let answeredAt = -Infinity
  /** The pong owed to the platform for chunks that came after the last one sent. */
  let trailing: ReturnType<typeof setTimeout> | undefined
  const cancelTrailing = (): void => {
    clearTimeout(trailing)
    trailing = undefined
  }
  /** What arrived within the last pong timeout (crossing-pace.ts). */
  const pace = new CrossingPace()
  return {
    crossing(engine, bytes) {
      const heartbeat = engine as EngineHeartbeat | undefined
      if (typeof heartbeat?._sendPacket !== 'function') return
      // A chunk can close its connection as it is read (a frame too large): a closed engine sends
      // nothing, and its ping wait restarted would hold it, closed, until that wait ran out.
      const open = isOpen(heartbeat)
      if (!open && !handshaking(heartbeat)) return
      const given = heartbeat._pingTimeout
      const timeout = typeof given === 'number' && given > 0 ? given : ASSUMED_TIMEOUT_MS
      const at = now()
      if (!pace.carries(at, bytes, timeout)) return
      // The app's own wait runs from the last byte, whatever came before it, so a stall of a slow
      // link mid-message is judged by its length alone, as the link's check judges it: restarted
      // only at a pong, it ran out up to a pong's spacing sooner. Restarting it costs no bytes.
      // Before the handshake is read the client has no wait of its own: one set then would end at once.
      if (open) heartbeat._resetPingTimeout?.()
      const spacing = timeout / ANSWERS_PER_TIMEOUT
      cancelTrailing()
      if (at - answeredAt < spacing) {
        // Waiting out a quiet spell rather than answering each chunk keeps a trickle's upload to
        // the spacing's pongs; the platform's wait then runs from no earlier than the last byte.
        trailing = setTimeout(() => {
          trailing = undefined
          if (!isOpen(heartbeat) && !handshaking(heartbeat)) return
          answeredAt = now()
          heartbeat._sendPacket?.('pong')
        }, spacing)
        trailing.unref?.()
        return
      }
      answeredAt = at
      heartbeat._sendPacket('pong')
    },
    reset() {
      cancelTrailing()
      answeredAt = -Infinity
      pace.reset()
    },
  }
}

/** Whether the engine is open (or keeps no state this reads): what it sends goes out. */
function isOpen(engine: EngineHeartbeat): boolean {
  return engine.readyState === undefined || engine.readyState === 'open'
}

/**
 * Whether the engine's WebSocket is open while the platform's handshake is still crossing it: the
 * platform times its first ping from the moment it sent the handshake, and that ping waits behind
 * the handshake's bytes, so over a link of a few bytes a second it came after the platform had
 * given up. A pong sent meanwhile goes out at once and answers it.
 */
function handshaking(engine: EngineHeartbeat): boolean {
  return engine.readyState === 'opening' && engine.transport?.writable === true
}
