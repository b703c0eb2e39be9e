/**
 * The link's connection over socket.io, the platform's transport: the one file of the app that
 * imports socket.io-client. Used by both hosts through the runtime; the core sees only the
 * LinkTransport port.
 */
import { io } from 'socket.io-client'
import { platformBasePath } from '../../shared/platform-url'
import type { LinkTransport } from '../core/ports/link-transport'

/** A socket.io connection that never reconnects by itself: retrying is the link's. */
export const socketIoTransport: LinkTransport = (options, handlers) => {
  // socket.io-client reads a URL's path as a namespace, so a platform served under a path
  // (https://host/standby) is reached at its origin, with the path leading to its socket.io.
  const platform = new URL(options.platformUrl)
  const socket = io(platform.origin, {
    path: `${platformBasePath(platform)}/socket.io`,
    auth: options.auth,
    transports: ['websocket'],
    // socket.io's own reconnection cannot be told to retry at once on resume, so the link retries.
    reconnection: false,
    autoConnect: false,
    forceNew: true,
    timeout: options.connectTimeoutMs,
  })
  socket.on('connect', () => handlers.opened())
  socket.on('connect_error', (error: Error & { data?: unknown }) =>
    handlers.failed(error.message, error.data),
  )
  socket.on('disconnect', (reason: string) => handlers.closed(reason))
  socket.onAny((name: string, payload: unknown) => handlers.received(name, payload))
  // Every packet and every heartbeat ping proves the connection still carries something.
  socket.io.on('packet', () => handlers.heard())
  socket.io.on('ping', () => handlers.heard())
  return {
    connect: () => void socket.connect(),
    disconnect: () => void socket.disconnect(),
    // Rejects when the socket drops before the answer (emitWithAck's error-first acknowledgement).
    request: (name, payload) => socket.emitWithAck(name, payload),
  }
}
