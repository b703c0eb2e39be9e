/**
 * A bound on what the platform holds for a client that does not read. One that stops reading (its
 * receive window shut) yet keeps answering pings passes the heartbeat, and every answer it asks
 * for and every live event of its expert would wait in the platform's memory without end. So each
 * socket's unsent bytes are counted as they are queued, and one holding more than an honest app
 * ever falls behind by has its connection cut: its events stay in the log, and the app that
 * connects again replays them, so nothing is lost. Each expert's sockets together are bounded too:
 * an expert may hold many sign-ins, each several sockets, and a bound per socket alone multiplied
 * with them.
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

/**
 * How many sockets' bound one expert's sockets together may hold: room for two devices falling
 * behind at once, or one reconnecting beside the connection it replaces.
 */
export const UNREAD_SOCKETS_PER_EXPERT = 2

/** The unsent bytes each expert's sockets hold together, as last counted on each. */
export class ExpertUnreadTotals {
  private readonly totals = new Map<string, { bytes: number; sockets: number }>()

  /** A socket of `expertId` opened: its count starts at nothing. */
  opened(expertId: string): { bytes: number; sockets: number } {
    const total = this.totals.get(expertId) ?? { bytes: 0, sockets: 0 }
    total.sockets += 1
    this.totals.set(expertId, total)
    return total
  }

  /** A socket of `expertId` closed, holding `bytes` as last counted. */
  closed(expertId: string, bytes: number): void {
    const total = this.totals.get(expertId)
    if (total === undefined) return
    total.bytes -= bytes
    total.sockets -= 1
    if (total.sockets <= 0) this.totals.delete(expertId)
  }
}

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
 * one log line, once that passes `maxBytes`, or once what its expert's sockets hold together
 * (`totals`) passes UNREAD_SOCKETS_PER_EXPERT times that.
 */
export function limitUnreadBacklog(
  socket: Socket,
  logger: Logger,
  fields: LogFields & { readonly expert: string },
  totals: ExpertUnreadTotals,
  maxBytes: number = MOST_UNREAD_BYTES,
): void {
  // engine.io queues packets while its transport waits for the last batch to be written: counted
  // as each is queued, taken off as each batch goes to the network socket, whose own unwritten
  // bytes are added at each check.
  let queued = 0
  let cut = false
  const network = socket.request.socket
  const total = totals.opened(fields.expert)
  // What this socket last added to its expert's total, brought up to date at each check.
  let counted = 0
  const recount = (): number => {
    const unread = queued + network.writableLength
    total.bytes += unread - counted
    counted = unread
    return unread
  }
  socket.once('disconnect', () => {
    totals.closed(fields.expert, counted)
    counted = 0
  })
  socket.conn.on('flush', (packets: ReadonlyArray<QueuedPacket>) => {
    for (const packet of packets) queued -= packetBytes(packet)
  })
  // A large write waits in the network socket and is taken off the total once it has gone.
  network.on('drain', () => {
    if (!cut) recount()
  })
  socket.conn.on('packetCreate', (packet: QueuedPacket) => {
    if (cut) return
    queued += packetBytes(packet)
    const unread = recount()
    const together = total.bytes > UNREAD_SOCKETS_PER_EXPERT * maxBytes
    if (unread <= maxBytes && !together) return
    cut = true
    logger.warn(
      together
        ? 'connection cut: the expert’s clients stopped reading what the platform sent, over all their connections'
        : 'connection cut: the client stopped reading what the platform sent',
      { ...fields, unreadBytes: unread },
    )
    // Not a polite close: that waits for the queue to drain, which a client that does not read
    // never lets happen. The socket is marked disconnected now, not when the network's close
    // arrives: the messages already read in the same chunk (a thousand replays fit in one) are
    // then dropped unanswered, rather than each run for nobody and charged to the expert's rate
    // limit, which the expert's other connections share.
    socket.disconnect(true)
    network.destroy()
  })
}
