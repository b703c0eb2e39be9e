/**
 * The link's connection over socket.io, the platform's transport: the one file of the app that
 * imports socket.io (its client, and its parser to keep what is decoded to the protocol). Used by
 * both hosts through the runtime; the core sees only the LinkTransport port.
 */
import { io, type Socket } from 'socket.io-client'
import { Decoder, Encoder, PacketType, type Packet } from 'socket.io-parser'
import { platformBasePath } from '../../shared/platform-url'
import { mostMessageBytes } from '../../shared/protocol/message-size'
import type { LinkTransport } from '../core/ports/link-transport'
import { byteWatchAgent } from './byte-watch-agent'
import { ANNOUNCED_CLOSE, brokeProtocol, whyClosed, whyNotConnected } from './socket-io-close-reasons'
import { failAnswersIfOversized } from './oversized-answers'
import { closedForHandshake, guardHandshakes } from './engine-handshake'
import { crossingHeartbeat } from './crossing-heartbeat'
import { longestCrossingMs } from '../core/connection/crossing-pace'
import { UnfinishedMessageBytes, webSocketHoldsPart } from './unfinished-bytes'
import { markPacketReceived } from './packet-received-mark'
import { platformNames } from './name-lookups'
import { PING_FLOOD, pingFloodWatch } from './ping-flood-watch'
import { protocolPacket, type ConnectionSoFar } from './socket-io-packet-filter'
import { watchUpgradeAnswer, type UpgradeAnswer } from './upgrade-redirect'

