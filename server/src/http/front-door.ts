/**
 * What every HTTP request and WebSocket upgrade passes before anything answers it, socket.io
 * included: the silence timer learns the connection spoke, a request that names no Host gets 400,
 * one addressed to a name this platform does not go by gets 421 with the address to use, and one
 * a web page of another site sends (its Origin says so) gets 403. Past those checks, an upgrade
 * off socket.io's path is answered as the plain request it also is, a plain request on it (long
 * polling) gets 400 saying to use WebSocket; a CONNECT gets 405 and an
 * Expect the platform cannot meet 417, each with a sentence where Node alone would say nothing.
 */
import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import type { Socket } from 'node:net'
import { logExcerpt, type Logger } from '../logger'
import type { HostCheck } from './host-check'
import { answerAndClose } from './http-util'
import { answerIgnoringUpgrade } from './ignored-upgrade'
import { rawJsonAnswer } from './raw-answer'
import { addressedOnlyTo, headerLines, hostLines } from '../../../src/shared-node/request-names'

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void
type UpgradeListener = (req: IncomingMessage, socket: Duplex, head: Buffer) => void

function misdirected(message: string): { status: number; body: string } {
  return { status: 421, body: JSON.stringify({ error: { code: 'forbidden', message } }) }
}

const NO_PROXY = JSON.stringify({
  error: {
    code: 'invalid_payload',
    message: 'This platform is no proxy and answers no CONNECT; use GET or POST on its own paths.',
  },
})

// engine.io's own refusal of long polling says only "Transport unknown", in a shape of its own.
const WEBSOCKET_ONLY = {
  status: 400,
  body: JSON.stringify({
    error: {
      code: 'invalid_payload',
      message:
        "The platform's socket.io takes WebSocket connections only; connect with transports: ['websocket'] (long polling is not served).",
    },
  }),
}

/** An engine.io protocol version, or a session to upgrade, socket.io here does not take: a 400 saying so. */
function socketIoMisfit(message: string): { status: number; body: string } {
  return { status: 400, body: JSON.stringify({ error: { code: 'invalid_payload', message } }) }
}

/**
 * Why the platform refuses the WebSocket handshake at `url` on socket.io's path, or undefined when
 * it is one socket.io takes. engine.io refuses another protocol version only once the WebSocket is
 * open, then writes its HTTP refusal into it, where no WebSocket client can read it.
 */
function socketIoRefusal(url: string): { status: number; body: string } | undefined {
  const query = new URL(url, 'http://platform.invalid').searchParams
  const version = query.getAll('EIO')
  if (version.length !== 1 || version[0] !== '4')
    return socketIoMisfit(
      `The platform speaks engine.io protocol 4 (socket.io 3 and later), and this handshake asked for EIO=${logExcerpt(version.join(','), 20)}; connect with a current socket.io client.`,
    )
  const transport = query.getAll('transport')
  if (transport.length !== 1 || transport[0] !== 'websocket') return WEBSOCKET_ONLY
  if (query.has('sid'))
    return socketIoMisfit(
      "The platform has no long-polling session to upgrade; connect over WebSocket from the start, with transports: ['websocket'].",
    )
  return undefined
}

const UNMET_EXPECTATION = {
  status: 417,
  body: JSON.stringify({
    error: {
      code: 'invalid_payload',
      message: 'The platform meets no Expect but 100-continue; send the request without that Expect header.',
    },
  }),
}

/** Answer a request with a refusal. */
function send(res: ServerResponse, refusal: { status: number; body: string }): void {
  res.writeHead(refusal.status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  })
  res.end(refusal.body)
}

const FOREIGN_ORIGIN = {
  status: 403,
  body: JSON.stringify({
    error: {
      code: 'forbidden',
      message:
        'This platform does not answer web pages of other sites or other addresses (the Origin header names another address than the one called); call it from the Standby app, a script or curl, which send no Origin.',
    },
  }),
}

// Node acts on the first of two, a proxy in front may on the last: the platform acts on neither.
const TWO_CREDENTIALS = {
  status: 400,
  body: JSON.stringify({
    error: {
      code: 'invalid_payload',
      message: 'The request carries more than one Authorization header; send one.',
    },
  }),
}

/**
 * Put the checks in front of every 'request' and 'upgrade' listener `http` has now (socket.io
 * registers its own when it attaches, so call this after attaching it).
 */
