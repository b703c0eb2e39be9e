/**
 * Limits on raw connections: a connection that sends no request within a few seconds (of opening,
 * or of its last answer when kept alive) is closed,
 * so is one whose request body has not all arrived in time, and one address may hold only so many
 * connections at once.
 */
import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import { systemClock, type Clock, type TimerHandle } from '../../../src/shared/clock'
import { lingerUntilClosed } from '../../../src/shared-node/lingering-close'
import { logExcerpt, type Logger } from '../logger'
import { answerAndClose, clientOfAddress, isLoopbackAddress, peerAddress } from './http-util'
import { rawBusyAnswer, rawJsonAnswer } from './raw-answer'

/** How long a silent connection may stay, and how many connections an address may hold. */
export interface ConnectionLimits {
  /** A connection that has not sent a whole request head by then (after opening or its last answer) is closed. */
  readonly firstRequestMs: number
  /**
   * A WebSocket that has not said which expert it is by then (counted from its upgrade) is closed.
   * The app can say so only once the platform's handshake has crossed to it, which over the slowest
   * link it serves takes many seconds: a shorter limit closed every connection over such a link.
   */
  readonly identifyMs: number
  /**
   * A request whose body has not all arrived by then (counted from its head) has its connection
   * closed: a body trickled a byte at a time would otherwise hold the connection for minutes.
   */
  readonly requestBodyMs: number
  /**
   * An answer the client has not taken by then (counted from when it was ready to send) has its
   * connection closed: a client that sends requests and never reads would otherwise hold the
   * connection, and every answer queued behind, for as long as it likes.
   */
  readonly answerMs: number
  /**
   * WebSockets from all addresses together that may be open without having said which expert
   * they are (unidentified-sockets.ts): each address's cap alone leaves many addresses unbounded.
   */
  readonly unidentified: number
  /** Connections one address on another machine may hold at once. */
  readonly perAddress: number
  /**
   * Connections one loopback address may hold at once: the tests, benches and demos run every
   * expert from this machine.
   */
  readonly perLoopbackAddress: number
  /** Drives the silence timer; the real clock unless a test injects one. */
  readonly clock: Clock
}

/** Room for a thousand-expert bench from loopback; tight for anyone else. */
export const defaultConnectionLimits: ConnectionLimits = {
  firstRequestMs: 5_000,
  identifyMs: 30_000,
  requestBodyMs: 30_000,
  answerMs: 30_000,
  unidentified: 2_048,
  perAddress: 256,
  perLoopbackAddress: 12_000,
  clock: systemClock,
}

/** The longest wait a Node timer holds: a longer one overflows, and Node fires it at once. */
export const LONGEST_TIMER_MS = 2 ** 31 - 1

/**
 * `limits` as given, or an error naming the one that cannot work: a wait of no positive number of
 * ms (or, for the identify wait timed by a Node timer, one past its most) ends at once,
 * closing every connection on arrival, and a cap under one refuses every connection, with nothing
 * in the log to say why.
 */
export function checkedConnectionLimits(limits: ConnectionLimits): ConnectionLimits {
  for (const name of ['firstRequestMs', 'identifyMs', 'requestBodyMs', 'answerMs'] as const) {
    const ms = limits[name]
    const most = name === 'identifyMs' ? LONGEST_TIMER_MS : Number.MAX_SAFE_INTEGER
    if (!Number.isFinite(ms) || ms < 1 || ms > most)
      throw new RangeError(
        `connections.${name} must be a number of milliseconds from 1 to ${most}, not ${String(ms)}.`,
      )
  }
  for (const name of ['unidentified', 'perAddress', 'perLoopbackAddress'] as const) {
    const cap = limits[name]
    if (!Number.isInteger(cap) || cap < 1)
      throw new RangeError(
        `connections.${name} must be a whole number of connections, at least 1, not ${String(cap)}.`,
      )
  }
  return limits
}

// Every count and every set of logged addresses is by client, so each is cleared when it leaves.
const clientOf = (socket: Socket): string => clientOfAddress(peerAddress(socket))

function refusalResponse(limit: number): string {
  return rawBusyAnswer(`Too many connections from your address (at most ${limit}); close some and try again.`)
}

/** A 408 with the sentence saying which part of the request did not arrive in time. */
function timeoutResponse(what: string): string {
  const message = `${what} did not all arrive in time; send the request again.`
  return rawJsonAnswer(408, JSON.stringify({ error: { code: 'invalid_payload', message } }))
}

/** The guard over a server's connections. */
export interface ConnectionGuard {
  /**
   * Tell the guard a head arrived on its connection: a request's, or an upgrade's (as the server
   * took it, from its 'upgrade' event: a request that merely carries an Upgrade header is a request).
   */
  spoke(req: IncomingMessage, kind: 'request' | 'upgrade', res?: ServerResponse): void
  /**
   * Destroy every connection the server holds, whatever state it is in (a request half sent, an
   * upgrade refused and never closed by its client): for shutting down without waiting on clients.
   */
  destroyAll(): void
  /** True while an answer on `socket` has begun (its head is out) and not finished. */
  answerBegun(socket: Duplex): boolean
}

