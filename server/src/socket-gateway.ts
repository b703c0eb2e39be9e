/**
 * The socket.io side of the platform: checks the protocol version and token at the handshake,
 * delivers each expert's events live, and answers commands and replays with acknowledgements.
 */
import type { Server as HttpServer } from 'node:http'
import { Server } from 'socket.io'
import type { Clock } from '../../src/shared/clock'
import {
  COMMAND_EVENT,
  describeVersionMismatch,
  LIVE_EVENT,
  PROBE_EVENT,
  PROTOCOL_VERSION,
  REPLAY_EVENT,
  ReplayRequest,
  SocketAuth,
  WELCOME_EVENT,
  type ConnectRefusal,
  type ErrorCode,
  type Welcome,
} from '../../src/shared/protocol'
import { tokenDigest, type TokenStore } from './auth'
import { logExcerpt, type Logger } from './logger'
import type { Marketplace } from './marketplace/marketplace'
import { describeIssues, describeValue } from '../../src/shared/describe-untrusted'
import type { ExpertRateLimits } from './rate-limiter'
import {
  answeringParser,
  BINARY_EVENT,
  DUPLICATE_AUTH_KEY,
  DUPLICATE_KEY_EVENT,
  MOST_MESSAGE_BYTES,
  TOO_LARGE_AUTH,
  TOO_LARGE_EVENT,
  TOO_MANY_AUTH_MEMBERS,
  TOO_MANY_MEMBERS_EVENT,
  UNREADABLE_EVENT,
} from './answering-decoder'
import { tooManyMembers } from './json-members'
import { JsonText } from './json-text'
import { sendToRoom } from './room-send'
import { answer, OncePerConnection, refuseUnknownEvent } from './socket-answer'
import { ExpertUnreadTotals, limitUnreadBacklog } from './unread-backlog'
import { ExpertFloodBudgets, limitIncomingFlood } from './flood-guard'
import type { UnauthorizedLog } from './http/unauthorized-log'
import { logClosedByFrame, sendQueuedBeforeClosing, tooLarge } from './oversize-frames'
import { LONGEST_TIMER_MS } from './http/connection-guard'
import type { UnidentifiedSockets } from './unidentified-sockets'

/**
 * The largest frame the platform takes off the wire. A message over MOST_MESSAGE_BYTES and within
 * this is refused with an answer, unread, and the connection carries on; a larger frame cannot be
 * held to be answered, and closes the connection (logged).
 */
export const MOST_READ_FRAME_BYTES = 10 * MOST_MESSAGE_BYTES

/**
 * The heartbeat: a ping this often, and a peer that has not answered one this long after is gone.
 * Both sides (the client takes these from the handshake) notice a silent dead link within their
 * sum, which must stay under the fifteen seconds the app promises. A ping waits behind what is
 * being sent, so the app sizes each replay page to cross well within the timeout at its link's rate,
 * and answers the ping unasked while bytes of a message arrive (one event may be slower than that).
 */
const HEARTBEAT = { pingInterval: 5_000, pingTimeout: 8_000 }

/**
 * The most sockets one sign-in may hold open at once: an app holds one, a reconnect briefly two;
 * a client that opens socket after socket with one token gets a refusal instead of the platform's
 * memory.
 */
export const MAX_SOCKETS_PER_TOKEN = 8

/** The room of every socket one expert has open. */
export function expertRoom(expertId: string): string {
  return `expert:${expertId}`
}

const TOKEN_ROOM = 'token:'

/** Every socket opened with one token, so revoking the token can cut them all. */
function tokenRoomOf(tokenHash: string): string {
  return `${TOKEN_ROOM}${tokenHash}`
}

/** The digest of every token that has a socket open now: each is in use, however long ago it connected. */
export function liveTokenHashes(io: Server): string[] {
  return [...io.sockets.adapter.rooms.keys()]
    .filter((room) => room.startsWith(TOKEN_ROOM))
    .map((room) => room.slice(TOKEN_ROOM.length))
}

function refusal(code: ErrorCode, message: string): Error & { data: ConnectRefusal } {
  return Object.assign(new Error(message), {
    data: { code, message, serverProtocolVersion: PROTOCOL_VERSION },
  })
}

