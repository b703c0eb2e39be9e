/**
 * The core's CacheStore on better-sqlite3: each write in one transaction, each read a view of one
 * repository. The batch of events is applied by apply-event-batch.ts, a snapshot by
 * snapshot-rebuild.ts, through the repositories of cache-repositories.ts. The store does not own
 * the connection: whoever opened it (open-cache.ts) closes it.
 */
import type Database from 'better-sqlite3'
import type { Expert, Invite, Message, Session, Snapshot } from '../../shared/protocol'
import { AUTO_CANCEL_AFTER_MS } from '../../shared/rules/session-timing'
import type {
  ApplyResult,
  CacheStore,
  KeptClockOffset,
  ReminderKey,
  RetentionProgress,
  ShowingAt,
  SnoozedReminder,
  StreamEntry,
  ThreadPlace,
  UnreadThread,
} from '../core/ports/cache-store'
import type { Logger } from '../core/ports/logger'
import { applyEventBatch } from './apply-event-batch'
import { CacheRepositories } from './cache-repositories'
import { transactionOnUse } from './repositories/prepared-on-use'
import { deleteEverything, rebuildFromSnapshot } from './snapshot-rebuild'
import { scrubFreedText } from './scrub-freed'
import type { RetentionPosition } from './repositories/retention-repository'
import type { HistoryCursor } from '../../shared/rules/history-order'
import { isFiltered, type HistoryClient, type HistoryFilter } from '../../shared/rules/history-filter'
import { THREAD_MESSAGES_LISTED, UNREAD_THREADS_LISTED } from '../../shared/ipc/list-limits'

/** CacheStore over one open, migrated cache database. */
export class SqliteCacheStore implements CacheStore {
  private readonly repos: CacheRepositories
  private readonly applyEventsInTransaction: (
    events: ReadonlyArray<StreamEntry>,
    showing: ShowingAt | undefined,
  ) => ApplyResult
  private readonly applySnapshotInTransaction: (snapshot: Snapshot, partsThrough: number) => void
  private readonly clearInTransaction: () => void
  private readonly markNotifiedInTransaction: (ids: ReadonlyArray<string>, at: number) => void
  private readonly markStandingWarnedInTransaction: (keys: ReadonlyArray<string>, at: number) => void
  private readonly markMessagesNotifiedInTransaction: (ids: ReadonlyArray<string>, at: number) => void
  private readonly trimInTransaction: (now: number, from: RetentionProgress | undefined) => RetentionProgress
  private readonly keepRetryKeyInTransaction: (
    scope: string,
    command: string,
    key: string,
    at: number,
  ) => void

  constructor(
    // Kept as a field, as before the split: test/integration/main/core/full-disk.test.ts reaches
    // the connection through it to fill the disk under a running core.
    private readonly db: Database.Database,
    logger: Logger,
  ) {
    const repos = new CacheRepositories(db, logger)
    this.repos = repos
    // The cursor and parts mark are kept in memory (SyncStateRepository): one written in a
    // transaction that then rolls back is read again.
    const rollingBack = <A extends unknown[], R>(run: (...args: A) => R): ((...args: A) => R) => {
      const transaction = transactionOnUse(db, run)
      return (...args) => {
        try {
          return transaction(...args)
        } catch (error) {
          repos.sync.forgetKnown()
          throw error
        }
      }
    }
    this.applyEventsInTransaction = rollingBack(
      (events: ReadonlyArray<StreamEntry>, showing: ShowingAt | undefined): ApplyResult => {
        const result = applyEventBatch(repos, events)
        if (showing === undefined || result.applied.length === 0) return result
        // Marked in the commit that applies it, so showing a new invite costs no commit of its own;
        // still marked before it is shown: a crash in between loses it, never shows it twice. One
        // only: the caller marks the others one by one as it shows them, so a crash loses one.
        const unshown = repos.invites.unnotifiedOpen(showing.openAt)
        if (unshown[0] !== undefined) repos.invites.markNotified([unshown[0].id], showing.at)
        return { ...result, unshown }
      },
    )
    this.applySnapshotInTransaction = rollingBack((snapshot: Snapshot, partsThrough: number) =>
      rebuildFromSnapshot(repos, snapshot, partsThrough),
    )
    this.clearInTransaction = rollingBack(() => deleteEverything(repos))
    this.markNotifiedInTransaction = transactionOnUse(db, (ids: ReadonlyArray<string>, at: number) =>
      repos.invites.markNotified(ids, at),
    )
    this.markStandingWarnedInTransaction = transactionOnUse(db, (keys: ReadonlyArray<string>, at: number) =>
      repos.standing.markWarned(keys, at),
    )
    this.markMessagesNotifiedInTransaction = transactionOnUse(db, (ids: ReadonlyArray<string>, at: number) =>
      repos.messages.markNotified(ids, at),
    )
    this.keepRetryKeyInTransaction = transactionOnUse(
      db,
      (scope: string, command: string, key: string, at: number) =>
        repos.retryKeys.keep(scope, command, key, at),
    )
    this.trimInTransaction = transactionOnUse(db, (now: number, from: RetentionProgress | undefined) => {
      const position = from === undefined ? repos.retention.start(now) : (from.position as RetentionPosition)
      const { removed, next } = repos.retention.batch(now, position)
      return { removed: (from?.removed ?? 0) + removed, position: next }
    })
  }