/** Watch every connection `http` accepts. */
export function guardConnections(
  http: HttpServer,
  limits: ConnectionLimits,
  logger: Logger,
): ConnectionGuard {
  const sockets = new Set<Socket>()
  const open = new Map<string, number>()
  // Addresses already logged as crowding or as silent: one line each until they leave.
  const atCap = new Set<string>()
  const silent = new Set<string>()
  const slow = new Set<string>()
  const deaf = new Set<string>()
  const silence = new WeakMap<Socket, TimerHandle>()
  // One deadline per connection, for the request it is reading now (keep-alive reads several).
  const bodyDeadline = new WeakMap<Socket, TimerHandle>()

  // Requests read on a connection and not yet answered (a client may pipeline several).
  const unanswered = new WeakMap<Socket, number>()
  // Their answers, until each is done with.
  const answers = new WeakMap<Socket, Set<ServerResponse>>()
  const answerBegun = (socket: Socket): boolean =>
    [...(answers.get(socket) ?? [])].some((res) => res.headersSent)
  // Closes a connection whose request did not arrive in time, telling the client why when nothing
  // else is being said on it (an answer begun would have the refusal land inside it).
  const timedOut = (socket: Socket, what: string | undefined): void => {
    if (what === undefined || answerBegun(socket) || !socket.writable) socket.destroy()
    else answerAndClose(socket, timeoutResponse(what))
  }
  const awaitRequest = (socket: Socket, address: string): void => {
    silence.get(socket)?.cancel()
    // A connection that sends nothing more is simply closed; one that began a head is told.
    const readBefore = socket.bytesRead
    silence.set(
      socket,
      limits.clock.setTimeout(() => {
        if (!silent.has(address)) {
          logger.warn('connection closed: no request within the time allowed', {
            address,
            sentBytes: socket.bytesRead,
            ms: limits.firstRequestMs,
          })
        }
        silent.add(address)
        timedOut(socket, socket.bytesRead > readBefore ? "The request's head" : undefined)
      }, limits.firstRequestMs),
    )
  }

  http.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
    const address = clientOf(socket)
    const cap = isLoopbackAddress(peerAddress(socket)) ? limits.perLoopbackAddress : limits.perAddress
    const count = open.get(address) ?? 0
    if (count >= cap) {
      // One line per crowding, not per refused connection.
      if (!atCap.has(address)) logger.warn('connection refused: too many from one address', { address, cap })
      atCap.add(address)
      // The server's parser is already listening on it: without this it would go on handling what
      // the refused connection sends.
      answerAndClose(socket, refusalResponse(cap))
      return
    }
    open.set(address, count + 1)
    awaitRequest(socket, address)
    socket.once('close', () => {
      silence.get(socket)?.cancel()
      bodyDeadline.get(socket)?.cancel()
      const left = (open.get(address) ?? 1) - 1
      if (left > 0) open.set(address, left)
      else {
        open.delete(address)
        silent.delete(address)
        slow.delete(address)
        deaf.delete(address)
      }
      if (left < cap) atCap.delete(address)
    })
  })
  const spoke = (req: IncomingMessage, kind: 'request' | 'upgrade', res?: ServerResponse): void => {
    const socket = req.socket
    silence.get(socket)?.cancel()
    bodyDeadline.get(socket)?.cancel()
    // A kept-alive connection must send its next head in as little time as its first: without
    // this, one trickled a byte at a time after a first request held the connection for as long
    // as Node's own header timeout.
    if (res !== undefined) {
      unanswered.set(socket, (unanswered.get(socket) ?? 0) + 1)
      const open = answers.get(socket) ?? new Set<ServerResponse>()
      answers.set(socket, open.add(res))
      res.once('close', () => open.delete(res))
      res.once('finish', () => {
        const left = (unanswered.get(socket) ?? 1) - 1
        unanswered.set(socket, left)
        if (left === 0 && !socket.destroyed) awaitRequest(socket, clientOf(socket))
      })
      res.once('prefinish', () => {
        const deadline = limits.clock.setTimeout(() => {
          if (res.writableFinished || socket.destroyed) return
          const address = clientOf(socket)
          if (!deaf.has(address)) {
            logger.warn('connection closed: the client did not take its answers within the time allowed', {
              address,
              ms: limits.answerMs,
            })
          }
          deaf.add(address)
          socket.destroy()
        }, limits.answerMs)
        res.once('close', () => deadline.cancel())
      })
    }
    // An upgrade is the WebSocket server's to watch (its handshake and heartbeat). Only a real
    // one: a plain request that merely carries an Upgrade header still has its body timed. Once
    // this side has ended an upgraded connection (a refusal, a closed WebSocket) nothing more
    // comes of it, so it is destroyed rather than left half open for as long as the client likes:
    // after a short linger, in which what the client still sends is read and dropped. Destroyed at
    // once, a client still sending (the rest of a frame too large to read) would get a reset, and
    // a reset makes its system throw away what had arrived and was not read yet: the answers
    // written just before the close.
    if (kind === 'upgrade') {
      socket.once('finish', () => lingerUntilClosed(socket, limits.clock))
      return
    }
    bodyDeadline.set(
      socket,
      limits.clock.setTimeout(() => {
        if (req.complete || socket.destroyed) return
        const address = clientOf(socket)
        if (!slow.has(address)) {
          logger.warn('connection closed: the request body did not arrive within the time allowed', {
            address,
            path: logExcerpt(req.url ?? '', 100),
            ms: limits.requestBodyMs,
          })
        }
        slow.add(address)
        timedOut(socket, "The request's body")
      }, limits.requestBodyMs),
    )
  }
  return {
    spoke,
    destroyAll() {
      for (const socket of sockets) socket.destroy()
    },
    answerBegun: (socket) => answerBegun(socket as Socket),
  }
}
