/**
 * Native notifications for clients' messages. Each client message is considered once: it is
 * marked in the cache before anything is shown, so a replay or a restart never shows it again (a
 * crash in between loses one, never shows one twice). Nothing is shown while the app's window is
 * focused, since its lists show the unread counts. A client writing quickly is told once: after a
 * thread's notification, its next messages wait out a quiet spell and are told together, unless
 * the expert read the thread meanwhile. Only a few notifications are shown in a quiet spell, however
 * the messages arrive (one batch or one event at a time, fresh threads or held ones): past them, the
 * threads that write wait for the spell to end and are told together in one notice.
 */
import { steadyNow, type Clock, type TimerHandle } from '../../../shared/clock'
import type { Message } from '../../../shared/protocol'
import { threadClosed } from '../../../shared/rules/thread-open'
import type { CacheStore, ThreadPlace } from '../ports/cache-store'
import type { Logger } from '../ports/logger'
import type { AppNotification, MessagePlace, Notifier } from '../ports/notifier'
import type { CacheUpdate } from '../sync/cache-push'
import {
  addNews,
  clientMessagesByThread,
  manyThreadsNotification,
  messageNotification,
  type ThreadNews,
} from './message-notification'

/** After a thread's notification, how long its next messages wait to be told together. */
export const MESSAGE_QUIET_MS = 30_000

/** The most message notifications in one quiet spell; more threads are told in one notice. */
export const MESSAGE_THREADS_AT_ONCE = 3

/** What the alerts need. */
export interface MessageAlertsDeps {
  readonly cache: CacheStore
  readonly clock: Clock
  /** The platform's time as estimated here: when an invite's thread closes (rules/thread-open.ts). */
  readonly platformTime: Clock
  readonly notifier: Notifier
  readonly log: Logger
  /** Whether a window of the app has the focus now (the expert is looking at it). */
  readonly windowFocused: () => boolean
}

/** Decides which client messages become notifications, and when. */
export class MessageAlerts {
  // Spells are timed on the monotonic clock: the computer's clock set back would otherwise hold a
  // thread's next message, and every thread past the first few, until it caught up again.
  /** When each thread was last told, for as long as its quiet spell lasts; forgotten after. */
  private readonly lastShown = new Map<string, number>()
  private readonly held = new Map<string, ThreadNews>()
  private readonly timers = new Map<string, TimerHandle>()
  /** When the notifications of the last quiet spell were shown, oldest first. */
  private readonly toldAt: number[] = []
  /** Threads past the spell's notifications, told together once it ends. */
  private readonly waiting = new Map<string, ThreadNews>()
  private waitTimer: TimerHandle | undefined

  constructor(private readonly deps: MessageAlertsDeps) {}

  /** How many threads are remembered as told within their quiet spell (for tests and diagnostics). */
  get threadsInQuietSpell(): number {
    return this.lastShown.size
  }

  /** How many client messages are kept in memory while they wait to be told (for tests and diagnostics). */
  get messagesKept(): number {
    return this.held.size + this.waiting.size
  }

  /** After a change to the cache: consider the client messages its events brought. */
  cacheChanged(update: CacheUpdate): void {
    if (update.kind === 'replaced') {
      // A snapshot or a sign-out: what was held may be gone, and a snapshot's messages are not new.
      this.stop()
      return
    }
    if (update.kind === 'clock') return
    const arrived: Message[] = []
    for (const event of update.events)
      if (event.type === 'message.created') arrived.push(event.payload.message)
    this.consider(arrived)
  }

  /** Forget what is held and stop the timers. */
  stop(): void {
    for (const timer of this.timers.values()) timer.cancel()
    this.timers.clear()
    this.held.clear()
    this.lastShown.clear()
    this.waitTimer?.cancel()
    this.waitTimer = undefined
    this.waiting.clear()
    this.toldAt.length = 0
  }

  private consider(arrived: ReadonlyArray<Message>): void {
    const { cache, clock } = this.deps
    const fresh = new Set(
      cache.unnotifiedMessages(arrived.filter((m) => m.from === 'client').map((m) => m.id)),
    )
    if (fresh.size === 0) return
    try {
      cache.markMessagesNotified([...fresh], clock.now())
    } catch (error) {
      // Shown all the same: the events that brought them are saved, so nothing brings them again,
      // and a mark that cannot be saved would otherwise lose them.
      this.deps.log.error('Could not record which client messages were notified; showing them anyway', error)
    }
    if (this.deps.windowFocused()) return
    const threads = clientMessagesByThread(arrived.filter((m) => fresh.has(m.id)))
    const now = steadyNow(clock)
    this.forgetSpellsOver(now)
    const dueNow: Array<[string, ThreadNews]> = []
    for (const [requestId, news] of threads) {
      // Written before its thread closed (the invite taken or run out, the session over, often in
      // the same catch-up): nothing is left to answer, as for held messages when their turn comes.
      if (!this.threadOpen(requestId)) continue
      const last = this.lastShown.get(requestId)
      if (last !== undefined && now - last < MESSAGE_QUIET_MS) this.hold(requestId, news, last)
      else dueNow.push([requestId, news])
    }
    this.tell(dueNow)
  }

