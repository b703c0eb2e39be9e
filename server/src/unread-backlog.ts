/**
 * A bound on what the platform holds for a client that does not read. One that stops reading (its
 * receive window shut) yet keeps answering pings passes the heartbeat, and every answer it asks
 * for and every live event of its expert would wait in the platform's memory without end. So each
 * socket's unsent bytes are counted as they are queued, and one holding more than an honest app
 * ever falls behind by has its connection cut: its events stay in the log, and the app that
 * connects again replays them, so nothing is lost.
 */
import type { Socket } from 'socket.io'
import { mostMessageBytes } from '../../src/shared/protocol/message-size'
import type { LogFields, Logger } from './logger'

/**
 * The most unsent bytes one socket may hold. An app asks for one replay page at a time (at most
 * the protocol's largest message), so a few of the largest messages leave room for the live events
 * that arrive meanwhile over a slow link.
 */
export const MOST_UNREAD_BYTES = 4 * mostMessageBytes()

/** An engine.io packet as queued for sending: its data is the encoded text or bytes. */
interface QueuedPacket {
  readonly data?: unknown
}

function packetBytes(packet: QueuedPacket): number {
  const { data } = packet
  if (typeof data === 'string') return data.length
  if (ArrayBuffer.isView(data)) return data.byteLength
  return 0
}

/**
 * Watch what `socket` has queued and not yet handed to the network, and cut its connection, with
 * one log line, once that passes `maxBytes`.
 */
export function limitUnreadBacklog(
  socket: Socket,
  logger: Logger,
  fields: LogFields,
  maxBytes: number = MOST_UNREAD_BYTES,
): void {
  // engine.io queues packets while its transport waits for the last batch to be written: counted
  // as each is queued, taken off as each batch goes to the network socket, whose own unwritten
  // bytes are added at each check.
  let queued = 0
  let cut = false
  const network = socket.request.socket
  socket.conn.on('flush', (packets: ReadonlyArray<QueuedPacket>) => {
    for (const packet of packets) queued -= packetBytes(packet)
  })
  socket.conn.on('packetCreate', (packet: QueuedPacket) => {
    queued += packetBytes(packet)
    const unread = queued + network.writableLength
    if (cut || unread <= maxBytes) return
    cut = true
    logger.warn('connection cut: the client stopped reading what the platform sent', {
      ...fields,
      unreadBytes: unread,
    })
    // Not a polite close: that waits for the queue to drain, which a client that does not read
    // never lets happen. The socket is marked disconnected now, not when the network's close
    // arrives: the messages already read in the same chunk (a thousand replays fit in one) are
    // then dropped unanswered, rather than each run for nobody and charged to the expert's rate
    // limit, which the expert's other connections share.
    socket.disconnect(true)
    network.destroy()
  })
}
