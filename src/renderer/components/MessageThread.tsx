/**
 * The thread with the client of one request, from invite to session: read from the cache once
 * (so it reads offline), then the client's answers arrive in the `cache.changed` pushes; with a
 * box to write while the thread is open, and the reason it is not once it is read-only. Shown in
 * a focused window, the client's messages count as read.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { isBlankText } from '../../shared/text-normalise'
import { failedCall, fromCommand } from '../logic/action-result'
import type { Message } from '../../shared/protocol/entities'
import { withMessages, type Thread } from '../logic/cache-change'
import { draftAfterSending } from '../logic/draft-after-sending'
import { threadReads } from '../logic/thread-reads'
import { isolated } from '../logic/isolate'
import { useApi, useServices } from '../store/context'
import { ActionButton, ActionError } from './ActionButton'
import { PlatformRefusalNote, usePlatformRefusal } from './PlatformRefusal'
import { Ago } from './Time'
import { useAction } from './use-action'
import { useUnreadCount } from '../store/unread-store'
import { THREAD_MESSAGES_LISTED } from '../../shared/ipc/list-limits'
import { useThreadLog } from './use-thread-log'
import { ThreadReadOut } from './ThreadReadOut'
import { WindowedList } from './WindowedList'

// A one-line message's height before it is drawn, and the space between messages (invites.css).
const MESSAGE_GUESS_PX = 56
const MESSAGE_GAP_PX = 6

const NO_MESSAGES: ReadonlyArray<Message> = []

/** A message's key among the rows of its thread. */
const messageKey = (message: Message): string => message.id

/** Props of MessageThread. */
export interface MessageThreadProps {
  readonly requestId: string
  readonly clientName: string
  /** Why no new message can be sent (src/shared/rules/thread-open.ts); null or absent while it can. */
  readonly closedBecause?: string | null
  /** What an empty thread says. */
  readonly emptyText?: string
  /** Where the unsent reply is kept while the thread is not drawn; absent, it lives as long as the thread. */
  readonly keep?: DraftKeep
}

/** Somewhere the reply outlives the thread's component: a card scrolled out of its window unmounts. */
export interface DraftKeep {
  get(): string
  set(text: string): void
}

