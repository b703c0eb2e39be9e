/**
 * The agent the socket.io connection opens its TCP (or TLS) connection through, telling of every
 * chunk of bytes that arrives. socket.io tells of a message only once the whole of it is in: on a
 * link slow enough, one invite takes longer to cross than the silence after which the link is
 * checked, and the check's answer waits behind it, so a link that carries bytes all along was taken
 * for dead and replaced, again at every try, and the catch-up never got past that invite.
 */
import { Agent as HttpAgent, type ClientRequestArgs } from 'node:http'
import { Agent as HttpsAgent } from 'node:https'
import type { Duplex } from 'node:stream'

type Made = (err: Error | null, stream: Duplex) => void

/** An agent for `secure` (https) or plain connections whose every arriving chunk calls `arrived`. */
export function byteWatchAgent(secure: boolean, arrived: () => void): HttpAgent {
  const watch = (stream: Duplex | null | undefined): Duplex | null | undefined => {
    stream?.on('data', arrived)
    return stream
  }
  if (secure) {
    return new (class extends HttpsAgent {
      override createConnection(options: ClientRequestArgs, made?: Made): Duplex | null | undefined {
        return watch(super.createConnection(options, made))
      }
    })()
  }
  return new (class extends HttpAgent {
    override createConnection(options: ClientRequestArgs, made?: Made): Duplex | null | undefined {
      return watch(super.createConnection(options, made))
    }
  })()
}
