/**
 * A message thread's log as messages come. Its list (a WindowedList following its end) opens at
 * the newest message and follows each new one while the expert reads the end; one who scrolled
 * up to read an earlier message keeps it in place when the client writes again, and is offered a
 * way down to what came meanwhile, until they send one of their own. What the client writes after
 * the thread opened is read out from a live region of its own: the log itself is not live, as
 * its list draws earlier messages into it as the expert scrolls, and those are not news.
 */
import { useCallback, useRef, useState, type RefObject } from 'react'
import type { Message } from '../../shared/protocol/entities'

/** What the thread's log and its list share, for a thread showing `messages` (null while read). */
export interface ThreadLog {
  readonly log: RefObject<HTMLDivElement | null>
  /** For the list's `toEnd`: changes when the expert sends a message or asks for the newest. */
  readonly toEnd: string
  /** For the list's `onEndShown`. */
  readonly onEndShown: (shown: boolean) => void
  /** How many messages came since the expert left the end; none while they read it. */
  readonly unseen: number
  /** Brings the newest message into view and the keyboard's focus to the log. */
  readonly showNewest: () => void
  /** The client's latest messages that came after the thread opened, for its live region to read out. */
  readonly arrived: ReadonlyArray<Message>
}

// Messages kept in the live region: enough that a burst is read whole, few enough that the page
// holds little text twice.
const ARRIVED_KEPT = 3

/** The log's element and what its list needs, for a thread showing `messages`. */
export function useThreadLog(messages: ReadonlyArray<Message> | null): ThreadLog {
  const log = useRef<HTMLDivElement>(null)
  // The newest message when the thread was first read (null for none): the conversation already
  // there when the thread opens is not read out, what the client writes after is. The expert's
  // own are not: they just wrote them, and hearing each read back drowns out the client's.
  const [openedAt, setOpenedAt] = useState<string | null | undefined>(undefined)
  if (openedAt === undefined && messages !== null) setOpenedAt(messages.at(-1)?.id ?? null)
  const arrived =
    messages === null || openedAt === undefined
      ? []
      : messages
          .slice(indexOf(messages, openedAt ?? undefined) + 1)
          .filter((message) => message.from === 'client')
          .slice(-ARRIVED_KEPT)

  const last = messages?.at(-1)
  const [endShown, setEndShown] = useState(true)
  // The newest message while the end was in view: what came after it, the expert has not seen.
  const [readTo, setReadTo] = useState<string | undefined>(undefined)
  if (endShown && last?.id !== readTo) setReadTo(last?.id)
  const [asked, setAsked] = useState(0)
  // A new message of the expert's own at the end: they just sent it and expect to see it.
  const sent = last?.from === 'expert' ? last.id : ''
  const showNewest = useCallback(() => {
    setAsked((count) => count + 1)
    log.current?.focus()
  }, [])
  const unseen = endShown || messages === null ? 0 : messages.length - 1 - indexOf(messages, readTo)
  return { log, toEnd: `${asked} ${sent}`, onEndShown: setEndShown, unseen, showNewest, arrived }
}

/** Where the message `id` stands in `messages`; -1 when it is not there (cut off the top). */
function indexOf(messages: ReadonlyArray<Message>, id: string | undefined): number {
  return id === undefined ? -1 : messages.findIndex((message) => message.id === id)
}