  /**
   * A thread told longer ago than the quiet spell is told at once again, as one never told: its
   * time is dropped, or every thread a client ever wrote in would be kept for as long as the app runs.
   */
  private forgetSpellsOver(now: number): void {
    for (const [requestId, at] of this.lastShown)
      if (now - at >= MESSAGE_QUIET_MS) this.lastShown.delete(requestId)
  }

  /** Show these threads' messages now, one by one or in one notice, or wait for room. */
  private tell(threads: ReadonlyArray<readonly [string, ThreadNews]>): void {
    if (threads.length === 0) return
    const now = steadyNow(this.deps.clock)
    while (this.toldAt.length > 0 && (this.toldAt[0] ?? now) <= now - MESSAGE_QUIET_MS) this.toldAt.shift()
    const room = MESSAGE_THREADS_AT_ONCE - this.toldAt.length
    if (room <= 0 || this.waiting.size > 0) {
      for (const [requestId, news] of threads)
        this.waiting.set(requestId, addNews(this.waiting.get(requestId), news))
      this.waitForRoom(now)
      return
    }
    if (threads.length > room) {
      for (const [requestId] of threads) this.lastShown.set(requestId, now)
      this.notify(manyThreadsNotification(threads.length))
      return
    }
    for (const [requestId, news] of threads) this.show(requestId, news)
  }

  private waitForRoom(now: number): void {
    if (this.waitTimer !== undefined) return
    const wait = (this.toldAt[0] ?? now) + MESSAGE_QUIET_MS - now
    this.waitTimer = this.deps.clock.setTimeout(
      () => {
        this.waitTimer = undefined
        const threads = [...this.waiting]
        this.waiting.clear()
        if (this.deps.windowFocused()) return
        const unread = this.unreadThreads()
        this.tell(threads.filter(([requestId]) => unread.has(requestId)))
      },
      Math.max(0, wait),
    )
  }

  /** Whether the thread takes replies now, by the platform's time (rules/thread-open.ts). */
  private threadOpen(requestId: string): boolean {
    const { cache, platformTime } = this.deps
    const place = cache.threadPlace(requestId)
    // Not cached yet: `show` says so in the log.
    if (place === null) return true
    if (place.kind === 'session') return threadClosed({ kind: 'session', state: place.state }) === null
    const invite = cache.invite(place.inviteId)
    return invite !== null && threadClosed({ kind: 'invite', invite, now: platformTime.now() }) === null
  }

  private unreadThreads(): ReadonlySet<string> {
    return new Set(this.deps.cache.unreadThreads(this.deps.platformTime.now()).map((t) => t.requestId))
  }

  private notify(notification: AppNotification): void {
    this.toldAt.push(steadyNow(this.deps.clock))
    this.deps.notifier.show(notification)
  }

  private hold(requestId: string, news: ThreadNews, lastShownAt: number): void {
    this.held.set(requestId, addNews(this.held.get(requestId), news))
    if (this.timers.has(requestId)) return
    const wait = lastShownAt + MESSAGE_QUIET_MS - steadyNow(this.deps.clock)
    this.timers.set(
      requestId,
      this.deps.clock.setTimeout(() => this.flush(requestId), Math.max(0, wait)),
    )
  }

  private flush(requestId: string): void {
    this.timers.delete(requestId)
    const news = this.held.get(requestId)
    this.held.delete(requestId)
    if (news === undefined || this.deps.windowFocused()) return
    // Read meanwhile (the window showed the thread), or its invite's time ran out: nothing left to tell.
    if (!this.unreadThreads().has(requestId)) return
    this.tell([[requestId, news]])
  }

  private show(requestId: string, news: ThreadNews): void {
    const place = this.deps.cache.threadPlace(requestId)
    if (place === null) {
      this.deps.log.info(
        `A message for request ${requestId} arrived before its invite; shown by its count only`,
      )
      return
    }
    this.lastShown.set(requestId, steadyNow(this.deps.clock))
    const opens: MessagePlace =
      place.kind === 'invite'
        ? { kind: 'invite', inviteId: place.inviteId }
        : { kind: 'session', sessionId: place.sessionId }
    this.notify(messageNotification(news, this.clientName(place) ?? 'your client', opens))
  }

  private clientName(place: ThreadPlace): string | null {
    const { cache } = this.deps
    if (place.kind === 'invite') return cache.invite(place.inviteId)?.request.client.name ?? null
    return cache.session(place.sessionId)?.client.name ?? null
  }
}