/** A socket.io connection that never reconnects by itself: retrying is the link's. */
export const socketIoTransport: LinkTransport = (options, handlers) => {
  // ws would hold a frame of any size up to its own default before validation could refuse it; engine.io
  // passes this on to ws, which ends the connection on a larger frame. Not in socket.io's types: spread in.
  const wsLimits = { maxPayload: mostMessageBytes() }
  // socket.io-client reads a URL's path as a namespace, so a platform served under a path
  // (https://host/standby) is reached at its origin, with the path leading to its socket.io.
  const platform = new URL(options.platformUrl)
  const connection: ConnectionSoFar = { letIn: false, refused: false, awaited: new Set() }
  /** Bytes arrived since the last whole packet: a message is part way across. */
  let partial = false
  /** The connection the attempt under way (or open) made; undefined once it closed or was let go of. */
  let carrying: object | undefined
  // Twice the largest message: room for its TLS records' and WebSocket frames' own bytes; and as
  // long as the largest takes at the floor.
  const unfinished = new UnfinishedMessageBytes(
    2 * wsLimits.maxPayload,
    longestCrossingMs(wsLimits.maxPayload),
  )
  const heartbeat = crossingHeartbeat()
  /** The WebSocket of the connection open now holds part of a message. */
  const heldBelow = (): boolean =>
    webSocketHoldsPart((socket.io.engine as { transport?: unknown } | undefined)?.transport)
  /** More of a message not yet whole arrived, `bytes` of it, on the connection open now. */
  const crossed = (bytes: number): void => {
    if (!unfinished.within(bytes)) return
    handlers.crossing?.(bytes)
    heartbeat.crossing(socket.io.engine, bytes)
  }
  const socket = io(platform.origin, {
    path: `${platformBasePath(platform)}/socket.io`,
    auth: options.auth,
    transports: ['websocket'],
    // socket.io's own reconnection cannot be told to retry at once on resume, so the link retries.
    reconnection: false,
    autoConnect: false,
    forceNew: true,
    // Not socket.io's timer, which ends a handshake still crossing a slow link: the link gives each
    // attempt up once the connect timeout passes without its bytes coming (attempt-deadline.ts).
    timeout: false as unknown as number,
    parser: protocolParser(connection, (what) => handlers.passedOver(what)),
    // Bytes arriving prove the connection carries something before a message is whole: a slow
    // link is not taken for a dead one while an answer crosses it. engine.io hands the agent to ws
    // as Node's http agent; its option type names only a browser's string.
    agent: byteWatchAgent(platform.protocol === 'https:', () => {
      // Made for the attempt starting now. The one before is let go of, but it may linger while its
      // WebSocket waits for the answer to its close, which a slow link brings behind the rest of a
      // message: those bytes tell nothing of this connection, nor that an answer is crossing it.
      const made = {}
      carrying = made
      partial = false
      unfinished.ended()
      return (bytes, recordUnfinished) => {
        if (carrying !== made) return
        // Before the connection is open, a chunk is more of its handshake: the attempt is crossing a
        // slow link. The heartbeat is answered once ws has read it (the upgrade's end opens the WebSocket).
        const open = (socket.io.engine as { readyState?: string } | undefined)?.readyState === 'open'
        if (!open && unfinished.within(bytes)) {
          handlers.crossing?.(bytes)
          queueMicrotask(() => heartbeat.crossing(socket.io.engine, bytes))
        }
        partial = open
        handlers.heard()
        // The agent hears each chunk before socket.io reads it. Once engine.io has read it, a
        // chunk that left a message unfinished is crossing from its first on: a probe's answer
        // and the platform's ping wait behind that message, and a slow link's next chunk may come
        // only after the probe's time or the ping's has run out. So is one that ended a message
        // and began the next (unfinished-bytes.ts), though engine.io got a whole packet of it.
        if (open) queueMicrotask(() => (partial || recordUnfinished || heldBelow()) && crossed(bytes))
      }
    }) as unknown as string,
    ...wsLimits,
  })
  const pings = pingFloodWatch()
  /** What was wrong with the current attempt's handshake, when it could not be used. */
  let unusableHandshake: string | undefined
  /** What an answer refusing the current attempt's upgrade said: a redirect's address, a busy wait. */
  let upgradeAnswer: UpgradeAnswer | undefined
  /** The engines (one per attempt) whose handshakes are read before engine.io-client's. */
  const guarded = new WeakSet<object>()
  socket.on('connect', () => {
    pings.reset()
    heartbeat.reset()
    handlers.opened()
  })
  socket.on('connect_error', (error: Error & { data?: unknown }) => {
    // A refusal without data is still the server's answer: told as null, not as no answer.
    const refused = connection.refused
    connection.refused = false
    handlers.failed(whyNotConnected(error, upgradeAnswer), refused ? (error.data ?? null) : error.data)
  })
  socket.on('disconnect', (reason: string, description?: unknown) => {
    carrying = undefined
    failUnsent(socket, connection)
    if (pings.flooded) return handlers.closed(PING_FLOOD, true)
    if (unusableHandshake !== undefined) return handlers.closed(closedForHandshake(unusableHandshake), true)
    const why = whyClosed(reason, description, wsLimits.maxPayload)
    failAnswersIfOversized(questions(socket)?.acks, description, why)
    handlers.closed(
      why,
      brokeProtocol(reason, description),
      reason === ANNOUNCED_CLOSE,
      reason === 'ping timeout',
    )
  })
  socket.onAny((name: string, payload: unknown) => handlers.received(name, payload))
  // Every packet and every heartbeat ping proves the connection still carries something.
  // Every packet engine.io reads ends the message its bytes were part of: a heartbeat included,
  // which socket.io's own packet event never tells of.
  // Of this connection only: an engine closing still reads what arrives before it has closed.
  socket.io.on('open', () => {
    const engine = socket.io.engine
    engine.on('packet', () => {
      if (socket.io.engine !== engine) return
      partial = false
      unfinished.ended()
    })
  })
  socket.io.on('packet', () => {
    markPacketReceived()
    handlers.heard()
  })
  socket.io.on('ping', () => {
    if (!pings.heard()) return handlers.heard()
    // Closed as one that broke the protocol: the link waits longer before each attempt.
    socket.io.engine.close()
  })
  return {
    connect: () => {
      // One refusal tells of its own attempt only (one for another namespace reaches no listener).
      connection.refused = false
      upgradeAnswer = undefined
      socket.connect()
      // A new attempt's engine was made just now, and nothing of it has arrived yet.
      const engine = socket.io.engine
      watchUpgradeAnswer(engine, (answer) => (upgradeAnswer = answer))
      if (guarded.has(engine)) return
      guarded.add(engine)
      unusableHandshake = undefined
      guardHandshakes(engine, (problem) => (unusableHandshake = problem))
    },
    disconnect: () => {
      // socket.io ends with a WebSocket close handshake, and ws keeps the TCP connection until the
      // platform answers it, or for half a minute: from a link found dead no answer comes, so
      // each one held a socket and a file descriptor that long, one more for every link found
      // dead meanwhile (a storm of wakes, a flapping network). The link never uses this connection
      // again, so it is let go without the WebSocket close handshake, but only once engine.io has
      // closed: while a write is under way it holds what was asked after it (questions of the same
      // tick, socket.io's goodbye) and writes that before closing, or a live platform never hears it.
      const ws = webSocketOf(socket)
      const engine = socket.io.engine as EngineClosing | undefined
      carrying = undefined
      socket.disconnect()
      if (ws === undefined) return
      if (engine?.readyState === 'closing') engine.once('close', () => ws.terminate())
      else ws.terminate()
    },
    lookingUp: () => platformNames.pending(platform.hostname),
    // Rejects when the socket drops before the answer (emitWithAck's error-first acknowledgement).
    request: (name, payload, abandon) => {
      const asked = questions(socket)
      const id = asked?.ids
      const answer = socket.emitWithAck(name, payload)
      if (asked !== undefined && id !== undefined)
        abandon?.addEventListener('abort', () => forget(asked, connection, id), { once: true })
      return answer
    },
  }
}

