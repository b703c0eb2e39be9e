/**
 * WebSockets that have not yet said which expert they are. Each holds the platform's memory for
 * as long as its identify wait, and the per-address caps bound only what one address holds: many
 * addresses opening WebSockets and saying nothing would hold, together, as much as they liked. So
 * all of them together are capped, and a WebSocket over the cap is refused at its upgrade, before
 * it costs a WebSocket. The identify wait is timed here, not by socket.io, so that a connection
 * closed for saying nothing, or for sending a message before its handshake (which socket.io closes
 * without a word), is said in the log.
 */
import type { Duplex } from 'node:stream'
import type { Server } from 'socket.io'
import type { Clock } from '../../src/shared/clock'
import { peerAddress } from './http/http-util'
import { rawBusyAnswer } from './http/raw-answer'
import type { Logger } from './logger'

/** The limits this watch keeps: the cap over all addresses and how long each may stay silent. */
export interface UnidentifiedLimits {
  /** WebSockets from all addresses together that may be open without having said which expert they are. */
  readonly unidentified: number
  /** A WebSocket that has not said which expert it is by then (counted from its opening) is closed. */
  readonly identifyMs: number
  readonly clock: Clock
}

/** The engine.io connection as read here. */
interface EngineConnection {
  readonly request: { readonly socket: Duplex }
  readonly remoteAddress: string
  on(event: 'packet', listener: (packet: { type?: string; data?: unknown }) => void): void
  off(event: 'packet', listener: (packet: { type?: string; data?: unknown }) => void): void
  once(event: 'close', listener: () => void): void
  close(): void
}

/** socket.io's handshake packet type, the first character of its text. */
const CONNECT_PACKET = '0'

/** The answer to an upgrade over the cap, with a sentence and when to try again. */
function refusalResponse(cap: number): string {
  return rawBusyAnswer(
    `The platform holds too many connections that have not signed in yet (at most ${cap} at once, from all addresses); try again in a few seconds.`,
  )
}

/** The count and the identify wait of every WebSocket socket.io takes. */
export class UnidentifiedSockets {
  private readonly waiting = new Set<Duplex>()
  private readonly letIn = new WeakMap<object, () => void>()
  // One line per crowding, not per refused upgrade.
  private crowded = false

  constructor(
    private readonly limits: UnidentifiedLimits,
    private readonly logger: Logger,
  ) {}

  /**
   * At an upgrade on socket.io's path: the raw answer refusing it when the cap is reached, or
   * undefined, counting `socket` until it is let in or closes.
   */
  admit(socket: Duplex): string | undefined {
    const cap = this.limits.unidentified
    if (this.waiting.size >= cap) {
      if (!this.crowded)
        this.logger.warn(
          'connection refused: too many connections from all addresses have not signed in yet',
          {
            cap,
          },
        )
      this.crowded = true
      return refusalResponse(cap)
    }
    this.waiting.add(socket)
    socket.once('close', () => this.release(socket))
    return undefined
  }

  /** Time the identify wait of each connection `io` takes, and count it off once it is let in. */
  watch(io: Server): void {
    io.engine.on('connection', (conn: EngineConnection) => {
      const address = peerAddress({ remoteAddress: conn.remoteAddress })
      const timer = this.limits.clock.setTimeout(() => {
        this.logger.warn('connection closed: it did not sign in within the time allowed', {
          address,
          ms: this.limits.identifyMs,
        })
        conn.close()
      }, this.limits.identifyMs)
      conn.once('close', () => timer.cancel())
      // Heard before socket.io decodes it: anything but its handshake, before it, is closed there.
      const early = ({ type, data }: { type?: string; data?: unknown }): void => {
        if (type !== 'message' || (typeof data === 'string' && data.startsWith(CONNECT_PACKET))) return
        // socket.io closes it now; the timer stays, should it not.
        conn.off('packet', early)
        this.logger.warn('connection closed: it sent a message before signing in (its socket.io handshake)', {
          address,
        })
      }
      conn.on('packet', early)
      // Nothing is left listening on a connection let in: its messages pay for no check here.
      this.letIn.set(conn, () => {
        conn.off('packet', early)
        timer.cancel()
        this.release(conn.request.socket)
      })
    })
    io.on('connection', (socket) => this.letIn.get(socket.conn)?.())
  }

  private release(socket: Duplex): void {
    this.waiting.delete(socket)
    if (this.waiting.size < this.limits.unidentified) this.crowded = false
  }
}
