/**
 * A message thread read from the cache while pushes keep arriving: a read's answer may predate a
 * push, so the pushed messages are kept while a read is on its way and put on top of its answer,
 * those of other threads too, as one of them may be a message moved out of this thread that the
 * answer still holds. Only then: a thread left open all day keeps nothing between reads. An answer
 * to a read that a later one overtook is older than that one's and is dropped.
 */
import type { Message } from '../../shared/protocol/entities'
import { withMessages, type Thread } from './cache-change'

/** The reads of one thread, as they are asked and answered. */
export interface ThreadReads {
  /** A read was asked; returns its ticket. */
  asked(): number
  /** Messages were pushed (of any thread). */
  pushed(messages: ReadonlyArray<Message>): void
  /** The thread to show for read `ticket`'s answer, or null when a later read was asked since. */
  answered(ticket: number, thread: Thread): Thread | null
  /** Read `ticket` failed: whether it was the latest (so its error is worth showing). */
  failed(ticket: number): boolean
}

/** The reads of `requestId`'s thread. */
export function threadReads(requestId: string): ThreadReads {
  let latest = 0
  let reading = false
  // By id, the latest version of each at the place it was first pushed, as the cache keeps a row
  // stored again: a catch-up pushing one message again does not grow it.
  let sinceRead = new Map<string, Message>()
  const settle = (ticket: number): boolean => {
    if (ticket !== latest) return false
    reading = false
    return true
  }
  return {
    asked() {
      reading = true
      sinceRead = new Map()
      return ++latest
    },
    pushed(messages) {
      if (reading) for (const message of messages) sinceRead.set(message.id, message)
    },
    answered(ticket, thread) {
      if (!settle(ticket)) return null
      const shown = withMessages(thread, requestId, [...sinceRead.values()])
      sinceRead = new Map()
      return shown
    },
    failed(ticket) {
      if (!settle(ticket)) return false
      sinceRead = new Map()
      return true
    },
  }
}