/** The thread and its composer. */
export function MessageThread({
  requestId,
  clientName,
  closedBecause = null,
  emptyText = 'Ask anything you need to know before you decide.',
  keep,
}: MessageThreadProps) {
  const api = useApi()
  const { app } = useServices()
  const id = useId()
  const [thread, setThread] = useState<Thread | null>(null)
  const messages = thread?.messages ?? null
  const [readError, setReadError] = useState<string | null>(null)
  const [draft, setDraft] = useState(() => keep?.get() ?? '')
  const box = useRef<HTMLTextAreaElement>(null)
  const { log, toEnd, onEndShown, unseen, showNewest, showSent, readOut } = useThreadLog(messages)

  useEffect(() => {
    let current = true
    const reads = threadReads(requestId)
    const read = (): void => {
      const ticket = reads.asked()
      void api.messages.list({ requestId }).then((result) => {
        if (!current) return
        if (result.ok) {
          const shown = reads.answered(ticket, result.value)
          if (shown === null) return
          setThread(shown)
          setReadError(null)
        } else if (reads.failed(ticket)) setReadError(failedCall('read the messages', result.error))
      })
    }
    read()
    const unsubscribe = [
      api.cache.onChanged((change) => {
        reads.pushed(change.messages)
        setThread((shown) => (shown === null ? shown : withMessages(shown, requestId, change.messages)))
      }),
      // Pushes were lost or too large to carry: the thread may have moved meanwhile.
      app.onReread(read),
    ]
    return () => {
      current = false
      for (const off of unsubscribe) off()
    }
  }, [api, app, requestId])

  const unread = useUnreadCount(requestId)
  useEffect(() => {
    if (unread === 0) return
    // Read only when the expert can see it: a window behind others shows nothing to anyone.
    const markRead = (): void => {
      if (document.hasFocus() && document.visibilityState === 'visible') {
        void api.messages.markRead({ requestId })
      }
    }
    markRead()
    window.addEventListener('focus', markRead)
    return () => window.removeEventListener('focus', markRead)
  }, [api, requestId, unread])

  const send = useAction(async (body: string) => {
    const result = fromCommand('send', await api.messages.send({ requestId, body }))
    // Send is disabled while the box is empty: focus goes back to the box, ready for the next one.
    box.current?.focus()
    if (result.ok) {
      // What was typed while it was on its way stays, to be sent next.
      setDraft((current) => draftAfterSending(current, body))
      // Kept too, for a card that unmounted while it was on its way: drawn again, it must not offer it twice.
      keep?.set(draftAfterSending(keep.get(), body))
      // Merged as a push is: in the host's order and length, so the thread still says when its start is let go.
      setThread((current) =>
        current === null ? current : withMessages(current, requestId, [result.value.message]),
      )
      showSent()
    }
    return result
  })

  const offline = usePlatformRefusal()
  const onSubmit = (event: FormEvent): void => {
    event.preventDefault()
    if (!isBlankText(draft) && offline === null) void send.run(draft)
  }

  return (
    <section className="thread" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`} className="thread-title">
        Messages with <bdi>{clientName}</bdi>
      </h4>
      {/* The log around the list, not on it: role="log" on the <ol> would take its list role away.
          Not live: rows drawn as the expert scrolls are not news; the region below reads what comes. */}
      <div
        className="thread-log"
        role="log"
        ref={log}
        aria-live="off"
        aria-label={`Messages with ${clientName}`}
        tabIndex={0}
      >
        {/* The host reads a thread's latest messages only: an opening that reads as the first is not. */}
        {thread?.earlier === true && (
          <p className="muted thread-cut">
            Only the latest {THREAD_MESSAGES_LISTED} messages are shown here.
          </p>
        )}
        <WindowedList
          ordered
          className="thread-messages"
          items={messages ?? NO_MESSAGES}
          getKey={messageKey}
          estimate={MESSAGE_GUESS_PX}
          gap={MESSAGE_GAP_PX}
          followEnd
          toEnd={toEnd}
          onEndShown={onEndShown}
          rowClass={(message) => `bubble bubble-${message.from}`}
          renderRow={(message) => (
            <>
              <span className="visually-hidden">{message.from === 'expert' ? 'You' : clientName}: </span>
              <bdi className="bubble-body">{message.body}</bdi>
              <span className="bubble-time muted">
                <Ago at={message.sentAt} />
              </span>
            </>
          )}
        />
        {messages === null && readError === null && <p className="muted">Loading…</p>}
        {messages?.length === 0 && <p className="muted thread-empty">{emptyText}</p>}
      </div>
      <ThreadReadOut readOut={readOut} clientName={clientName} />
      {unseen > 0 && (
        <button type="button" className="button button-quiet thread-newest" onClick={showNewest}>
          <span aria-hidden="true">↓ </span>
          {unseen === 1 ? '1 new message' : `${unseen} new messages`} from <bdi>{clientName}</bdi>
        </button>
      )}
      <ActionError message={readError} />
      {closedBecause !== null ? (
        <p className="muted thread-closed">{closedBecause}</p>
      ) : (
        <form className="thread-composer" onSubmit={onSubmit}>
          <label className="visually-hidden" htmlFor={`${id}-draft`}>
            Message to <bdi>{clientName}</bdi>
          </label>
          <textarea
            ref={box}
            id={`${id}-draft`}
            rows={2}
            maxLength={5_000}
            // A placeholder holds no element, so no <bdi>: the name is set between isolates instead.
            placeholder={`Write to ${isolated(clientName)}…`}
            value={draft}
            onChange={(event) => {
              setDraft(event.target.value)
              keep?.set(event.target.value)
            }}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) onSubmit(event)
            }}
          />
          <ActionButton
            type="submit"
            pending={send.pending}
            pendingLabel="Sending…"
            offline={offline}
            disabled={isBlankText(draft)}
          >
            Send
          </ActionButton>
        </form>
      )}
      {closedBecause === null && !isBlankText(draft) && <PlatformRefusalNote refusal={offline} />}
      <ActionError message={send.error} />
    </section>
  )
}