  cursor(): number {
    return this.repos.sync.cursor()
  }

  cursorDigest(): string | null {
    return this.repos.sync.cursorDigest()
  }

  forgetCursorDigest(): void {
    this.repos.sync.forgetDigest()
  }

  applyEvents(events: ReadonlyArray<StreamEntry>, showing?: ShowingAt): ApplyResult {
    if (events.length === 0) return { applied: [], skipped: [], gap: false, cursor: this.repos.sync.cursor() }
    return this.applyEventsInTransaction(events, showing)
  }

  applySnapshot(snapshot: Snapshot, partsThrough = snapshot.cursor): void {
    this.applySnapshotInTransaction(snapshot, partsThrough)
  }

  partsThrough(): number {
    return this.repos.sync.partsThrough()
  }

  lastSyncedAt(): number | null {
    return this.repos.sync.lastSyncedAt()
  }

  markSynced(at: number): void {
    this.repos.sync.setLastSyncedAt(at)
  }

  expert(): Expert | null {
    return this.repos.sync.expert()
  }

  clear(): void {
    this.clearInTransaction()
    scrubFreedText(this.db)
  }

  clockOffset(): KeptClockOffset | null {
    return this.repos.sync.clockOffset()
  }

  keepClockOffset(kept: KeptClockOffset): void {
    this.repos.sync.setClockOffset(kept)
  }

  retryKey(scope: string, command: string): string | null {
    return this.repos.retryKeys.find(scope, command)
  }

  keepRetryKey(scope: string, command: string, key: string, at: number): void {
    this.keepRetryKeyInTransaction(scope, command, key, at)
  }

  forgetRetryKey(scope: string, command: string): void {
    this.repos.retryKeys.forget(scope, command)
  }

  filledFrom(): string | null {
    return this.repos.sync.platformUrl()
  }

  keepFilledFrom(platformUrl: string): void {
    this.repos.sync.setPlatformUrl(platformUrl)
  }

  openInvites(now: number, limit?: number): ReadonlyArray<Invite> {
    return this.repos.invites.open(now, limit)
  }

  invitesRunOut(since: number, now: number): ReadonlyArray<Invite> {
    return this.repos.invites.runOut(since, now)
  }

  openInviteCount(now: number): number {
    return this.repos.invites.countOpen(now)
  }

  nextInviteClose(now: number): number | null {
    return this.repos.invites.nextClose(now)
  }

  missedInvites(now: number, limit: number): ReadonlyArray<Invite> {
    return this.repos.invites.missed(now, limit)
  }

  upcomingSessions(now: number, limit: number): ReadonlyArray<Session> {
    return this.repos.sessions.upcoming(now - AUTO_CANCEL_AFTER_MS, limit)
  }

