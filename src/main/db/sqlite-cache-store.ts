/**
 * The core's CacheStore on better-sqlite3. Events and snapshots are applied here, each batch in
 * one transaction, by the repositories in ./repositories, each built and each statement compiled on
 * first use. The store does not own the connection: whoever opened it (open-cache.ts) closes it.
 */
import type Database from 'better-sqlite3'
import { assertNever } from '../../shared/assert-never'
import type { Expert, Invite, Message, PlatformEvent, Session, Snapshot } from '../../shared/protocol'
import { AUTO_CANCEL_AFTER_MS } from '../../shared/rules/session-timing'
import type {
  ApplyResult,
  CacheStore,
  KeptClockOffset,
  ReminderKey,
  SnoozedReminder,
  StreamEntry,
  ThreadPlace,
  UnreadableEvent,
  UnreadThread,
} from '../core/ports/cache-store'
import type { Logger } from '../core/ports/logger'
import { InviteRepository } from './repositories/invite-repository'
import { MessageRepository } from './repositories/message-repository'
import { transactionOnUse } from './repositories/prepared-on-use'
import { ReminderRepository } from './repositories/reminder-repository'
import { RequestRepository } from './repositories/request-repository'
import { SessionRepository } from './repositories/session-repository'
import { StandingRepository } from './repositories/standing-repository'
import { SyncStateRepository } from './repositories/sync-state-repository'
import type { SkippedRows } from './repositories/stored-json'
import type { HistoryCursor } from '../../shared/rules/history-order'
import { isFiltered, type HistoryClient, type HistoryFilter } from '../../shared/rules/history-filter'
import { THREAD_MESSAGES_LISTED, UNREAD_THREADS_LISTED } from '../../shared/ipc/list-limits'

/** The expert an event's payload belongs to, when the payload says. */
function expertIdOf(event: StreamEntry): string | null {
  switch (event.type) {
    case 'unreadable':
      return null
    case 'session.updated':
      return event.payload.session.expertId
    case 'message.created':
      return event.payload.message.expertId
    case 'expert.updated':
      return event.payload.expert.id
    case 'invite.created':
    case 'invite.closed':
      return null
    default:
      return assertNever(event)
  }
}

/** CacheStore over one open, migrated cache database. */
export class SqliteCacheStore implements CacheStore {
  // Each repository is built on first use: a start reads one or two of them before the first page
  // is shown, and building the rest then would only delay it (`npm run bench -- cache`, cold open).
  private syncRepository?: SyncStateRepository
  private requestRepository?: RequestRepository
  private inviteRepository?: InviteRepository
  private sessionRepository?: SessionRepository
  private messageRepository?: MessageRepository
  private reminderRepository?: ReminderRepository
  private standingRepository?: StandingRepository
  private readonly applyEventsInTransaction: (events: ReadonlyArray<StreamEntry>) => ApplyResult
  private readonly applySnapshotInTransaction: (snapshot: Snapshot) => void
  private readonly clearInTransaction: () => void
  private readonly markNotifiedInTransaction: (ids: ReadonlyArray<string>, at: number) => void
  private readonly markStandingWarnedInTransaction: (keys: ReadonlyArray<string>, at: number) => void
  private readonly markMessagesNotifiedInTransaction: (ids: ReadonlyArray<string>, at: number) => void
  // A row skipped as damaged is logged, and the next sync starts from a snapshot, which rewrites it.
  private readonly skippedRows: SkippedRows

  constructor(
    private readonly db: Database.Database,
    private readonly logger: Logger,
  ) {
    this.skippedRows = { logger, skipped: () => this.sync.forgetDigest() }
    this.applyEventsInTransaction = transactionOnUse(db, (events: ReadonlyArray<StreamEntry>) =>
      this.applyBatch(events),
    )
    this.applySnapshotInTransaction = transactionOnUse(db, (snapshot: Snapshot) => this.replaceWith(snapshot))
    this.clearInTransaction = transactionOnUse(db, () => this.deleteEverything())
    this.markNotifiedInTransaction = transactionOnUse(db, (ids: ReadonlyArray<string>, at: number) =>
      this.invites.markNotified(ids, at),
    )
    this.markStandingWarnedInTransaction = transactionOnUse(db, (keys: ReadonlyArray<string>, at: number) =>
      this.standing.markWarned(keys, at),
    )
    this.markMessagesNotifiedInTransaction = transactionOnUse(db, (ids: ReadonlyArray<string>, at: number) =>
      this.messageRows.markNotified(ids, at),
    )
  }

  private get sync(): SyncStateRepository {
    return (this.syncRepository ??= new SyncStateRepository(this.db, this.skippedRows))
  }

