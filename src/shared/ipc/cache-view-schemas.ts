/**
 * What the pages read from the cache and what a change to it pushes, as the IPC contract
 * (contract.ts) carries them: the invite lists, a page of History, the unread threads and one
 * batch's change. Apart from contract.ts to keep it short; the channels themselves stay listed there.
 */
import { z } from 'zod'
import { Expert, Id, Invite, Message, Session, Timestamp } from '../protocol/entities'
import { HistoryFilterSchema } from './history-filter-schema'
import { REMINDER_MINUTES_BEFORE } from '../rules/session-timing'
import {
  HISTORY_PAGE_ROWS,
  THREAD_MESSAGES_LISTED,
  UNREAD_THREADS_LISTED,
  UPCOMING_SESSIONS_LISTED,
} from './list-limits'

/** The open invites and the recently missed ones (taken by someone else, expired, withdrawn). */
export const InviteLists = z.object({ open: z.array(Invite), missed: z.array(Invite) })
/** The open invites and the recently missed ones. */
export type InviteLists = z.infer<typeof InviteLists>

/** The most entities of one kind a `cache.changed` push carries; a larger change says `full` instead. */
export const MOST_CHANGED = 100

/**
 * What one applied batch changed, so a page updates without reading the cache again. Entities are
 * as the cache holds them after the batch; `version` grows by one per push from the same host, so
 * a page can tell a lost or repeated push. `full` says the change was too large or too broad
 * (a snapshot, a sign-out) to carry: read everything again.
 */
export const CacheChange = z
  .object({
    version: z.number().int().nonnegative(),
    full: z.boolean(),
    /** The expert, when the batch changed it. */
    expert: Expert.optional(),
    invites: z.array(Invite).max(MOST_CHANGED),
    sessions: z.array(Session).max(MOST_CHANGED),
    messages: z.array(Message).max(MOST_CHANGED),
  })
  .strict()
/** What one applied batch changed. */
export type CacheChange = z.infer<typeof CacheChange>

/** A place in the history order: a session's booked start and id. */
export const HistoryCursorSchema = z.object({ start: Timestamp, id: Id }).strict()

/**
 * A page of past sessions, most recent first (src/shared/rules/history-order.ts); pass the last
 * page's `next` as `after` to get the next, or, when it has none, its last row's booked start and id.
 */
export const HistoryRequest = z
  .object({
    limit: z.number().int().min(1).max(HISTORY_PAGE_ROWS),
    after: HistoryCursorSchema.optional(),
    /** Narrow the list (kind, outcome, client, search); the cache filters, page by page. */
    filter: HistoryFilterSchema.optional(),
  })
  .strict()

/**
 * One page of History and whether older sessions follow it: a page ends at its row count or
 * before its byte budget (list-limits.ts), whichever comes first, so a short page is not its end.
 */
export const HistoryPage = z
  .object({
    sessions: z.array(Session).max(HISTORY_PAGE_ROWS),
    more: z.boolean(),
    /**
     * Where to ask on from when it is not the last row: a search for symbols reads a bounded
     * stretch of History per answer (list-limits.ts), so a page may end, even empty, before its end.
     */
    next: HistoryCursorSchema.optional(),
  })
  .strict()
/** One page of History and whether older sessions follow it. */
export type HistoryPage = z.infer<typeof HistoryPage>

/**
 * A thread's latest messages, oldest first, and whether it holds earlier ones than these: the host
 * reads one row more than it shows to know, so a thread of exactly as many as it shows says nothing,
 * and one whose stored row failed to read still says its start is not shown.
 */
export const ThreadRead = z
  .object({ messages: z.array(Message).max(THREAD_MESSAGES_LISTED), earlier: z.boolean() })
  .strict()
/** A thread's latest messages and whether earlier ones are not among them. */
export type ThreadRead = z.infer<typeof ThreadRead>

/**
 * The soonest booked and live sessions, and whether later ones are booked beyond these: the host
 * reads one row more than it shows to know, so exactly as many as it shows says nothing.
 */
export const UpcomingRead = z
  .object({ sessions: z.array(Session).max(UPCOMING_SESSIONS_LISTED), later: z.boolean() })
  .strict()
/** The soonest upcoming sessions and whether later ones are not among them. */
export type UpcomingRead = z.infer<typeof UpcomingRead>

/** A thread open for replies and how many of its client's messages the expert has not read. */
export const UnreadThread = z.object({ requestId: Id, count: z.number().int().positive() }).strict()
/** The threads with unread client messages, in no particular order. */
export const UnreadThreads = z.array(UnreadThread).max(UNREAD_THREADS_LISTED)
/** The threads with unread client messages. */
export type UnreadThreads = z.infer<typeof UnreadThreads>

/**
 * The reminders before a booked start that already fired or were skipped, by their minutes before
 * it: the card lists a reminder as still to come only while it is not among them, so one that fired
 * stays fired when platform time moves back (a clock set back, a platform's answer behind the guess).
 */
export const SentReminders = z
  .object({
    sessionId: Id,
    bookedStart: Timestamp,
    minutesBefore: z.array(z.number().int().positive()).max(REMINDER_MINUTES_BEFORE.length),
  })
  .strict()
/** The reminders of one booked start that fired or were skipped. */
export type SentReminders = z.infer<typeof SentReminders>
/** The upcoming sessions' reminders that fired or were skipped; a session with none is left out. */
export const RemindersSent = z.array(SentReminders).max(UPCOMING_SESSIONS_LISTED)
/** The upcoming sessions' reminders that fired or were skipped. */
export type RemindersSent = z.infer<typeof RemindersSent>
