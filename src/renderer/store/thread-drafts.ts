/**
 * A booked or live session's thread as the expert left it, by request id: whether it is open and
 * the reply half written in it. A card drawn a window at a time (Upcoming) unmounts once scrolled
 * away; drawn again, it finds both here, so scrolling back never closes the thread or loses the reply.
 *
 * It lives as long as its session: a sent message takes its text out, and the whole entry goes
 * once the session has left Upcoming (ended or cancelled), or when the expert signs out or another
 * is signed in (expert-scope.ts): a reply is never kept for someone who may not send it.
 */
import type { Session } from '../../shared/protocol/entities'
import type { ReadableStore } from './value-store'

/** A thread as its card left it. */
export interface ThreadDraft {
  readonly open: boolean
  readonly text: string
}

/** The threads' open state and unsent replies, by request id. */
export interface ThreadDrafts {
  get(requestId: string): ThreadDraft | undefined
  setOpen(requestId: string, open: boolean): void
  setText(requestId: string, text: string): void
  /** The expert is gone, by sign-out or for another: every thread goes. */
  forget(another: boolean): void
}

const CLOSED: ThreadDraft = { open: false, text: '' }

/** An empty set, kept to the sessions `app` lists as booked or live: one a page, in its services. */
export function createThreadDrafts(
  app: ReadableStore<{ readonly upcoming: ReadonlyArray<Session> }>,
): ThreadDrafts {
  const drafts = new Map<string, ThreadDraft>()
  const listed = (requestId: string): boolean =>
    app
      .getSnapshot()
      .upcoming.some(
        (session) =>
          session.request.id === requestId && (session.state === 'booked' || session.state === 'live'),
      )
  const update = (requestId: string, change: Partial<ThreadDraft>): void => {
    const next = { ...(drafts.get(requestId) ?? CLOSED), ...change }
    if ((!next.open && next.text === '') || !listed(requestId)) drafts.delete(requestId)
    else drafts.set(requestId, next)
  }
  // A session that ended or was cancelled leaves the list: its thread is read-only, its reply moot.
  app.subscribe(() => {
    for (const requestId of drafts.keys()) if (!listed(requestId)) drafts.delete(requestId)
  })
  return {
    get: (requestId) => drafts.get(requestId),
    setOpen: (requestId, open) => update(requestId, { open }),
    setText: (requestId, text) => update(requestId, { text }),
    forget: () => drafts.clear(),
  }
}
