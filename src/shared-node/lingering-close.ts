/**
 * Ending a connection whose last answer is out without a reset under that answer. A socket
 * destroyed while its client still sends is reset, and the client's writes then fail: an HTTP
 * client reports the reset instead of the answer, and Chromium an abnormal close without the
 * close code it was sent (a page then takes the server for down and knocks again). So the
 * connection is ended, and what the client still sends is read and dropped until it closes its
 * side, for LINGER_MS at most: a client that never closes its side cannot hold it half open.
 * Used by the browser shell and the reference platform.
 */
import { systemClock, type Clock } from '../shared/clock'

/** How long an ended connection still reads what its client sends before it is destroyed. */
export const LINGER_MS = 2_000

/** What lingering needs of a Node socket (a net.Socket or another Duplex). */
export interface LingeringSocket {
  resume(): unknown
  end(last: string): unknown
  end(): unknown
  destroy(): unknown
  on(event: 'error', listener: (error: Error) => void): unknown
  once(event: 'close', listener: () => void): unknown
}

/**
 * Reads and drops what comes on `socket`, which this side has ended (or is ending), until the
 * client closes its side, or for LINGER_MS at most. Whoever still listens for its data (a
 * WebSocket reading the client's close frame) goes on hearing it.
 */
export function lingerUntilClosed(socket: LingeringSocket, clock: Clock = systemClock): void {
  socket.resume()
  const linger = clock.setTimeout(() => socket.destroy(), LINGER_MS)
  socket.once('close', () => linger.cancel())
}

/** Ends `socket`, after `last` when given, then lingers (lingerUntilClosed). */
export function endLingering(socket: LingeringSocket, last?: string, clock: Clock = systemClock): void {
  socket.on('error', () => undefined)
  if (last === undefined) socket.end()
  else socket.end(last)
  lingerUntilClosed(socket, clock)
}
