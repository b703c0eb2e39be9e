/**
 * A message thread's log as messages come. It opens at its newest message, as a conversation is
 * read, and follows each new one while the expert is reading the end; one who scrolled up to read
 * an earlier message keeps it in place when the client writes again, until the expert sends one
 * of their own. It turns live only once its first messages are drawn.
 */
import { useEffect, useLayoutEffect, useRef, type RefObject, type UIEvent } from 'react'
import type { Message } from '../../shared/protocol/entities'

// Within this many pixels of the end the log counts as read to its end: a fractional scroll
// position or a line of rounding must not stop it from following.
const AT_END_SLACK_PX = 24

/** Whether `log` shows its last line. */
function readsItsEnd(log: HTMLElement): boolean {
  return log.scrollHeight - log.scrollTop - log.clientHeight <= AT_END_SLACK_PX
}

/** Where the last message drawn stood: its id and its place among the rows. */
interface Drawn {
  readonly id: string
  readonly place: number
}

/** The rows of `log`'s messages, oldest first. */
function rowsOf(log: HTMLElement): HTMLElement[] {
  return Array.from(log.querySelectorAll<HTMLElement>('[data-message-id]'))
}

/**
 * Whether the end of `drawn` shows within `log`; null when that cannot tell (it is gone, moved to
 * another thread, or rows came in above it and moved it down).
 */
function endInView(log: HTMLElement, drawn: Drawn): boolean | null {
  const rows = rowsOf(log)
  const place = rows.findIndex((row) => row.dataset.messageId === drawn.id)
  if (place < 0 || place > drawn.place) return null
  const box = log.getBoundingClientRect()
  return (
    rows[place]!.getBoundingClientRect().bottom <=
    box.top + log.clientTop + log.clientHeight + AT_END_SLACK_PX
  )
}

/** The log's element and scroll handler, for a thread showing `messages` (null while read). */
export function useThreadLog(messages: ReadonlyArray<Message> | null): {
  readonly log: RefObject<HTMLDivElement | null>
  readonly onScroll: (event: UIEvent<HTMLElement>) => void
} {
  const log = useRef<HTMLDivElement>(null)
  // React renders the log off and never sets it again: a message that comes later is read out,
  // the conversation already there when the thread opens is not.
  const loaded = messages !== null
  useEffect(() => {
    if (loaded) log.current?.setAttribute('aria-live', 'polite')
  }, [loaded])

  // Measured as the expert scrolls, for a thread whose last message left it. A scroll's event
  // comes at the next frame: a message drawn before it would find this still saying the end.
  const atEnd = useRef(true)
  // The last message drawn, and whether the expert had its end in view is read from where it
  // now stands: rows added below it do not move it, so this holds whenever the scroll came.
  const lastDrawn = useRef<Drawn | undefined>(undefined)
  const last = messages?.at(-1)
  const lastId = last?.id
  // A new message of the expert's own at the end: they just sent it and expect to see it.
  const sentByExpert = last?.from === 'expert'
  useLayoutEffect(() => {
    const element = log.current
    if (element === null || lastId === undefined) return
    const before = lastDrawn.current
    lastDrawn.current = { id: lastId, place: rowsOf(element).length - 1 }
    const readingEnd = before === undefined || (endInView(element, before) ?? atEnd.current)
    if (readingEnd || sentByExpert) {
      element.scrollTop = element.scrollHeight
      atEnd.current = true
    }
  }, [lastId, sentByExpert])
  return {
    log,
    onScroll: (event) => {
      atEnd.current = readsItsEnd(event.currentTarget)
    },
  }
}