  private get requests(): RequestRepository {
    return (this.requestRepository ??= new RequestRepository(this.db))
  }

  private get invites(): InviteRepository {
    return (this.inviteRepository ??= new InviteRepository(this.db, this.skippedRows))
  }

  private get sessions(): SessionRepository {
    return (this.sessionRepository ??= new SessionRepository(this.db, this.skippedRows))
  }

  private get messageRows(): MessageRepository {
    return (this.messageRepository ??= new MessageRepository(this.db, this.skippedRows))
  }

  private get reminders(): ReminderRepository {
    return (this.reminderRepository ??= new ReminderRepository(this.db))
  }

  private get standing(): StandingRepository {
    return (this.standingRepository ??= new StandingRepository(this.db, this.skippedRows))
  }

  cursor(): number {
    return this.sync.cursor()
  }

  cursorDigest(): string | null {
    return this.sync.cursorDigest()
  }

  applyEvents(events: ReadonlyArray<StreamEntry>): ApplyResult {
    if (events.length === 0) return { applied: [], skipped: [], gap: false, cursor: this.sync.cursor() }
    return this.applyEventsInTransaction(events)
  }

  applySnapshot(snapshot: Snapshot): void {
    this.applySnapshotInTransaction(snapshot)
  }

  lastSyncedAt(): number | null {
    return this.sync.lastSyncedAt()
  }

  markSynced(at: number): void {
    this.sync.setLastSyncedAt(at)
  }

  expert(): Expert | null {
    return this.sync.expert()
  }

  clear(): void {
    this.clearInTransaction()
  }

  clockOffset(): KeptClockOffset | null {
    return this.sync.clockOffset()
  }

  keepClockOffset(kept: KeptClockOffset): void {
    this.sync.setClockOffset(kept)
  }

  openInvites(now: number): ReadonlyArray<Invite> {
    return this.invites.open(now)
  }

  openInviteCount(now: number): number {
    return this.invites.countOpen(now)
  }

  nextInviteClose(now: number): number | null {
    return this.invites.nextClose(now)
  }

  missedInvites(now: number, limit: number): ReadonlyArray<Invite> {
    return this.invites.missed(now, limit)
  }

  upcomingSessions(now: number, limit: number): ReadonlyArray<Session> {
    return this.sessions.upcoming(now - AUTO_CANCEL_AFTER_MS, limit)
  }

  sessionHistory(limit: number, after?: HistoryCursor, filter?: HistoryFilter): ReadonlyArray<Session> {
    const cursor = after ?? { start: Number.MAX_SAFE_INTEGER, id: '' }
    return filter !== undefined && isFiltered(filter)
      ? this.sessions.filteredHistoryPage(filter, limit, cursor)
      : this.sessions.history(limit, cursor)
  }

  historyClients(limit: number): ReadonlyArray<HistoryClient> {
    return this.sessions.historyClients(limit)
  }

  pastSessionsWithClient(clientId: string, limit: number): ReadonlyArray<Session> {
    return this.sessions.pastWithClient(clientId, limit)
  }

  invite(id: string): Invite | null {
    return this.invites.byId(id)
  }

  session(id: string): Session | null {
    return this.sessions.byId(id)
  }

  messages(requestId: string): ReadonlyArray<Message> {
    return this.messageRows.byRequest(requestId, THREAD_MESSAGES_LISTED)
  }

  threadPlace(requestId: string): ThreadPlace | null {
    return this.messageRows.place(requestId)
  }

  unreadThreads(now: number): ReadonlyArray<UnreadThread> {
    return this.messageRows.unread(now, UNREAD_THREADS_LISTED)
  }

  markThreadRead(requestId: string, at: number): boolean {
    return this.messageRows.markRead(requestId, at) > 0
  }

  unnotifiedMessages(messageIds: ReadonlyArray<string>): ReadonlyArray<string> {
    return messageIds.length > 0 ? this.messageRows.unnotified(messageIds) : []
  }

  markMessagesNotified(messageIds: ReadonlyArray<string>, at: number): void {
    if (messageIds.length > 0) this.markMessagesNotifiedInTransaction(messageIds, at)
  }

  unnotifiedOpenInvites(now: number): ReadonlyArray<Invite> {
    return this.invites.unnotifiedOpen(now)
  }

  markNotified(inviteIds: ReadonlyArray<string>, at: number): void {
    if (inviteIds.length > 0) this.markNotifiedInTransaction(inviteIds, at)
  }

  shownInvites(inviteIds: ReadonlyArray<string>): ReadonlyArray<string> {
    return inviteIds.length > 0 ? this.invites.shown(inviteIds) : []
  }

