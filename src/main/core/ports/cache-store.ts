/**
 * The local cache as the core sees it: the SQLite repositories in src/main/db implement this, so
 * the core never touches the driver and the cache could move to a worker later.
 */
import type {
  Expert,
  Invite,
  InviteState,
  Message,
  PlatformEvent,
  Session,
  SessionState,
  Snapshot,
} from '../../../shared/protocol'
import type { HistoryCursor } from '../../../shared/rules/history-order'
import type { HistoryClient, HistoryFilter } from '../../../shared/rules/history-filter'
import type { HistoryPage as HistoryPageRead } from '../../../shared/ipc/cache-view-schemas'
import type { KeptClockOffset } from './kept-clock'

export type { KeptClockOffset, KeptClockPace } from './kept-clock'

/**
 * An event the app could not read: only its place in the stream is known. The cache passes over
 * it (the cursor moves past it, nothing else changes), so one bad event cannot stop the stream.
 */
export interface UnreadableEvent {
  readonly type: 'unreadable'
  readonly id: number
  readonly digest?: string
  /** What was wrong with it, for the log. */
  readonly problem: string
  /**
   * It was read, but contradicts what the platform said before (about another expert, or undoing
   * a closing): the platform's fault, which no update of Standby mends.
   */
  readonly platformFault?: true
  /**
   * It could not be read, though it is of a kind this version knows (binary where an object is
   * due): the platform's fault too, logged once the cache passes over it.
   */
  readonly malformed?: true
  /**
   * What it contradicts is a row the cache holds (src/main/db/stream-contradiction.ts), which may
   * be newer than the event when a snapshot's parts were taken as the platform went on.
   */
  readonly olderThanRow?: true
}

/** One entry of the stream as the app received it. */
export type StreamEntry = PlatformEvent | UnreadableEvent

/** What applying a batch of events did. */
export interface ApplyResult {
  /** The events newly applied, in order (duplicates at or below the cursor are dropped). */
  readonly applied: ReadonlyArray<PlatformEvent>
  /** The unreadable events newly passed over. */
  readonly skipped: ReadonlyArray<UnreadableEvent>
  /** True when the batch skipped ids: nothing after the gap was applied; replay from the cursor. */
  readonly gap: boolean
  /** The cursor after the batch. */
  readonly cursor: number
  /**
   * With `applyEvents`'s `showing`, when the batch applied any event: the invites open then and
   * never shown, newest first, the first of them already marked shown in the batch's transaction.
   */
  readonly unshown?: ReadonlyArray<Invite>
}

/** When an applied batch's first unshown invite is marked shown (`applyEvents`): open at `openAt`, marked at `at`. */
export interface ShowingAt {
  /** The platform's time "open" is read at. */
  readonly openAt: number
  /** The time the mark records (the computer's). */
  readonly at: number
}

/**
 * One reminder or alert about a session booked at one time: `alert` names it ("30" and "10"
 * minutes before, "starting_now", …; src/main/core/reminders), so a rebooked session starts afresh.
 */
export interface ReminderKey {
  readonly sessionId: string
  readonly bookedStart: number
  readonly alert: string
}

/** A reminder snoozed until `at`, for the session booked at `bookedStart`. */
export interface SnoozedReminder {
  readonly sessionId: string
  readonly bookedStart: number
  readonly at: number
}

/**
 * Snooze pressed on the reminder shown for `bookedStart` and `requestId`, waiting for the
 * platform's time (reminders/reminder-presses.ts); `at` is the computer's time of the press.
 */
export interface SnoozeAwaitingTime {
  readonly sessionId: string
  readonly bookedStart: number
  readonly requestId: string
  readonly at: number
}

/** A scheduled session booked at `bookedStart`, as the cache's columns hold it (no JSON read). */
export interface BookedSessionStart {
  readonly id: string
  readonly bookedStart: number
  readonly requestId: string
  /** Whether any reminder or alert is marked for it, at any booked start. */
  readonly remindersMarked: boolean
}

/** A thread open for replies with client messages the expert has not read. */
export interface UnreadThread {
  readonly requestId: string
  readonly count: number
}

/** Where a thread lives in the lists: the expert's session for its request, else their invite to it. */
export type ThreadPlace =
  | { readonly kind: 'session'; readonly sessionId: string; readonly state: SessionState }
  | { readonly kind: 'invite'; readonly inviteId: string; readonly state: InviteState }