/** Attach the platform's socket.io server to `http`. */
export function attachSocketGateway(
  http: HttpServer,
  deps: {
    marketplace: Marketplace
    tokens: TokenStore
    clock: Clock
    logger: Logger
    /** Each expert's message allowance, shared by all their connections and their HTTP replays. */
    rateLimits: ExpertRateLimits
    /** Counts and times the connections that have not said which expert they are yet. */
    unidentified: UnidentifiedSockets
    /** The oldest app version still supported, announced in every welcome; none when undefined. */
    minimumAppVersion?: string
    /** The most unsent bytes a socket may hold (unread-backlog.ts); its default unless a test lowers it. */
    mostUnreadBytes?: number
    /** Where a refused token is logged, as over HTTP: once per address and token per window. */
    unauthorized: UnauthorizedLog
  },
): Server {
  const { marketplace, tokens, clock, logger, rateLimits } = deps
  const floodBudgets = new ExpertFloodBudgets(rateLimits.limit, clock)
  const unreadTotals = new ExpertUnreadTotals()
  const io = new Server(http, {
    serveClient: false,
    // WebSocket only, as the app connects: a long-polling session is no connection of its own,
    // so one kept-alive connection could open sessions without end, past every per-address cap.
    transports: ['websocket'],
    maxHttpBufferSize: MOST_READ_FRAME_BYTES,
    parser: answeringParser,
    // The identify wait is timed by `unidentified`, which says in the log why it closed one;
    // socket.io's own timer, which would close it without a word, is never the first.
    connectTimeout: LONGEST_TIMER_MS,
    ...HEARTBEAT,
    // No connectionStateRecovery: the app replays by event cursor after every reconnect, which
    // covers every gap, and socket.io's packet buffer cost time on every fan-out and memory on
    // every socket (`npm run bench -- platform-fanout`; the figures are in the README).
  })

  deps.unidentified.watch(io)

  // One session per connection. A handshake sent again before the first was answered (by a link
  // that delivers a frame twice) would open a second one, and every event would arrive twice.
  const inSession = new WeakSet<object>()
  io.use((socket, next) => {
    if (inSession.has(socket.conn)) {
      logger.warn('connection refused: a second handshake on one connection')
      return next(
        refusal(
          'invalid_payload',
          'This connection already has its session; send the handshake once, or open another connection.',
        ),
      )
    }
    if ((socket.handshake.auth as { [TOO_MANY_AUTH_MEMBERS]?: true })[TOO_MANY_AUTH_MEMBERS]) {
      logger.warn('connection refused: handshake holding too many keys')
      return next(refusal('invalid_payload', tooManyMembers('The handshake')))
    }
    const large = (socket.handshake.auth as { [TOO_LARGE_AUTH]?: number })[TOO_LARGE_AUTH]
    if (large !== undefined) {
      logger.warn('connection refused: handshake too large', { bytes: large })
      return next(refusal('invalid_payload', tooLarge('The handshake', large)))
    }
    const duplicate = (socket.handshake.auth as { [DUPLICATE_AUTH_KEY]?: string })[DUPLICATE_AUTH_KEY]
    if (duplicate !== undefined) {
      logger.warn('connection refused: handshake naming a key twice', { key: describeValue(duplicate) })
      return next(
        refusal(
          'invalid_payload',
          `The handshake names the key ${describeValue(duplicate)} twice; send each key once.`,
        ),
      )
    }
    // What was wrong, not only what is needed: a version of 1e308 is present, yet refused.
    const malformed = (issues: Parameters<typeof describeIssues>[0]): void => {
      const reason = describeIssues(issues)
      logger.warn('connection refused: malformed handshake', { reason })
      next(
        refusal(
          'invalid_payload',
          `The handshake must carry a token and a protocolVersion, only (${reason}).`,
        ),
      )
    }
    // Its version alone first: an app of another protocol is told to update whatever else its
    // handshake holds (a key this one lacks, a token of another shape, none), never that it is malformed.
    const version = SocketAuth.shape.protocolVersion.safeParse(
      (socket.handshake.auth as { protocolVersion?: unknown } | null)?.protocolVersion,
    )
    if (version.success && version.data !== PROTOCOL_VERSION) {
      logger.warn('connection refused: protocol mismatch', { client: version.data, server: PROTOCOL_VERSION })
      return next(
        refusal('protocol_mismatch', describeVersionMismatch(PROTOCOL_VERSION, version.data, 'platform')),
      )
    }
    const auth = SocketAuth.safeParse(socket.handshake.auth)
    if (!auth.success) return malformed(auth.error.issues)
    const expertId = tokens.expertFor(auth.data.token, clock.now())
    if (expertId === undefined) {
      deps.unauthorized.note('connection refused: unknown token', {
        address: socket.handshake.address,
        token: auth.data.token,
      })
      return next(refusal('unauthorized', 'Your sign-in has expired or was revoked; sign in again.'))
    }
    const tokenHash = tokenDigest(auth.data.token)
    const open = io.sockets.adapter.rooms.get(tokenRoomOf(tokenHash))?.size ?? 0
    if (open >= MAX_SOCKETS_PER_TOKEN) {
      logger.warn('connection refused: too many sockets for one sign-in', { expert: expertId })
      return next(
        refusal(
          'rate_limited',
          `This sign-in already has ${open} connections open, the most allowed; close another Standby window or wait for a stale connection to time out, then try again.`,
        ),
      )
    }
    socket.data.expertId = expertId
    socket.data.tokenHash = tokenHash
    inSession.add(socket.conn)
    socket.once('disconnect', () => inSession.delete(socket.conn))
    // In the token's room at once, not at 'connection' a tick later: handshakes of one token that
    // arrive together must each see the others when they are counted.
    void socket.join(tokenRoomOf(tokenHash))
    next()
  })

  io.on('connection', (socket) => {
    const expertId = socket.data.expertId as string
    // A revocation cuts the connected sockets in the token's room; one whose handshake passed the
    // check but was not connected yet was missed, and would carry a revoked token for good.
    if (!tokens.holds(socket.data.tokenHash as string)) {
      logger.info('connection closed: its sign-in ended during the handshake', { expert: expertId })
      socket.disconnect(true)
      return
    }
    // A client that leaves its session (socket.io's own leave, which socket.io-client sends only as
    // it closes the connection) leaves nothing else on the connection: socket.io would keep it open
    // for as long as the client answers pings, past the handshake's time limit and every token cap.
    socket.once('disconnect', (reason) => {
      if (reason === 'client namespace disconnect') socket.conn.close()
    })
    limitUnreadBacklog(socket, logger, { expert: expertId }, unreadTotals, deps.mostUnreadBytes)
    limitIncomingFlood(socket, floodBudgets.of(expertId), rateLimits.limit, logger, { expert: expertId })
    void socket.join(expertRoom(expertId))
    const once = new OncePerConnection(logger, { expert: expertId })
    const bucket = { take: () => rateLimits.take(expertId), retryAfterMs: rateLimits.retryAfterMs }
    const context = { bucket, logger, once, clock }
    const welcome: Welcome = {
      protocolVersion: PROTOCOL_VERSION,
      expertId,
      latestEventId: marketplace.events.latestId(expertId),
      serverTime: clock.now(),
      leavesOutTooLarge: true,
      ...(deps.minimumAppVersion === undefined ? {} : { minimumAppVersion: deps.minimumAppVersion }),
    }
    socket.emit(WELCOME_EVENT, welcome)
    answer(socket, COMMAND_EVENT, context, (payload) => marketplace.execute(expertId, payload))
    answer(socket, REPLAY_EVENT, context, (payload) => {
      const request = ReplayRequest.safeParse(payload)
      if (!request.success) {
        const message = `Invalid replay: ${describeIssues(request.error.issues)}`
        // Logged as a refused command is: a client asking for replays it cannot get is worth seeing.
        logger.warn('replay refused', { expert: expertId, reason: logExcerpt(message, 300) })
        return { ok: false, error: { code: 'invalid_payload', message } }
      }
      return { ok: true, result: marketplace.answerReplay(expertId, request.data) }
    })
    answer(socket, PROBE_EVENT, context, () => ({ ok: true, result: {} }))
    // Whatever the client sends that closes its connection is said, once, since it closes.
    logClosedByFrame(socket, logger, expertId, MOST_READ_FRAME_BYTES)
    sendQueuedBeforeClosing(socket)
    socket.onAny((event: unknown, ...args: unknown[]) => {
      if (event === COMMAND_EVENT || event === REPLAY_EVENT || event === PROBE_EVENT) return
      if (event === UNREADABLE_EVENT) once.warn('unreadable socket message refused')
      else if (event === DUPLICATE_KEY_EVENT) once.warn('socket message naming a key twice refused')
      else if (event === BINARY_EVENT) once.warn('socket message with binary attachments refused unread')
      else if (event === TOO_MANY_MEMBERS_EVENT) once.warn('socket message holding too many keys refused')
      else if (event === TOO_LARGE_EVENT)
        once.warn('socket message too large refused', {
          bytes: Number(args[0]),
          start: describeValue(args[1]),
        })
      else once.warn('unknown socket event ignored', { event: describeValue(event) })
      refuseUnknownEvent(event, args, context)
    })
  })

  tokens.onRevoked((tokenHash) => {
    const room = tokenRoomOf(tokenHash)
    const connections = io.sockets.adapter.rooms.get(room)?.size ?? 0
    if (connections === 0) return
    logger.info('sign-in revoked: its connections closed', { connections })
    io.in(room).disconnectSockets(true)
  })

  // The event's stored text, sent as it is: serialized once, when it was appended.
  marketplace.events.subscribeSender((expertId, _event, json) => {
    sendToRoom(io.sockets, expertRoom(expertId), LIVE_EVENT, new JsonText(json))
  })
  return io
}