  sessionHistory(limit: number, after?: HistoryCursor, filter?: HistoryFilter): ReadonlyArray<Session> {
    const cursor = after ?? { start: Number.MAX_SAFE_INTEGER, id: '' }
    return filter !== undefined && isFiltered(filter)
      ? this.repos.sessions.filteredHistoryPage(filter, limit, cursor)
      : this.repos.sessions.history(limit, cursor)
  }

  historyClients(limit: number): ReadonlyArray<HistoryClient> {
    return this.repos.sessions.historyClients(limit)
  }

  pastSessionsWithClient(clientId: string, limit: number): ReadonlyArray<Session> {
    return this.repos.sessions.pastWithClient(clientId, limit)
  }

  invite(id: string): Invite | null {
    return this.repos.invites.byId(id)
  }

  session(id: string): Session | null {
    return this.repos.sessions.byId(id)
  }

  messages(requestId: string): ReadonlyArray<Message> {
    return this.repos.messages.byRequest(requestId, THREAD_MESSAGES_LISTED)
  }

  threadPlace(requestId: string): ThreadPlace | null {
    return this.repos.messages.place(requestId)
  }

  unreadThreads(now: number): ReadonlyArray<UnreadThread> {
    return this.repos.messages.unread(now, UNREAD_THREADS_LISTED)
  }

  markThreadRead(requestId: string, at: number): boolean {
    return this.repos.messages.markRead(requestId, at) > 0
  }

  unnotifiedMessages(messageIds: ReadonlyArray<string>): ReadonlyArray<string> {
    return messageIds.length > 0 ? this.repos.messages.unnotified(messageIds) : []
  }

  markMessagesNotified(messageIds: ReadonlyArray<string>, at: number): void {
    if (messageIds.length > 0) this.markMessagesNotifiedInTransaction(messageIds, at)
  }

  unnotifiedOpenInvites(now: number): ReadonlyArray<Invite> {
    return this.repos.invites.unnotifiedOpen(now)
  }

  markNotified(inviteIds: ReadonlyArray<string>, at: number): void {
    if (inviteIds.length > 0) this.markNotifiedInTransaction(inviteIds, at)
  }

  shownInvites(inviteIds: ReadonlyArray<string>): ReadonlyArray<string> {
    return inviteIds.length > 0 ? this.repos.invites.shown(inviteIds) : []
  }

  reminderHandled(key: ReminderKey): boolean {
    return this.repos.reminders.handled(key.sessionId, key.bookedStart, key.alert)
  }

  reminderMarks(sessionId: string): ReadonlyArray<Omit<ReminderKey, 'sessionId'>> {
    return this.repos.reminders.marksOf(sessionId)
  }

  openMarks(alert: string, closedBy: string): ReadonlyArray<Omit<ReminderKey, 'alert'>> {
    return this.repos.reminders.openMarks(alert, closedBy)
  }

  markReminder(key: ReminderKey, outcome: 'fired' | 'skipped', at: number): void {
    this.repos.reminders.mark(key.sessionId, key.bookedStart, key.alert, outcome, at)
  }

  keepToldStart(sessionId: string, bookedStart: number, at: number): void {
    this.repos.reminders.keepTold(sessionId, bookedStart, at)
  }

  snoozedReminders(): ReadonlyArray<SnoozedReminder> {
    return this.repos.reminders.snoozes()
  }

  snoozeReminder(snooze: SnoozedReminder): void {
    this.repos.reminders.snooze(snooze.sessionId, snooze.bookedStart, snooze.at)
  }

  dropSnooze(sessionId: string): void {
    this.repos.reminders.dropSnooze(sessionId)
  }

  standingWarned(keys: ReadonlyArray<string>): ReadonlyArray<string> {
    return keys.length > 0 ? this.repos.standing.warned(keys) : []
  }

  markStandingWarned(keys: ReadonlyArray<string>, at: number): void {
    if (keys.length > 0) this.markStandingWarnedInTransaction(keys, at)
  }

  forgetStandingWarning(key: string): void {
    this.repos.standing.forget(key)
  }

  chargedBackSessions(): ReadonlyArray<Session> {
    return this.repos.standing.chargedBack()
  }

  trimBatch(now: number, from?: RetentionProgress): RetentionProgress {
    return this.trimInTransaction(now, from)
  }
}
