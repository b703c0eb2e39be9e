/**
 * A request that offers to switch protocols where the platform switches to none: HTTP/2 over
 * plain text ("Upgrade: h2c", as curl --http2 sends), or a WebSocket off socket.io's path. Node
 * hands every such request to the 'upgrade' listeners, not to the routes, and socket.io's drops
 * one off its path a second later without a word. A server may ignore the offer and answer the
 * request as HTTP/1.1 (RFC 9110, Upgrade), which is what happens here; one with a body is
 * refused instead, since Node no longer reads it for the routes once the request went to 'upgrade'.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import { answerUpgradeAsRequest } from '../../../src/shared-node/answer-upgrade-as-request'
import { endLingering } from '../../../src/shared-node/lingering-close'
import { carriesBody } from '../../../src/shared-node/upgrade-offer'
import { rawJsonAnswer } from './raw-answer'

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void

const WITH_BODY = JSON.stringify({
  error: {
    code: 'invalid_payload',
    message:
      'This request offers to switch protocols (an Upgrade header), which the platform does not do here; send it again without the Upgrade header.',
  },
})

/**
 * Answer `req`, which came to the 'upgrade' listeners, through `onRequest` as the ordinary request
 * it also is, on its own connection, which is closed once the answer is out.
 */
export function answerIgnoringUpgrade(
  req: IncomingMessage,
  socket: Duplex,
  onRequest: ReadonlyArray<RequestListener>,
  self: unknown,
): void {
  socket.on('error', () => {})
  if (carriesBody(req)) {
    // The client is still sending that body: read and dropped while the answer goes out, as a
    // reset under it would cost the client the answer (Node no longer parses an upgrade's socket).
    endLingering(socket, rawJsonAnswer(400, WITH_BODY, ['cache-control: no-store']))
    return
  }
  answerUpgradeAsRequest(req, socket, (request, res) => {
    for (const listener of onRequest) listener.call(self, request, res)
  })
}
