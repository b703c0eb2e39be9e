/**
 * The IPC contract carried over a WebSocket, for the browser shell. It applies the same checks as
 * Electron's IPC helper: only our own page (addressed to the shell's own host name, from its
 * origin, presenting this run's secret) may connect, and every call is parsed with the
 * contract's schema before its handler runs.
 */
import type { IncomingMessage, Server } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import { z } from 'zod'
import type { AppApi } from '../main/core/app-api'
import type { Logger } from '../main/core/ports/logger'
import {
  invokeContract,
  type InvokeChannel,
  type InvokeRequest,
  type PushEvent,
  type PushPayload,
} from '../shared/ipc/contract'
import { fail, type IpcResult } from '../shared/ipc/result'
import { notCarriedOut } from '../shared/ipc/call-phrases'
import { describeAddress } from '../shared/describe-untrusted'
import { requestTarget } from '../shared/request-target'
import { answerCall } from '../main/core/ipc/answer-call'
import { CallNotStarted, callTurns } from '../main/core/ipc/call-turns'
import {
  IPC_SOCKET_PATH,
  MOST_CALL_BYTES,
  PAGE_ID_PATTERN,
  PAGE_PARAM,
  SECRET_PARAM,
  TOO_MANY_PAGES_CLOSE,
  WRONG_KEY_CLOSE,
} from '../shared/ipc/shell-socket'
import { plainText } from '../main/node/renderer-pages/renderer-pages'
import { isWebSocketUpgrade } from '../shared-node/upgrade-offer'
import { endLingering } from '../shared-node/lingering-close'
import { answerAndClose } from './raw-answer'
import { frameText, type FrameText } from './frame-text'
import { malformedCallAnswer } from './malformed-call'
import { isAddressedTo } from './own-host'
import { trackPageFocus } from './page-focus'
import { pageCalls, type Carrier } from './page-calls'
import { pageOutbox } from './page-outbox'
import { matchesRunSecret } from './run-secret'

// JSON drops an undefined request (calls like app.getInfo() have none), so it may be missing.
const CallMessage = z.object({
  id: z.number().int().nonnegative(),
  channel: z.string().max(100),
  request: z.unknown().optional(),
})

// The id a page names itself with; a socket without one (or with another shape) only loses the
// answers still owed to it when it drops, as every socket did before pages named themselves.
const PageId = z.string().regex(PAGE_ID_PATTERN)

/**
 * How many pages may be connected at once. A person has the window open in a tab or two, and a
 * reloaded page closes its old socket; past this, something opens sockets without closing them.
 */
export const MOST_PAGES = 16

/** The server side of the contract over WebSocket. */
export interface IpcSocketServer {
  /** Push an event to every connected page. */
  push<E extends PushEvent>(event: E, payload: PushPayload<E>): void
  /** How many pages are connected. */
  readonly clients: number
  close(): Promise<void>
}

