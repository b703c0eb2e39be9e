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
  /** How many of the client's messages came since the expert left the end; none while they read it. */
  readonly unseen: number
  /** Brings the newest message into view and the keyboard's focus to the log. */
  readonly showNewest: () => void
  /** Brings the newest message into view after the expert sent one from this window. */
  readonly showSent: () => void
  /** What the client wrote in the latest change that brought any, for the live region to read out. */
  readonly readOut: ReadOut
}

/** The client's latest few messages of one change, and how many that change brought. */
export interface ReadOut {
  readonly latest: ReadonlyArray<Message>
  readonly came: number
}

const NOTHING_READ: ReadOut = { latest: [], came: 0 }

// Messages of one change kept in the live region: enough that a short burst is read whole, few
// enough that a long one is not read for minutes.
const ARRIVED_KEPT = 3

/** The log's element and what its list needs, for a thread showing `messages`. */
export function useThreadLog(messages: ReadonlyArray<Message> | null): ThreadLog {
  const log = useRef<HTMLDivElement>(null)
  // The newest message already given to the live region: at first the newest when the thread was
  // first read (null for none), so the conversation already there when it opens is not read out.
  // What the client writes after is; the expert's own are not: they just wrote them, and hearing
  // each read back drowns out the client's.
  const [heardTo, setHeardTo] = useState<string | null | undefined>(undefined)
  const [readOut, setReadOut] = useState<ReadOut>(NOTHING_READ)
  const newest = messages?.at(-1)?.id ?? null
  if (messages !== null && heardTo !== newest) {
    setHeardTo(newest)
    const came =
      heardTo === undefined
        ? []
        : messages.slice(indexOf(messages, heardTo ?? undefined) + 1).filter(({ from }) => from === 'client')
    // Each change that brings the client's messages replaces what the region held: each is read
    // once, and a burst bigger than it reads whole is counted before its latest few.
    if (came.length > 0) setReadOut({ latest: came.slice(-ARRIVED_KEPT), came: came.length })
  }

  const last = messages?.at(-1)
  const [endShown, setEndShown] = useState(true)
  // The newest message while the end was in view: what came after it, the expert has not seen.
  const [readTo, setReadTo] = useState<string | undefined>(undefined)
  if (endShown && last?.id !== readTo) setReadTo(last?.id)
  // Bumped by the expert's asks and by their sends from this window, which they expect to see; one
  // of theirs sent from another device moves nothing here: they may be reading an earlier message.
  const [asked, setAsked] = useState(0)
  const showSent = useCallback(() => setAsked((count) => count + 1), [])
  const showNewest = useCallback(() => {
    setAsked((count) => count + 1)
    log.current?.focus()
  }, [])
  // Only the client's count as new: the expert's own, sent from another device, they wrote.
  const unseen =
    endShown || messages === null
      ? 0
      : messages.slice(indexOf(messages, readTo) + 1).filter(({ from }) => from === 'client').length
  return { log, toEnd: String(asked), onEndShown: setEndShown, unseen, showNewest, showSent, readOut }
}

/** Where the message `id` stands in `messages`; -1 when it is not there (cut off the top). */
function indexOf(messages: ReadonlyArray<Message>, id: string | undefined): number {
  return id === undefined ? -1 : messages.findIndex((message) => message.id === id)
}