/** The cached state of one signed-in expert. */
export interface CacheStore {
  /** The id of the last applied event (0 for an empty cache). */
  cursor(): number
  /** The platform's digest of the event at the cursor, sent back on replay; null when not known. */
  cursorDigest(): string | null
  /** Forget the digest: the next catch-up, after a restart too, starts from a snapshot, which brings one. */
  forgetCursorDigest(): void
  /**
   * Apply `events` (ascending ids) in one transaction, dropping ids at or below the cursor and
   * stopping at the first gap. Applying the same event twice changes nothing. With `showing`, the
   * same transaction also marks the newest open invite never shown as shown, and returns the
   * invites never shown (`ApplyResult.unshown`): the caller shows that one first, after the commit.
   */
  applyEvents(events: ReadonlyArray<StreamEntry>, showing?: ShowingAt): ApplyResult
  /**
   * Replace everything with a snapshot in one transaction and set the cursor to its cursor. Sent in
   * parts, its newest part was taken at the event `partsThrough` (its cursor when not given), kept
   * with it until the cursor passes it; `leftOut` when the platform left entities out of it as too large.
   */
  applySnapshot(snapshot: Snapshot, partsThrough?: number, leftOut?: boolean): void
  /** Whether the last snapshot applied, in this run or an earlier one, left entities out as too large. */
  snapshotLeftOut(): boolean
  /**
   * The newest event a part of the last snapshot was taken at, while the cursor has not passed
   * it: an event up to it may be older than rows a later part brought. 0 when none is.
   */
  partsThrough(): number
  /** When the cache last caught up with the platform (the platform's time); null if never. */
  lastSyncedAt(): number | null
  /** Record that the cache caught up at `at`, the platform's time. */
  markSynced(at: number): void
  /** The expert this cache belongs to; null when empty. */
  expert(): Expert | null
  /** Forget everything (sign-out, or another expert signs in). */
  clear(): void
  /** The platform clock's offset as kept by the last run, unchecked; null when none is. */
  clockOffset(): KeptClockOffset | null
  /** Keep the platform clock's offset for the next start (forgotten with everything else). */
  keepClockOffset(kept: KeptClockOffset): void
  /** The idempotency key kept for `command` (a command and its payload) under `scope`; null when none is. */
  retryKey(scope: string, command: string): string | null
  /** Keep `key` for a retry of `command` under `scope`, also across a restart (the newest few are kept). */
  keepRetryKey(scope: string, command: string, key: string, at: number): void
  /** Forget the key kept for `command` under `scope`. */
  forgetRetryKey(scope: string, command: string): void
  /** The platform the cache was filled from; null when not known (an older cache, or unreadable). */
  filledFrom(): string | null
  /** Record the platform the cache is filled from (forgotten with everything else). */
  keepFilledFrom(platformUrl: string): void

  /**
   * Invites open at `now`, the platform's time as estimated here (rules/invite-open.ts: the
   * platform has not closed them and their time has not run out), newest first; the newest `limit`
   * when given (a view that lists a few must not read thousands).
   */
  openInvites(now: number, limit?: number): ReadonlyArray<Invite>
  /**
   * The invites open at `since` that are not at `now` by their time alone (it ran out between): read
   * off the index of closing times, so a check as each runs out reads those, not every one open.
   */
  invitesRunOut(since: number, now: number): ReadonlyArray<Invite>
  /** How many invites are open at `now`; cheap enough for every tray update. */
  openInviteCount(now: number): number
  /** When the soonest invite open at `now` stops being takeable; null when none is open. */
  nextInviteClose(now: number): number | null
  /**
   * Invites that closed without being accepted (taken, expired, withdrawn, declined) by `now`,
   * newest first; one whose time ran out before the platform said so reads as expired.
   */
  missedInvites(now: number, limit: number): ReadonlyArray<Invite>
  /** Booked and live sessions from `now` minus the auto-cancel grace, soonest first. */
  upcomingSessions(now: number, limit: number): ReadonlyArray<Session>
  /** As `upcomingSessions`, and whether later ones are booked beyond the `limit` read. */
  upcomingPage(now: number, limit: number): { readonly sessions: readonly Session[]; readonly later: boolean }
  /**
   * Every scheduled session booked, whatever its start, from the columns alone: cheap enough for
   * every wait for the platform's time, which no start bounds (reminders/session-moves.ts).
   */
  bookedSessionStarts(): ReadonlyArray<BookedSessionStart>
  /** Ended and cancelled sessions, most recent first, from just after `after` (paging). */
  sessionHistory(limit: number, after?: HistoryCursor, filter?: HistoryFilter): ReadonlyArray<Session>
  /** As `sessionHistory`, at most `bytes` of stored sessions past the first row, and whether more follow. */
  historyPage(limit: number, bytes: number, after?: HistoryCursor, filter?: HistoryFilter): HistoryPageRead
  /** The clients of ended and cancelled sessions, by name, for History's client filter. */
  historyClients(limit: number): ReadonlyArray<HistoryClient>
  /** Ended and cancelled sessions with one client, most recent first. */
  pastSessionsWithClient(clientId: string, limit: number): ReadonlyArray<Session>
  /** One invite, in whatever state the platform last gave it (rules/invite-open.ts reads it at a time). */
  invite(id: string): Invite | null
  /** One session. */
  session(id: string): Session | null
  /** The latest messages of a request's thread (bounded), oldest first. */
  messages(requestId: string): ReadonlyArray<Message>
  /** As `messages`, and whether the thread holds earlier ones than those. */
  thread(requestId: string): { readonly messages: ReadonlyArray<Message>; readonly earlier: boolean }
  /** The session or invite a request's thread belongs to; null when neither is cached. */
  threadPlace(requestId: string): ThreadPlace | null
  /**
   * Per thread open for replies at `now`, the platform's time as estimated here, the client
   * messages the expert has not read (bounded): an invite's stops counting when its time runs out.
   */
  unreadThreads(now: number): ReadonlyArray<UnreadThread>
  /** Mark a thread's client messages read; true when any was unread. */
  markThreadRead(requestId: string, at: number): boolean
  /** Of these messages, the client's ones neither read nor shown as a notification yet. */
  unnotifiedMessages(messageIds: ReadonlyArray<string>): ReadonlyArray<string>
  /** Remember that these messages were shown (or passed over), so a restart does not show them. */
  markMessagesNotified(messageIds: ReadonlyArray<string>, at: number): void