export function installFrontDoor(
  http: HttpServer,
  deps: {
    hosts: HostCheck
    spoke: (req: IncomingMessage, kind: 'request' | 'upgrade', res?: ServerResponse) => void
    logger: Logger
    /** Where the upgrade listeners take a WebSocket (socket.io's path, with its final slash). */
    upgradePath: string
    /** The answer refusing a WebSocket the platform has no room for now, or undefined to take it. */
    admitWebSocket?: (socket: Duplex) => string | undefined
  },
): void {
  const { hosts, spoke, logger, upgradePath } = deps
  const onRequest = http.listeners('request') as RequestListener[]
  const onUpgrade = http.listeners('upgrade') as UpgradeListener[]
  http.removeAllListeners('request')
  http.removeAllListeners('upgrade')
  // One line per connection: a keep-alive connection may repeat the same refused request.
  const logged = new WeakSet<Socket>()
  const logOnce = (req: IncomingMessage, message: string, fields?: Record<string, string>): void => {
    if (!logged.has(req.socket)) logger.warn(message, fields)
    logged.add(req.socket)
  }
  const refuse = (req: IncomingMessage): { status: number; body: string } | undefined => {
    // Node answers a request of HTTP/1.1 without one by itself, with no sentence: it is told not to.
    if (hostLines(req).length === 0) {
      logOnce(req, 'request refused: no Host')
      const message = `The request names no Host; send one, as host: ${hosts.example}.`
      return { status: 400, body: JSON.stringify({ error: { code: 'invalid_payload', message } }) }
    }
    if (!addressedOnlyTo(req, (host) => hosts.allows(host))) {
      logOnce(req, 'request refused: unknown Host', { host: logExcerpt(req.headers.host ?? '', 100) })
      return misdirected(hosts.refusal)
    }
    // A page of another site, or on another port, reaches a loopback name without rebinding
    // (fetch, a WebSocket, a form post); its browser says so in Origin, and nothing here serves such pages.
    if (!hosts.allowsOrigin(req.headers.origin, req.headers.host, req.socket.localPort)) {
      logOnce(req, 'request refused: Origin of another site', {
        origin: logExcerpt(req.headers.origin ?? '', 100),
      })
      return FOREIGN_ORIGIN
    }
    if (headerLines(req, /^authorization$/i).length <= 1) return undefined
    logOnce(req, 'request refused: more than one Authorization header')
    return TWO_CREDENTIALS
  }

  http.on('request', (req: IncomingMessage, res: ServerResponse) => {
    spoke(req, 'request', res)
    const refusal = refuse(req)
    if (refusal !== undefined) return send(res, refusal)
    // socket.io serves WebSocket only (socket-gateway.ts): a plain request on its path is polling.
    if ((req.url ?? '').startsWith(upgradePath)) {
      logOnce(req, 'request refused: socket.io without WebSocket', { path: logExcerpt(req.url ?? '', 100) })
      return send(res, WEBSOCKET_ONLY)
    }
    for (const listener of onRequest) listener.call(http, req, res)
  })
  // Node answers an Expect it cannot meet by itself, with no sentence and before any check.
  http.on('checkExpectation', (req: IncomingMessage, res: ServerResponse) => {
    spoke(req, 'request', res)
    send(res, refuse(req) ?? UNMET_EXPECTATION)
  })
  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    spoke(req, 'upgrade')
    const refusal = refuse(req)
    if (refusal !== undefined) {
      answerAndClose(socket, rawJsonAnswer(refusal.status, refusal.body))
      return
    }
    // Anything else that offers an Upgrade is an ordinary request, and is answered as one.
    if (!(req.url ?? '').startsWith(upgradePath)) return answerIgnoringUpgrade(req, socket, onRequest, http)
    const misfit = socketIoRefusal(req.url ?? '')
    if (misfit !== undefined) {
      logOnce(req, 'request refused: a socket.io handshake the platform does not take', {
        path: logExcerpt(req.url ?? '', 100),
      })
      return answerAndClose(socket, rawJsonAnswer(misfit.status, misfit.body))
    }
    const full = deps.admitWebSocket?.(socket)
    if (full !== undefined) return answerAndClose(socket, full)
    for (const listener of onUpgrade) listener.call(http, req, socket, head)
  })
  // Node cuts a CONNECT without a word unless someone listens for it.
  http.on('connect', (req: IncomingMessage, socket: Duplex) => {
    spoke(req, 'upgrade')
    answerAndClose(socket, rawJsonAnswer(405, NO_PROXY, ['cache-control: no-store']))
  })
}
