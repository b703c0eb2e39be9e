/**
 * What the platform says about a message too large to read: the sentence its sender is answered
 * with, and the log line when a frame the client sent closed the connection.
 */
import type { Socket } from 'socket.io'
import { MOST_MESSAGE_BYTES } from './answering-decoder'
import { logExcerpt, type Logger } from './logger'

/** What a client is told when a message of `bytes` bytes was over MOST_MESSAGE_BYTES. */
export function tooLarge(what: string, bytes: number): string {
  return `${what} is ${bytes.toLocaleString('en')} bytes, more than the ${MOST_MESSAGE_BYTES.toLocaleString('en')} a message to the platform may be, so it was not read; send a shorter one.`
}

// What ws says of a frame over its limit, which it refuses from the frame's header, unread.
const OVER_THE_LIMIT = /max payload size exceeded/i

/**
 * What closed a connection, by the reason socket.io gives its socket, when the client sent a frame
 * that is no engine.io packet ("parse error"), or a packet for no session of this connection (an
 * event to a namespace it never joined, a handshake again after the welcome): socket.io then closes
 * the connection itself ("forced close"). That reason also follows a message socket.io could not
 * decode, which the socket's "error" told first, and is then not told twice.
 */
const CLOSED_BY_PACKET: ReadonlyMap<string, string> = new Map([
  ['parse error', 'a frame that is no engine.io packet'],
  ['forced close', 'a packet for no session of this connection (another namespace, or a second handshake)'],
])

/**
 * Log why the connection of `socket` closed when it was the client's frame that closed it (too
 * large to hold, broken framing, a message that cannot be decoded, no packet at all, a packet for
 * no session of the connection): socket.io reports each only by a reason of its own, and the
 * operator would otherwise see an expert's connection end without a word.
 */
export function logClosedByFrame(socket: Socket, logger: Logger, expertId: string, mostBytes: number): void {
  let unreadable = false
  // socket.io also hands this listener a client's own event named "error", with whatever value
  // it sent (onAny answers that one as unknown): only the library's Error is a read failure, and
  // the client's value is never turned into text here (a deeply nested array overflows the stack).
  socket.on('error', (error: unknown) => {
    if (!(error instanceof Error)) return
    unreadable = true
    logger.warn('connection closed: a message the platform cannot read', {
      expert: expertId,
      error: logExcerpt(error.message, 200),
    })
  })
  socket.once('disconnect', (reason: string, description: unknown) => {
    const what = CLOSED_BY_PACKET.get(reason)
    if (what !== undefined && !unreadable)
      return logger.warn(`connection closed: ${what}`, { expert: expertId })
    if (reason !== 'transport error') return
    const error = description instanceof Error ? description.message : ''
    if (OVER_THE_LIMIT.test(error)) {
      logger.warn(`connection closed: a frame larger than the ${mostBytes} bytes the platform reads`, {
        expert: expertId,
      })
      return
    }
    logger.warn('connection closed: a frame the platform cannot read', {
      expert: expertId,
      error: logExcerpt(error, 200),
    })
  })
}

/** What sending the answers queued on a connection needs of engine.io's connection and of ws. */
interface QueuedAnswers {
  readonly transport?: {
    writable?: boolean
    readonly socket?: {
      readonly _receiver?: { prependListener?(event: 'error', listener: (error: unknown) => void): unknown }
    }
  }
  flush?(): void
}

/**
 * Send what is queued on `socket` (the answers to the commands that came just before it) when a
 * frame too large to hold is about to close its connection. Each answer waits for the write before
 * it to finish, and socket.io drops whatever waits once the connection closes: those commands were
 * carried out, and their sender would never hear it. ws reports the frame to its own listener,
 * which closes the connection; this one runs first, while the connection is still open. Nothing
 * is done when the libraries' inner parts are not what this version expects.
 */
export function sendQueuedBeforeClosing(socket: Socket): void {
  const connection = socket.conn as unknown as QueuedAnswers
  const receiver = connection.transport?.socket?._receiver
  if (typeof receiver?.prependListener !== 'function' || typeof connection.flush !== 'function') return
  receiver.prependListener('error', (error) => {
    if ((error as { code?: unknown } | null)?.code !== 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') return
    if (connection.transport === undefined) return
    // The write in flight is already with ws, which keeps the order: the rest can follow it now.
    connection.transport.writable = true
    connection.flush?.()
  })
}