  /** Invites open at `now` not yet shown as a notification. */
  unnotifiedOpenInvites(now: number): ReadonlyArray<Invite>
  /** Remember that these invites were shown, so a restart does not show them again. */
  markNotified(inviteIds: ReadonlyArray<string>, at: number): void
  /** Of these invites, the ones shown as a notification (so their closing is worth telling). */
  shownInvites(inviteIds: ReadonlyArray<string>): ReadonlyArray<string>

  /** Whether this reminder or alert already fired or was skipped. */
  reminderHandled(key: ReminderKey): boolean
  /** The reminders and alerts recorded for the session, at every booked start, the latest recorded first. */
  reminderMarks(sessionId: string): ReadonlyArray<Omit<ReminderKey, 'sessionId'>>
  /** Every session's marks of `alert` with no mark of `closedBy` at the same booked start. */
  openMarks(alert: string, closedBy: string): ReadonlyArray<Omit<ReminderKey, 'alert'>>
  /**
   * Forget what was marked for the session at this booked start, but for the start last told: the
   * booking there ended and the session was booked there again, a new booking to remind of.
   */
  forgetBooking(sessionId: string, bookedStart: number, keep: string): void
  /** Record that a reminder or alert fired (or was skipped); the first outcome stands. */
  markReminder(key: ReminderKey, outcome: 'fired' | 'skipped', at: number): void
  /**
   * Keep `bookedStart` as the session's start last told (reminders/reminder-marks.ts TOLD_ALERT),
   * in place of the one kept before: told again after moves, the latest still wins.
   */
  keepToldStart(sessionId: string, bookedStart: number, at: number): void
  /** Every snoozed reminder, soonest first. */
  snoozedReminders(): ReadonlyArray<SnoozedReminder>
  /** Snooze a session's reminder (one per session: a new snooze replaces the last). */
  snoozeReminder(snooze: SnoozedReminder): void
  /** Forget a session's snoozed reminder. */
  dropSnooze(sessionId: string): void
  /** Every Snooze press still waiting for the platform's time (a run may have quit first), the earliest first. */
  snoozesAwaitingTime(): ReadonlyArray<SnoozeAwaitingTime>
  /** Keep a Snooze press waiting for the platform's time (one per session: a new press replaces the last). */
  keepSnoozeAwaitingTime(snooze: SnoozeAwaitingTime): void
  /** Forget a session's Snooze press waiting for the time: it was answered. */
  dropSnoozeAwaitingTime(sessionId: string): void

  /** Of these standing warnings (keys from src/main/core/standing), the ones already given. */
  standingWarned(keys: ReadonlyArray<string>): ReadonlyArray<string>
  /** Remember that these standing warnings were given, so a restart or a replay repeats none. */
  markStandingWarned(keys: ReadonlyArray<string>, at: number): void
  /** Forget a standing warning, so it is given again the next time it applies. */
  forgetStandingWarning(key: string): void
  /** Cached sessions with a chargeback recorded against them. */
  chargedBackSessions(): ReadonlyArray<Session>
  /**
   * Remove one small batch of what nothing can show or need any more at platform time `now`
   * (src/main/db/retention-policy.ts), in a transaction of its own. A pass starts without `from`
   * and goes on from each answer until its position is null.
   */
  trimBatch(now: number, from?: RetentionProgress): RetentionProgress
}

/** Where a pass of the cache's retention stands between two batches. */
export interface RetentionProgress {
  /** Rows removed so far in the pass. */
  readonly removed: number
  /** Where the pass goes on, the store's own business; null once the pass is done. */
  readonly position: unknown
}