  reminderHandled(key: ReminderKey): boolean {
    return this.reminders.handled(key.sessionId, key.bookedStart, key.alert)
  }

  markReminder(key: ReminderKey, outcome: 'fired' | 'skipped', at: number): void {
    this.reminders.mark(key.sessionId, key.bookedStart, key.alert, outcome, at)
  }

  snoozedReminders(): ReadonlyArray<SnoozedReminder> {
    return this.reminders.snoozes()
  }

  snoozeReminder(snooze: SnoozedReminder): void {
    this.reminders.snooze(snooze.sessionId, snooze.bookedStart, snooze.at)
  }

  dropSnooze(sessionId: string): void {
    this.reminders.dropSnooze(sessionId)
  }

  standingWarned(keys: ReadonlyArray<string>): ReadonlyArray<string> {
    return keys.length > 0 ? this.standing.warned(keys) : []
  }

  markStandingWarned(keys: ReadonlyArray<string>, at: number): void {
    if (keys.length > 0) this.markStandingWarnedInTransaction(keys, at)
  }

  forgetStandingWarning(key: string): void {
    this.standing.forget(key)
  }

  chargedBackSessions(): ReadonlyArray<Session> {
    return this.standing.chargedBack()
  }

  private applyBatch(events: ReadonlyArray<StreamEntry>): ApplyResult {
    // The cache's owner is settled at sign-in and checked on every welcome, so an event about
    // another expert is the platform's mistake: passed over like any unreadable event, never a
    // reason to wipe the cache (and with it the memory of which invites were already shown).
    const cachedExpertId = this.sync.expertId()
    const start = this.sync.cursor()
    let cursor = start
    let digest: string | null = null
    let gap = false
    const applied: PlatformEvent[] = []
    const skipped: UnreadableEvent[] = []
    for (const event of events) {
      if (event.id <= cursor) continue
      if (event.id !== cursor + 1) {
        gap = true
        break
      }
      const owner = expertIdOf(event)
      if (event.type === 'unreadable') skipped.push(event)
      else if (owner !== null && cachedExpertId !== null && owner !== cachedExpertId) {
        const problem = `it is about another expert (${owner}) than this cache's (${cachedExpertId})`
        this.logger.error(`Skipped event ${event.id} from the platform: ${problem}`)
        skipped.push({ type: 'unreadable', id: event.id, digest: event.digest, problem })
      } else {
        this.applyOne(event)
        applied.push(event)
      }
      cursor = event.id
      digest = event.digest ?? null
    }
    if (cursor !== start) this.sync.setCursor(cursor, digest)
    return { applied, skipped, gap, cursor }
  }

  private applyOne(event: PlatformEvent): void {
    switch (event.type) {
      case 'invite.created':
        this.requests.put(event.payload.invite.request)
        this.invites.put(event.payload.invite)
        return
      case 'invite.closed':
        // Every closing reason is also the invite's new state.
        this.invites.close(event.payload.inviteId, event.payload.reason)
        return
      case 'session.updated':
        this.requests.put(event.payload.session.request)
        this.sessions.put(event.payload.session)
        return
      case 'message.created':
        this.messageRows.put(event.payload.message)
        return
      case 'expert.updated':
        this.sync.putExpert(event.payload.expert)
        return
      default:
        assertNever(event)
    }
  }

  private replaceWith(snapshot: Snapshot): void {
    const cachedExpertId = this.sync.expertId()
    if (cachedExpertId !== null && cachedExpertId !== snapshot.expert.id) this.deleteEverything()
    this.sync.putExpert(snapshot.expert)
    // Rows that stay are updated in place, so their notification and reminder state stays too.
    this.invites.deleteAllExcept(snapshot.openInvites.map((i) => i.id))
    this.sessions.deleteAllExcept(snapshot.sessions.map((s) => s.id))
    for (const invite of snapshot.openInvites) {
      this.requests.put(invite.request)
      this.invites.put(invite)
    }
    for (const session of snapshot.sessions) {
      this.requests.put(session.request)
      this.sessions.put(session)
    }
    this.messageRows.deleteAll()
    for (const message of snapshot.recentMessages) this.messageRows.put(message)
    this.requests.pruneUnreferenced()
    this.reminders.pruneOrphans()
    this.sync.setCursor(snapshot.cursor, snapshot.cursorDigest ?? null)
  }

  private deleteEverything(): void {
    this.standing.deleteAll()
    this.reminders.deleteAll()
    this.messageRows.deleteAllWithState()
    this.invites.deleteAll()
    this.sessions.deleteAll()
    this.requests.deleteAll()
    this.sync.reset()
  }
}