/** The part of engine.io-client's socket that tells it is closing, and when it has closed. */
interface EngineClosing {
  readonly readyState: string
  once(event: 'close', listener: () => void): unknown
}

/**
 * The WebSocket under `socket`'s connection (engine.io's transport in Node is ws), if one is open
 * or opening; undefined if this version of engine.io keeps it otherwise.
 */
function webSocketOf(socket: Socket): { terminate(): void } | undefined {
  const transport = (socket.io.engine as { transport?: { ws?: unknown } } | undefined)?.transport
  const ws = transport?.ws as { terminate?: unknown } | null | undefined
  return typeof ws?.terminate === 'function' ? (ws as { terminate(): void }) : undefined
}

/**
 * socket.io's own table of the questions a socket waits on. It lets one go only when answered or
 * when the socket disconnects, and offers no way to give up on one; undefined if this version of
 * socket.io keeps them otherwise (a question given up on then waits for its socket to close).
 */
interface Questions {
  /** The id the next question is sent with. */
  readonly ids: number
  /** Each question's acknowledgement, by id, error first. */
  readonly acks: Record<number, ((error: Error) => void) | undefined>
  /** What waits to be sent until the socket connects. */
  readonly sendBuffer: Packet[]
}

function questions(socket: Socket): Questions | undefined {
  const inside = socket as unknown as Partial<Questions>
  const known =
    typeof inside.ids === 'number' && typeof inside.acks === 'object' && Array.isArray(inside.sendBuffer)
  return known ? (inside as Questions) : undefined
}

/** Give up on question `id`: nothing waits for its answer any more, and one that comes is passed over. */
function forget(asked: Questions, connection: ConnectionSoFar, id: number): void {
  connection.awaited.delete(id)
  const buffered = asked.sendBuffer.findIndex((packet) => packet.id === id)
  if (buffered >= 0) asked.sendBuffer.splice(buffered, 1)
  const ack = asked.acks[id]
  delete asked.acks[id]
  ack?.(new Error('The question was given up on before the platform answered it'))
}

/**
 * Fail the questions socket.io still holds unsent as the connection closes (asked once its
 * heartbeat had run out during a sleep, just before it closed): it fails only those it sent, and
 * would send these on whichever connection comes next, or never, leaving them neither answered
 * nor failed. The port promises they fail with their connection; the link asks again itself.
 */
function failUnsent(socket: Socket, connection: ConnectionSoFar): void {
  const asked = questions(socket)
  if (asked === undefined) return
  for (const { id } of [...asked.sendBuffer]) if (id !== undefined) forget(asked, connection, id)
}

/**
 * socket.io's parser, with a decoder that passes on only what the protocol has (protocolPacket,
 * in socket-io-packet-filter.ts), telling `passedOver` what it cut or dropped, and an encoder
 * that notes each answer awaited.
 */
function protocolParser(
  connection: ConnectionSoFar,
  passedOver: (what: string) => void,
): {
  Encoder: typeof Encoder
  Decoder: typeof Decoder
} {
  class ProtocolEncoder extends Encoder {
    override encode(packet: Packet): ReturnType<Encoder['encode']> {
      if (packet.type === PacketType.EVENT && packet.id !== undefined) connection.awaited.add(packet.id)
      return super.encode(packet)
    }
  }
  class ProtocolDecoder extends Decoder {
    // The decoding is the inner decoder's; this one only passes on what protocolPacket keeps.
    private readonly inner = new Decoder()

    constructor() {
      super()
      this.inner.on('decoded', (packet: Packet) => {
        const kept = protocolPacket(packet, connection, passedOver)
        // Only what is kept tells of this connection: a packet passed over lets nothing in.
        if (kept === null) return
        if (kept.type === PacketType.CONNECT_ERROR && !connection.letIn) connection.refused = true
        if (kept.type === PacketType.CONNECT) connection.letIn = true
        this.emitReserved('decoded', kept)
      })
    }

    override add(chunk: unknown): void {
      this.inner.add(chunk)
    }

    // socket.io destroys the decoder as each connection opens and closes: the next starts afresh,
    // and socket.io itself fails the answers still awaited on the one that closed.
    override destroy(): void {
      this.inner.destroy()
      connection.letIn = false
      connection.awaited.clear()
    }
  }
  return { Encoder: ProtocolEncoder, Decoder: ProtocolDecoder }
}
