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

  // Measured as the expert scrolls, before a render adds rows: after it, the log no longer
  // reads its end even when the expert was reading it.
  const atEnd = useRef(true)
  const last = messages?.at(-1)
  const lastId = last?.id
  // A new message of the expert's own at the end: they just sent it and expect to see it.
  const sentByExpert = last?.from === 'expert'
  useLayoutEffect(() => {
    const element = log.current
    if (element === null || lastId === undefined) return
    if (atEnd.current || sentByExpert) {
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