/** Attach the IPC socket to `http`; `origin` is the shell's own origin, e.g. http://127.0.0.1:5173. */
export function attachIpcSocket(
  http: Server,
  deps: {
    api: AppApi
    origin: string
    secret: string
    log: Logger
    /** Answers a request whose Upgrade header asks for something other than a WebSocket. */
    otherUpgrade: (req: IncomingMessage, socket: Duplex) => void
  },
): IpcSocketServer {
  const { api, origin, secret, log } = deps
  // ws would answer pings itself, past the outbox's count of what waits to be sent, and cut a page
  // with a few dozen pongs waiting. The outbox answers them, counted with the page's answers, so
  // a page that pings and does not read is paused like any page that does not read, not dropped.
  const wss = new WebSocketServer({ noServer: true, maxPayload: MOST_CALL_BYTES, autoPong: false })

  // A socket's error (a reset, a malformed frame) is one page's problem: without a listener Node
  // would throw it and end the shell for every page, so each is logged and that socket dropped.
  wss.on('error', (error) => log.warn(`Browser shell's IPC socket server failed: ${error.message}`))
  http.on('upgrade', (req, socket, head) => {
    if (!isWebSocketUpgrade(req)) return deps.otherUpgrade(req, socket)
    socket.on('error', (error) =>
      log.warn(`Browser shell: an IPC connection failed while opening (${error.message}); the page retries.`),
    )
    const refusal = refuse(req, origin)
    if (refusal !== undefined) {
      log.warn(`Browser shell refused an IPC connection: ${refusal}`)
      answerAndClose(
        socket,
        plainText(403, 'Only Standby’s own page may open this connection: open the address Standby printed.'),
      )
      return
    }
    if (!matchesRunSecret(secret, secretOf(req, origin))) {
      log.warn('Browser shell refused an IPC connection: wrong or missing secret')
      // One of its own pages (its origin, its host), left open from an earlier run: told in a way
      // the page can read, so it stops trying and says how to open Standby again. Ended once the
      // close frame is out, still reading the calls the page sent as it opened (a reset under them
      // loses the code): ws would otherwise hold the connection until the page answers the close,
      // and a client that never does would keep it open long after a refusal.
      wss.handleUpgrade(req, socket, head, (ws) => {
        ws.close(WRONG_KEY_CLOSE.code, WRONG_KEY_CLOSE.reason)
        endLingering(socket)
      })
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      connections.set(ws, socket)
      wss.emit('connection', ws, req)
    })
  })

  const carriers = new WeakMap<WebSocket, Carrier & { push(text: string): void }>()
  // Each page's connection under its socket, to let go of it once the shell has closed the page.
  const connections = new WeakMap<WebSocket, Duplex>()
  // The pages closed for too many pages, whose connections are read on only to end them.
  const setAside = new WeakSet<WebSocket>()
  const calls = pageCalls()
  // ws hands over every frame of one read at once: each call's work waits for a turn of its own.
  const turns = callTurns<WebSocket>()
  const focus = trackPageFocus<WebSocket>(
    (surface, focused) => api['app.reportFocus']({ surface, focused }),
    log,
  )
  wss.on('connection', (ws: WebSocket, req: IncomingMessage) => {
    closeOldestPastBound()
    const outbox = pageOutbox(ws, log)
    const carrier = {
      open: () => ws.readyState === ws.OPEN,
      // Settled calls of an earlier socket: their bytes count, so a page that does not read them is
      // paused once its own answers add to them, but they are no calls in flight.
      send: (text: string) => outbox.send(text),
      push: (text: string) => outbox.push(text),
    }
    carriers.set(ws, carrier)
    const pageId = PageId.safeParse(requestTarget(req.url, origin)?.searchParams.get(PAGE_PARAM))
    if (pageId.success) calls.attach(pageId.data, carrier)
    // ws closes the connection after a bad frame (with the matching close code); the page reconnects.
    ws.on('error', (error) =>
      log.warn(
        `Browser shell closed an IPC connection after an error (${error.message}); the page reconnects.`,
      ),
    )
    ws.on('message', (data, isBinary) => {
      // Once set aside, the page's connection is read only to end it, at full speed past the
      // outbox's hold: a call it still sends is not carried out, and the page, not finding it
      // among the calls known when it returns, says so.
      if (setAside.has(ws)) return
      outbox.take(() => answer(ws, carrier, frameText(data, isBinary)))
    })
    ws.on('ping', (data) => outbox.pong(data))
    ws.on('close', () => {
      // A page that sends a flood and closes, again and again, would leave the shell more work
      // with each socket: what has not started does not, and the page is told so if it returns.
      // The close comes after every frame the page sent before it, read once reading resumes.
      outbox.flush()
      const dropped = turns.forget(ws)
      if (dropped > 0)
        log.warn(
          `Browser shell did not start ${dropped} calls of a page whose connection closed before their turn came; the page is told if it reconnects.`,
        )
      // A tab closed while focused may never say so (no pagehide): its socket closing does.
      focus.closed(ws)
      calls.detach(carrier)
    })
  })

  // The newest page is the one a person just opened; a page that opens sockets and never closes
  // them only ever closes its own older ones, and the shell holds a bounded number of outboxes.
  function closeOldestPastBound(): void {
    const open = [...wss.clients].filter((client) => client.readyState === client.OPEN)
    if (open.length <= MOST_PAGES) return
    log.warn('Browser shell closed its oldest page: more pages are connected than it keeps.')
    const oldest = open[0]
    if (oldest === undefined) return
    oldest.close(TOO_MANY_PAGES_CLOSE.code, TOO_MANY_PAGES_CLOSE.reason)
    setAside.add(oldest)
    // ws would hold the connection, its outbox and its calls until the page answers the close,
    // which a page that opens sockets in a loop never does: each would then hold its share.
    const connection = connections.get(oldest)
    if (connection !== undefined) endLingering(connection)
  }

  /** The answer to one message from a page, or undefined when it cannot say which call it was. */
  async function answer(ws: WebSocket, carrier: Carrier, frame: FrameText): Promise<string | undefined> {
    let parsed: unknown
    try {
      parsed = JSON.parse(frame.text)
    } catch {
      log.warn('Browser shell ignored an IPC message that is not JSON')
      return undefined
    }
    const call = CallMessage.safeParse(parsed)
    if (!call.success || !frame.wellFormed) return malformedCallAnswer(parsed, frame.wellFormed, log)
    const { id, channel, request } = call.data
    const route = calls.track(carrier, id)
    if (route === undefined) {
      // The page matches answers to calls by id: a second answer under one would settle the wrong
      // call, or none, and running the call could carry it out twice (a message sent twice).
      log.warn(
        `Browser shell refused a call under id ${id}: the page's earlier call under it is not answered yet, and its answer is the one sent under that id.`,
      )
      return undefined
    }
    const result = await dispatch(ws, channel, request)
    return route(JSON.stringify({ id, result }))
  }

  async function dispatch(ws: WebSocket, channel: string, request: unknown): Promise<IpcResult<unknown>> {
    if (!Object.hasOwn(invokeContract, channel)) {
      // The page chose the name: escaped and cut between whole characters, it forges no log line.
      const named = describeAddress(channel)
      log.warn(`Browser shell: unknown IPC channel ${named}`)
      return fail('invalid_payload', `There is no call named ${named}.`)
    }
    if (channel === 'app.reportFocus') {
      // Its turn may come after its socket closed, which gave up the page's focus: a report then
      // would hold the focus for a page that is gone, and silence every client message.
      const report = ({ surface, focused }: InvokeRequest<'app.reportFocus'>): void => {
        if (ws.readyState === ws.OPEN) focus.report(ws, surface, focused)
      }
      return inTurn(ws, channel, () => answerCall(channel, request, report, log))
    }
    const name = channel as InvokeChannel
    return inTurn(ws, name, () => answerCall(name, request, api[name] as (request: unknown) => never, log))
  }

  /** Answers `work` in the page's turn, or says it was not carried out if the page left first. */
  async function inTurn(
    ws: WebSocket,
    channel: InvokeChannel,
    work: () => Promise<IpcResult<unknown>>,
  ): Promise<IpcResult<unknown>> {
    try {
      return await turns.start(ws, work)
    } catch (error) {
      if (!(error instanceof CallNotStarted)) throw error
      log.warn(`${channel} was not carried out: its page's connection closed before its turn came.`)
      return notCarriedOut(channel, 'the window lost its connection to Standby before it started. Try again.')
    }
  }

  return {
    push(event, payload) {
      const text = JSON.stringify({ event, payload })
      for (const client of wss.clients) carriers.get(client)?.push(text)
    },
    get clients() {
      return wss.clients.size
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate()
        calls.clear()
        wss.close(() => resolve())
      }),
  }
}

/**
 * Why a connection must be refused at its handshake, or undefined for one of the shell's own pages
 * (its path, host and origin), whose key is checked next. What the caller chose (any web page
 * picks the path, a local program any header) is named by a short, escaped excerpt.
 */
function refuse(req: IncomingMessage, origin: string): string | undefined {
  const url = requestTarget(req.url, origin)
  if (url === null) return 'a malformed address'
  if (url.pathname !== IPC_SOCKET_PATH) return `unknown path ${describeAddress(url.pathname)}`
  if (!isAddressedTo(req, origin)) return `another host name ${named(req.headers.host)}`
  if (req.headers.origin !== origin) return `foreign origin ${named(req.headers.origin)}`
  return undefined
}

/** The secret a connection presents, once `refuse` has found its address readable. */
function secretOf(req: IncomingMessage, origin: string): string | null {
  return requestTarget(req.url, origin)?.searchParams.get(SECRET_PARAM) ?? null
}

/** A header's value as a log line may show it, or that there was none. */
function named(header: string | undefined): string {
  return header === undefined ? '(none)' : describeAddress(header)
}
