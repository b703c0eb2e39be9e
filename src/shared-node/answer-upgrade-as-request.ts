/**
 * Answering a request that came to a server's 'upgrade' listeners (an offer to switch protocols
 * the server does not take) as the ordinary HTTP/1.1 request it also is (RFC 9110, Upgrade), on
 * its own connection. Node hands every request with an Upgrade header to those listeners, not to
 * the routes, with the raw socket: the answer is given a ServerResponse on it here.
 */
import { ServerResponse, type IncomingMessage } from 'node:http'
import type { Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import { endLingering } from './lingering-close'

/**
 * Answers `req`, which has no body (a caller refuses one that has: Node no longer reads it for
 * the routes), through `route`, then ends the connection lingering (lingering-close.ts).
 */
export function answerUpgradeAsRequest(
  req: IncomingMessage,
  socket: Duplex,
  route: (req: IncomingMessage, res: ServerResponse) => void,
): void {
  const res = new ServerResponse(req)
  res.shouldKeepAlive = false
  try {
    res.assignSocket(socket as Socket)
  } catch {
    // Another answer still owns the connection (a pipelined request): nothing can be sent in order.
    socket.destroy()
    return
  }
  res.once('finish', () => {
    res.detachSocket(socket as Socket)
    endLingering(socket)
  })
  // The request has no body: a route that reads one reads it empty rather than waiting for ever.
  req.complete = true
  req.push(null)
  route(req, res)
}
