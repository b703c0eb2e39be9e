/**
 * The link's connection over socket.io, the platform's transport: the one file of the app that
 * imports socket.io-client. Used by both hosts through the runtime; the core sees only the
 * LinkTransport port.
 */
import { io } from 'socket.io-client'
import type { LinkTransport } from '../core/ports/link-transport'

/** A socket.io connection that never reconnects by itself: retrying is the link's. */
export const socketIoTransport: LinkTransport = (options, handlers) => {
  const socket = io(options.platformUrl, {
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
