/**
 * Limits on raw connections, before any request is read: a connection that sends no request
 * within a few seconds is closed, and one address may hold only so many connections at once.
 */
import type { Server as HttpServer } from 'node:http'
import type { Socket } from 'node:net'
import { systemClock, type Clock, type TimerHandle } from '../../../src/shared/clock'
import type { Logger } from '../logger'
import { isLoopbackAddress, peerAddress } from './http-util'

/** How long a silent connection may stay, and how many connections an address may hold. */
export interface ConnectionLimits {
  /** A connection that has not sent a whole request head by then is closed. */
  readonly firstRequestMs: number
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
  perAddress: 256,
  perLoopbackAddress: 12_000,
  clock: systemClock,
}

function refusalResponse(limit: number): string {
  const body = JSON.stringify({
    error: {
      code: 'rate_limited',
      message: `Too many connections from your address (at most ${limit}); close some and try again.`,
    },
  })
  return [
    'HTTP/1.1 503 Service Unavailable',
    'content-type: application/json; charset=utf-8',
    `content-length: ${Buffer.byteLength(body)}`,
    'retry-after: 5',
    'connection: close',
    '',
    body,
  ].join('\r\n')
}

/** Watch every connection `http` accepts; call the result when a request head arrives on a socket. */
export function guardConnections(
  http: HttpServer,
  limits: ConnectionLimits,
  logger: Logger,
): (socket: Socket) => void {
  const open = new Map<string, number>()
  // Addresses already logged as crowding or as silent: one line each until they leave.
  const atCap = new Set<string>()
  const silent = new Set<string>()
  const silence = new WeakMap<Socket, TimerHandle>()

  http.on('connection', (socket: Socket) => {
    const address = peerAddress(socket)
    const cap = isLoopbackAddress(address) ? limits.perLoopbackAddress : limits.perAddress
    const count = open.get(address) ?? 0
    if (count >= cap) {
      // One line per crowding, not per refused connection.
      if (!atCap.has(address)) logger.warn('connection refused: too many from one address', { address, cap })
      atCap.add(address)
      socket.end(refusalResponse(cap))
      socket.on('error', () => {})
      return
    }
    open.set(address, count + 1)
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
        socket.destroy()
      }, limits.firstRequestMs),
    )
    socket.once('close', () => {
      silence.get(socket)?.cancel()
      const left = (open.get(address) ?? 1) - 1
      if (left > 0) open.set(address, left)
      else {
        open.delete(address)
        silent.delete(address)
      }
      if (left < cap) atCap.delete(address)
    })
  })
  return (socket) => silence.get(socket)?.cancel()
}
