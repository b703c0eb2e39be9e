/**
 * The socket.io side of the platform: checks the protocol version and token at the handshake,
 * delivers each expert's events live, and answers commands and replays with acknowledgements.
 */
import type { Server as HttpServer } from 'node:http'
import { Server, type Socket } from 'socket.io'
import type { Clock } from '../../src/shared/clock'
import {
  COMMAND_EVENT,
  describeVersionMismatch,
  LIVE_EVENT,
  PROTOCOL_VERSION,
  REPLAY_EVENT,
  ReplayRequest,
  SocketAuth,
  WELCOME_EVENT,
  type CommandAck,
  type ConnectRefusal,
  type ErrorCode,
  type Welcome,
} from '../../src/shared/protocol'
import type { TokenStore } from './auth'
import type { Logger } from './logger'
import type { Marketplace } from './marketplace/marketplace'
import { describeIssues } from './platform-error'
import { TokenBucket, type RateLimit } from './rate-limiter'

/** The largest message a client may send; commands are small. */
const MAX_MESSAGE_BYTES = 100_000

function roomOf(expertId: string): string {
  return `expert:${expertId}`
}

function refusal(code: ErrorCode, message: string): Error & { data: ConnectRefusal } {
  return Object.assign(new Error(message), {
    data: { code, message, serverProtocolVersion: PROTOCOL_VERSION },
  })
}

/** Attach the platform's socket.io server to `http`. */
export function attachSocketGateway(
  http: HttpServer,
  deps: { marketplace: Marketplace; tokens: TokenStore; clock: Clock; logger: Logger; rateLimit: RateLimit },
): Server {
  const { marketplace, tokens, clock, logger, rateLimit } = deps
  const io = new Server(http, {
    serveClient: false,
    maxHttpBufferSize: MAX_MESSAGE_BYTES,
    // No connectionStateRecovery: the app replays by event cursor after every reconnect, which
    // covers every gap, and socket.io's packet buffer cost about 3 ms per 100-expert fan-out and
    // 45 MiB per 1,000 sockets in `npm run bench`.
  })

  io.use((socket, next) => {
    const auth = SocketAuth.safeParse(socket.handshake.auth)
    if (!auth.success) {
      logger.warn('connection refused: malformed handshake', { reason: describeIssues(auth.error.issues) })
      return next(refusal('invalid_payload', 'The handshake must carry a token and a protocolVersion.'))
    }
    if (auth.data.protocolVersion !== PROTOCOL_VERSION) {
      logger.warn('connection refused: protocol mismatch', {
        client: auth.data.protocolVersion,
        server: PROTOCOL_VERSION,
      })
      return next(
        refusal(
          'protocol_mismatch',
          describeVersionMismatch(PROTOCOL_VERSION, auth.data.protocolVersion, 'platform'),
        ),
      )
    }
    const expertId = tokens.expertFor(auth.data.token)
    if (expertId === undefined) {
      logger.warn('connection refused: unknown token')
      return next(refusal('unauthorized', 'Your sign-in has expired or was revoked; sign in again.'))
    }
    socket.data.expertId = expertId
    next()
  })

  io.on('connection', (socket) => {
    const expertId = socket.data.expertId as string
    void socket.join(roomOf(expertId))
    const bucket = new TokenBucket(rateLimit, clock)
    const welcome: Welcome = {
      protocolVersion: PROTOCOL_VERSION,
      expertId,
      latestEventId: marketplace.events.latestId(expertId),
      serverTime: clock.now(),
    }
    socket.emit(WELCOME_EVENT, welcome)
    answer(socket, COMMAND_EVENT, bucket, logger, clock, (payload) => marketplace.execute(expertId, payload))
    answer(socket, REPLAY_EVENT, bucket, logger, clock, (payload) => {
      const request = ReplayRequest.safeParse(payload)
      if (!request.success) {
        return {
          ok: false,
          error: {
            code: 'invalid_payload',
            message: `Invalid replay: ${describeIssues(request.error.issues)}`,
          },
        }
      }
      const { after, limit, snapshot } = request.data
      return {
        ok: true,
        result: snapshot
          ? { kind: 'snapshot', snapshot: marketplace.snapshot(expertId) }
          : marketplace.replay(expertId, after, limit),
      }
    })
    socket.onAny((event: unknown) => {
      if (event !== COMMAND_EVENT && event !== REPLAY_EVENT)
        logger.warn('unknown socket event ignored', { expert: expertId, event: String(event).slice(0, 60) })
    })
  })

  marketplace.events.subscribe((expertId, event) => {
    io.to(roomOf(expertId)).emit(LIVE_EVENT, event)
  })
  return io
}

/** Register an acknowledged handler that rate-limits, never throws, and logs what it refuses. */
function answer(
  socket: Socket,
  event: string,
  bucket: TokenBucket,
  logger: Logger,
  clock: Clock,
  handle: (payload: unknown) => CommandAck,
): void {
  socket.on(event, (payload: unknown, answerWith: unknown) => {
    if (typeof answerWith !== 'function') {
      logger.warn('message without acknowledgement ignored', { event })
      return
    }
    // Every answer carries the platform's time, read as it leaves, for the app's clock estimate.
    const ack = (reply: CommandAck): void => void answerWith({ ...reply, serverTime: clock.now() })
    if (!bucket.take()) {
      logger.warn('rate limit hit', { event, expert: String(socket.data.expertId) })
      ack({
        ok: false,
        error: { code: 'rate_limited', message: 'Too many requests at once; wait a moment and try again.' },
      })
      return
    }
    try {
      ack(handle(payload))
    } catch (error) {
      logger.error('handler failed', { event, error: String(error) })
      ack({ ok: false, error: { code: 'internal', message: 'The platform failed to answer; try again.' } })
    }
  })
}
