/**
 * Merging a pushed cache change into the lists the window shows, in the order and length the host
 * reads them (src/main/core/app-api.ts), so a page shows an invite or a session without asking.
 */
import type { InviteLists } from '../../shared/ipc/contract'
import {
  MISSED_INVITES_LISTED,
  OPEN_INVITES_LISTED,
  THREAD_MESSAGES_LISTED,
  UPCOMING_SESSIONS_LISTED,
} from '../../shared/ipc/list-limits'
import type { Expert, Invite, Message, Session } from '../../shared/protocol/entities'

/** The part of the window's state a cache change moves. */
export interface CachedLists {
  readonly expert: Expert | null
  readonly invites: InviteLists
  readonly upcoming: ReadonlyArray<Session>
  /** Whether later sessions are booked than those in `upcoming`. */
  readonly upcomingLater: boolean
}

/** What a change carries that the lists need (the push minus its version). */
export interface ListChange {
  readonly expert?: Expert
  readonly invites: ReadonlyArray<Invite>
  readonly sessions: ReadonlyArray<Session>
}

const newestFirst = (a: Invite, b: Invite): number =>
  b.sentAt - a.sentAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)
const soonestFirst = (a: Session, b: Session): number =>
  a.bookedStart - b.bookedStart || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/** `rows` with every row of `changed` replaced or added, then filtered to `keep`, sorted and cut. */
function merged<T extends { readonly id: string }>(
  rows: ReadonlyArray<T>,
  changed: ReadonlyArray<T>,
  keep: (row: T) => boolean,
  order: (a: T, b: T) => number,
  limit = Infinity,
): T[] {
  const byId = new Map(rows.map((row) => [row.id, row]))
  for (const row of changed) byId.set(row.id, row)
  return [...byId.values()].filter(keep).sort(order).slice(0, limit)
}

/**
 * The lists after `change`; a list the change does not touch stays the same object. Upcoming lets
 * go of the latest beyond the host's length, and then says later ones are booked; one that says so
 * takes no session after its latest, which belongs among those not listed.
 */
export function withChange(lists: CachedLists, change: ListChange): CachedLists {
  const { invites, sessions } = change
  const latest = lists.upcomingLater ? lists.upcoming.at(-1) : undefined
  const listed = (s: Session): boolean =>
    (s.state === 'booked' || s.state === 'live') && (latest === undefined || soonestFirst(s, latest) <= 0)
  const upcoming =
    sessions.length === 0 ? lists.upcoming : merged(lists.upcoming, sessions, listed, soonestFirst)
  return {
    expert: change.expert ?? lists.expert,
    invites:
      invites.length === 0
        ? lists.invites
        : {
            open: merged(
              lists.invites.open,
              invites,
              (i) => i.state === 'open',
              newestFirst,
              OPEN_INVITES_LISTED,
            ),
            // An accepted invite became a session: it is neither open nor missed.
            missed: merged(
              lists.invites.missed,
              invites,
              (i) => i.state !== 'open' && i.state !== 'accepted',
              newestFirst,
              MISSED_INVITES_LISTED,
            ),
          },
    upcoming:
      upcoming.length > UPCOMING_SESSIONS_LISTED ? upcoming.slice(0, UPCOMING_SESSIONS_LISTED) : upcoming,
    upcomingLater: lists.upcomingLater || upcoming.length > UPCOMING_SESSIONS_LISTED,
  }
}

/** A thread as the window shows it: its latest messages, oldest first, and whether it holds earlier ones. */
export interface Thread {
  readonly messages: ReadonlyArray<Message>
  readonly earlier: boolean
}

/**
 * `thread` (oldest first, the latest ones only, as the host reads it) with the pushed messages of
 * its request added once each, those pushed again replaced, and those the platform moved to
 * another request's thread taken out; the oldest beyond the host's length are let go, and the
 * thread then says it holds earlier ones. A thread that already says so takes no pushed message
 * older than its oldest: that one belongs among those not shown, and drawn at the top it would
 * read as coming just before the oldest shown.
 */
export function withMessages(thread: Thread, requestId: string, messages: ReadonlyArray<Message>): Thread {
  const pushed = new Map(messages.map((m) => [m.id, m]))
  let changed = false
  const kept: Message[] = []
  for (const message of thread.messages) {
    const now = pushed.get(message.id) ?? message
    pushed.delete(message.id)
    if (now !== message) changed = true
    if (now.requestId === requestId) kept.push(now)
  }
  const oldest = thread.earlier ? thread.messages[0]?.sentAt : undefined
  const fresh = [...pushed.values()].filter(
    (m) => m.requestId === requestId && (oldest === undefined || m.sentAt >= oldest),
  )
  if (!changed && fresh.length === 0) return thread
  const all = [...kept, ...fresh].sort(oldestFirst)
  return {
    messages: all.slice(-THREAD_MESSAGES_LISTED),
    earlier: thread.earlier || all.length > THREAD_MESSAGES_LISTED,
  }
}

/**
 * The host's order of a thread: by the time sent, then as the cache stored them. The sort is stable,
 * so messages of one millisecond keep the order they were read in and those pushed come after them,
 * as the cache stores them; ordered by id instead (random within a millisecond) they swapped places
 * at each push, and the row a reader had at the end of the box moved.
 */
function oldestFirst(a: Message, b: Message): number {
  return a.sentAt - b.sentAt
}
