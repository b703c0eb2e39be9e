/**
 * A request that offers to switch to a protocol the shell does not speak ("Upgrade: h2c", as
 * `curl --http2` sends). Node hands every request with an Upgrade header to the 'upgrade'
 * listeners, not to the routes, where the IPC socket would refuse it as a WebSocket it is not. A
 * server may ignore the offer and answer the request as HTTP/1.1 (RFC 9110, Upgrade), which is
 * what happens here; one with a body is refused instead, since Node no longer reads it for the
 * routes once the request went to 'upgrade'.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import { plainText } from '../main/node/renderer-pages/renderer-pages'
import { answerUpgradeAsRequest } from '../shared-node/answer-upgrade-as-request'
import { carriesBody } from '../shared-node/upgrade-offer'
import { answerAndClose } from './raw-answer'

/**
 * Answers `req`, which came to the 'upgrade' listeners, through `route` as the ordinary request it
 * also is, on its own connection, which is closed once the answer is out.
 */
export function answerIgnoringUpgrade(
  req: IncomingMessage,
  socket: Duplex,
  route: (req: IncomingMessage, res: ServerResponse) => void,
): void {
  socket.on('error', () => undefined)
  if (carriesBody(req)) {
    const sentence =
      'This request offers to switch protocols (an Upgrade header), which Standby does not do here; send it again without the Upgrade header.'
    return answerAndClose(socket, plainText(400, sentence))
  }
  answerUpgradeAsRequest(req, socket, route)
}
