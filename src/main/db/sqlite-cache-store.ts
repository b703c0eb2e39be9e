/**
 * The core's CacheStore on better-sqlite3: each write in one transaction (those of more than one
 * statement are store-transactions.ts'), each read a view of one repository
 * (cache-repositories.ts). The store does not own the connection: whoever opened it (open-cache.ts)
 * closes it.
 */
import type Database from 'better-sqlite3'
import type { Expert, Invite, Message, Session, Snapshot } from '../../shared/protocol'
import { AUTO_CANCEL_AFTER_MS } from '../../shared/rules/session-timing'
import type {
  ApplyResult,
  BookedSessionStart,
  CacheStore,
  KeptClockOffset,
  ReminderKey,
  RetentionProgress,
  ShowingAt,
  SnoozedReminder,
  SnoozeAwaitingTime,
  StreamEntry,
  ThreadPlace,
  UnreadThread,
} from '../core/ports/cache-store'
import type { Logger } from '../core/ports/logger'
import { CacheRepositories } from './cache-repositories'
import { scrubFreedText } from './scrub-freed'
import { storeTransactions, type StoreTransactions } from './store-transactions'
import type { HistoryCursor } from '../../shared/rules/history-order'
import { isFiltered, type HistoryClient, type HistoryFilter } from '../../shared/rules/history-filter'
import { THREAD_MESSAGES_LISTED, UNREAD_THREADS_LISTED } from '../../shared/ipc/list-limits'
import type { HistoryPage } from '../../shared/ipc/cache-view-schemas'

/** CacheStore over one open, migrated cache database. */
export class SqliteCacheStore implements CacheStore {
  private readonly repos: CacheRepositories
  private readonly transactions: StoreTransactions

  constructor(
    // Kept as a field, as before the split: test/integration/main/core/full-disk.test.ts reaches
    // the connection through it to fill the disk under a running core.
    private readonly db: Database.Database,
    logger: Logger,
  ) {
    this.repos = new CacheRepositories(db, logger)
    this.transactions = storeTransactions(db, this.repos)
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
    return this.transactions.applyEvents(events, showing)
  }

  applySnapshot(snapshot: Snapshot, partsThrough = snapshot.cursor, leftOut = false): void {
    this.transactions.applySnapshot(snapshot, partsThrough, leftOut)
  }

  snapshotLeftOut(): boolean {
    return this.repos.sync.snapshotLeftOut()
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
    this.transactions.clear()
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
    this.transactions.keepRetryKey(scope, command, key, at)
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

  upcomingPage(
    now: number,
    limit: number,
  ): { readonly sessions: ReadonlyArray<Session>; readonly later: boolean } {
    return this.repos.sessions.upcomingPage(now - AUTO_CANCEL_AFTER_MS, limit)
  }

  bookedSessionStarts(): ReadonlyArray<BookedSessionStart> {
    return this.repos.sessions.bookedStarts()
  }

  sessionHistory(limit: number, after?: HistoryCursor, filter?: HistoryFilter): ReadonlyArray<Session> {
    // The window's own read, without its byte budget: one way to read History, not two. A
    // search's page may stop at the end of its stretch; this read goes on until it is full.
    const sessions: Session[] = []
    for (let cursor = after; ;) {
      const page = this.historyPage(limit - sessions.length, Number.POSITIVE_INFINITY, cursor, filter)
      sessions.push(...page.sessions)
      if (page.next === undefined || sessions.length >= limit) return sessions
      cursor = page.next
    }
  }

  historyPage(limit: number, bytes: number, after?: HistoryCursor, filter?: HistoryFilter): HistoryPage {
    const cursor = after ?? { start: Number.MAX_SAFE_INTEGER, id: '' }
    const narrowed = filter !== undefined && isFiltered(filter) ? filter : null
    return this.repos.sessions.historyPage(narrowed, limit, bytes, cursor)
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
    return this.thread(requestId).messages
  }

  thread(requestId: string): { readonly messages: ReadonlyArray<Message>; readonly earlier: boolean } {
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
    if (messageIds.length > 0) this.transactions.markMessagesNotified(messageIds, at)
  }

  unnotifiedOpenInvites(now: number): ReadonlyArray<Invite> {
    return this.repos.invites.unnotifiedOpen(now)
  }

  markNotified(inviteIds: ReadonlyArray<string>, at: number): void {
    if (inviteIds.length > 0) this.transactions.markNotified(inviteIds, at)
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

  forgetBooking(sessionId: string, bookedStart: number, keep: string): void {
    this.repos.reminders.forgetBooking(sessionId, bookedStart, keep)
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

  snoozesAwaitingTime(): ReadonlyArray<SnoozeAwaitingTime> {
    return this.repos.reminders.snoozesAwaitingTime()
  }

  keepSnoozeAwaitingTime(snooze: SnoozeAwaitingTime): void {
    this.repos.reminders.keepSnoozeAwaitingTime(snooze)
  }

  dropSnoozeAwaitingTime(sessionId: string): void {
    this.repos.reminders.dropSnoozeAwaitingTime(sessionId)
  }

  standingWarned(keys: ReadonlyArray<string>): ReadonlyArray<string> {
    return keys.length > 0 ? this.repos.standing.warned(keys) : []
  }

  markStandingWarned(keys: ReadonlyArray<string>, at: number): void {
    if (keys.length > 0) this.transactions.markStandingWarned(keys, at)
  }

  forgetStandingWarning(key: string): void {
    this.repos.standing.forget(key)
  }

  chargedBackSessions(): ReadonlyArray<Session> {
    return this.repos.standing.chargedBack()
  }

  trimBatch(now: number, from?: RetentionProgress): RetentionProgress {
    return this.transactions.trim(now, from)
  }
}
