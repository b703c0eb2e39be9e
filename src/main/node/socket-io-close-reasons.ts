/**
 * socket.io's words for a failed attempt and a closed connection, read into what the expert sees
 * in the connection line and whether the platform broke the protocol (socket.io keeps what
 * happened in its errors' descriptions, where ws put it).
 */
import { NOT_THE_PLATFORM_PROTOCOL } from '../core/connection/network-failure'
import { NOT_A_WEBSOCKET_OPENING } from '../core/connection/network-codes'
import { busyCode } from '../core/connection/busy-platform'
import type { UpgradeAnswer } from './upgrade-redirect'

/**
 * ws's words (it gives no code) for an answer to the WebSocket's opening that switched protocols
 * but not as a WebSocket server does: its Upgrade, Sec-WebSocket-Accept, subprotocol or extensions.
 */
const WEBSOCKET_OPENING_REFUSED =
  /^(?:Invalid (?:Upgrade|Sec-WebSocket-\w+) header|Server sent (?:a subprotocol|an invalid subprotocol|no subprotocol|a Sec-WebSocket-Extensions header)|Server indicated an extension)/

/**
 * What went wrong with an attempt, as Node's error code or "HTTP <status>" ("HTTP <status> to
 * <address>" for a redirect `answer` names; busy-platform.ts's code for a busy server's wait): socket.io says only "websocket error", and keeps
 * what happened (a refused connection, an untrusted certificate, a server that answered the
 * upgrade with a page) in the transport error's description.
 */
export function whyNotConnected(error: Error, answer?: UpgradeAnswer): string {
  // engine.io's word for bytes on the WebSocket that are no packet of its protocol.
  if ((error as { code?: unknown }).code === 'parser error') return NOT_THE_PLATFORM_PROTOCOL
  const description = (error as { description?: { message?: unknown; error?: { code?: unknown } } })
    .description
  const code = description?.error?.code
  if (typeof code === 'string') return code
  const message = typeof description?.message === 'string' ? description.message : ''
  if (WEBSOCKET_OPENING_REFUSED.test(message)) return NOT_A_WEBSOCKET_OPENING
  const status = /^Unexpected server response: (\d+)$/.exec(message)?.[1]
  if (status === undefined) return message === '' ? error.message : message
  if (answer?.retryAfterSeconds !== undefined) return busyCode(status, answer.retryAfterSeconds)
  return status.startsWith('3') && answer?.redirectedTo !== undefined
    ? `HTTP ${status} to ${answer.redirectedTo}`
    : `HTTP ${status}`
}

/**
 * socket.io's reason for a close the platform sent word of (its disconnect packet, which a platform
 * shutting down for a restart sends each connection): a proxy's timeout, a crash or a dropped
 * network close the transport without one.
 */
export const ANNOUNCED_CLOSE = 'io server disconnect'

/** The ws error code an open connection closed with, if any. */
function closeCode(description: unknown): unknown {
  return (description as { description?: { error?: { code?: unknown } } } | undefined)?.description?.error
    ?.code
}

/**
 * Whether the platform broke the protocol: a packet socket.io could not decode, or a frame ws
 * refused (its codes for those all start WS_ERR_, the size limit's among them).
 */
export function brokeProtocol(reason: string, description: unknown): boolean {
  if (reason === 'parse error') return true
  const code = closeCode(description)
  return typeof code === 'string' && code.startsWith('WS_ERR_')
}

/**
 * socket.io's reasons for closing an open connection, in words: the expert reads them in the
 * window's connection line, where "ping timeout" or "transport close" say nothing. socket.io's own
 * word follows, for whoever reads the log.
 */
const CLOSED_BECAUSE: Readonly<Record<string, string>> = {
  'ping timeout': 'nothing arrived from the platform in time; the network may be slow or down',
  'transport close': 'the connection was closed; the platform may have restarted, or the network dropped it',
  'transport error': 'the network connection to the platform failed',
  'io server disconnect': 'the platform closed the connection',
  'parse error': 'the platform sent a message Standby could not read',
}

/** Whether the connection closed because a frame was over the size limit. */
export function closedOversized(description: unknown): boolean {
  return closeCode(description) === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH'
}

/**
 * Why an open connection closed. A frame over the limit reaches socket.io as a bare "transport
 * error"; ws keeps what it was in the description's error code.
 */
export function whyClosed(reason: string, description: unknown, maxPayload: number): string {
  if (closedOversized(description))
    return `the platform sent a message larger than any Standby message can be (over ${Math.ceil(maxPayload / 1024)} KiB), so Standby closed the connection`
  const words = Object.hasOwn(CLOSED_BECAUSE, reason) ? CLOSED_BECAUSE[reason] : undefined
  return words === undefined ? reason : `${words}: ${reason}`
}
