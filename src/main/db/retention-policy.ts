/**
 * What the cache keeps over months, and why each mark of what was shown may go when it goes.
 *
 * The rows a snapshot replaces are pruned by it (snapshot-rebuild.ts), but on a stable connection
 * no snapshot comes for months: events only add invites, messages and marks. Retention drops, in
 * small batches, what nothing can show or need any more, measured on the platform's clock (every
 * time below is the platform's, but the marks' own times are the computer's: a clock error of
 * minutes or hours is nothing beside RETAINED_MS).
 *
 * Kept, whatever their age: open invites; booked and live sessions; every ended and cancelled
 * session (History pages back through all of them, and nothing can fetch them again: a snapshot
 * only carries the last 30 days); the newest MISSED_INVITES_LISTED missed invites (the Missed
 * list); each cached session's thread; the standing warnings (one per chargeback and the review
 * average: at most one per session, and a chargeback can come at any time after a session).
 *
 * Dropped once RETAINED_MS past, and why no notification can show twice for it:
 *
 * An event the cache applied is never applied again: the cursor moves past it in the same
 * transaction, and replay pages and live events at or below the cursor are passed over. The
 * platform keeps each expert's newest `eventRetention` events (server/src/event-log.ts `prune`,
 * called by the marketplace's `compact`): the window is a count, not an age, so on a quiet account
 * a replay may carry events months old, but only ones after the cursor, which the cache never
 * applied and so holds no rows or marks for. What was applied comes back only in a snapshot (a
 * cursor the platform pruned past, or a platform restored from a backup), and a snapshot carries
 * the invites the platform still calls open, booked and live sessions and those updated in its
 * last 30 days, and the expert's newest 500 messages. So:
 * - an invite is shown only while open at the platform's time, and its closing time is fixed by
 *   its own JSON, which any copy of it repeats: one that closed RETAINED_MS ago can never be shown
 *   again, whichever way it comes back. Its row goes, and its mark in `shown_invites` goes once it
 *   is also past the newest SHOWN_REMEMBERED (as the snapshot's prune keeps them) and its row is gone;
 * - a client's message is notified only from an applied `message.created` event, never from a
 *   snapshot, so its mark only ever answers "read": a message whose row is gone returns only in a
 *   snapshot, and counts as unread only in a thread open for replies (an open invite's, a booked or
 *   live session's). The messages that go are those of threads nothing holds any more (no invite,
 *   no session) sent RETAINED_MS ago, and a mark goes with its message;
 * - a reminder before the start, "starting now" and "the client has not joined" are decided only
 *   until the platform's auto-cancel, 10 minutes after the booked time (reminders/due-alerts.ts),
 *   so their marks go RETAINED_MS after it, and so do snoozes. The change alerts (cancelled, the
 *   client's answer to another time, the client joined) are told again for any update that brings
 *   the session, at any age (a review, a chargeback): their marks stay while the session is
 *   cached, and go RETAINED_MS after its booked time once it is not (as a snapshot's prune does).
 */
import { RESCHEDULE_ANSWER_PREFIX, ALERT } from '../core/reminders/due-alerts'
import { MISSED_INVITES_LISTED } from '../../shared/ipc/list-limits'
import { SHOWN_REMEMBERED } from './repositories/invite-repository'

/** How long after closing (an invite), sending (a message) or its booked time (a mark) a row is kept. */
export const RETAINED_MS = 7 * 24 * 60 * 60_000

/** How many rows one batch looks at: each batch is one short transaction. */
export const ROWS_PER_BATCH = 500

/** One table the retention walks in key order, a batch of rows at a time. */
export interface RetentionStep {
  readonly table: string
  /** The walked key: `rowid`, or the first column of a WITHOUT ROWID table's primary key. */
  readonly key: string
  /** Where a walk starts: below every key. */
  readonly first: number | string
  /** The rows to delete among those looked at; parameters `@now`, `@cutoff`, `@keep`, `@shownBefore`. */
  readonly condition: string
}

/** The change alerts, told whenever an update brings their session (reminders/due-alerts.ts changeAlert). */
const CHANGE_ALERTS = `alert IN ('${ALERT.cancelled}', '${ALERT.clientJoined}') OR alert LIKE '${RESCHEDULE_ANSWER_PREFIX}%'`

/** The steps of a pass, in order: invites first, so the threads and requests they leave go in the same pass. */
export const RETENTION_STEPS: ReadonlyArray<RetentionStep> = [
  {
    table: 'invites',
    key: 'rowid',
    first: 0,
    condition: `NOT (state = 'open' AND closes_at > @now)
      AND coalesce(closes_at, sent_at) < @cutoff
      AND id NOT IN (SELECT value FROM json_each(@keep))`,
  },
  {
    table: 'messages',
    key: 'rowid',
    first: 0,
    condition: `sent_at < @cutoff
      AND NOT EXISTS (SELECT 1 FROM invites WHERE invites.request_id = messages.request_id)
      AND NOT EXISTS (SELECT 1 FROM sessions WHERE sessions.request_id = messages.request_id)`,
  },
  {
    table: 'message_state',
    key: 'message_id',
    first: '',
    condition: 'NOT EXISTS (SELECT 1 FROM messages WHERE messages.id = message_state.message_id)',
  },
  {
    table: 'requests',
    key: 'rowid',
    first: 0,
    condition: `NOT EXISTS (SELECT 1 FROM invites WHERE invites.request_id = requests.id)
      AND NOT EXISTS (SELECT 1 FROM sessions WHERE sessions.request_id = requests.id)`,
  },
  {
    table: 'shown_invites',
    key: 'id',
    first: '',
    // By id alone: every mark under an id stays while any row holds it, whichever request it names.
    condition: 'at < @shownBefore AND NOT EXISTS (SELECT 1 FROM invites WHERE invites.id = shown_invites.id)',
  },
  {
    table: 'reminders',
    key: 'session_id',
    first: '',
    condition: `booked_start < @cutoff AND (NOT (${CHANGE_ALERTS})
      OR NOT EXISTS (SELECT 1 FROM sessions WHERE sessions.id = reminders.session_id))`,
  },
  { table: 'reminder_snoozes', key: 'session_id', first: '', condition: 'booked_start < @cutoff' },
]

/** The newest missed invites at `@now`, as the Missed list reads them (invite-repository.ts): kept whatever their age. */
export const NEWEST_MISSED = `SELECT id FROM (
    SELECT id, sent_at FROM invites WHERE state IN ('declined', 'taken', 'expired', 'withdrawn')
    UNION ALL SELECT id, sent_at FROM invites WHERE state = 'open' AND closes_at <= @now)
  ORDER BY sent_at DESC, id DESC LIMIT ${MISSED_INVITES_LISTED}`

/** When the SHOWN_REMEMBERED-th newest invite was shown: those shown before are past the count. None when fewer. */
export const SHOWN_CAP_AT = `SELECT at FROM shown_invites ORDER BY at DESC LIMIT 1 OFFSET ${SHOWN_REMEMBERED - 1}`
