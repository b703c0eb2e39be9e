/**
 * Native notifications for clients' messages. Each client message is considered once: it is
 * marked in the cache before anything is shown, so a replay or a restart never shows it again (a
 * crash in between loses one, never shows one twice). Nothing is shown while the app's window is
 * focused, since its lists show the unread counts. A client writing quickly is told once: after a
 * thread's notification, its next messages wait out a quiet spell and are told together, unless
 * the expert read the thread meanwhile. Many threads at once are told in one notice.
 */
import type { Clock, TimerHandle } from '../../../shared/clock'
import type { Message } from '../../../shared/protocol'
import type { CacheStore } from '../ports/cache-store'
import type { Logger } from '../ports/logger'
import type { MessagePlace, Notifier } from '../ports/notifier'
import type { CacheUpdate } from '../sync/cache-push'
import { clientMessagesByThread, manyThreadsNotification, messageNotification } from './message-notification'

/** After a thread's notification, how long its next messages wait to be told together. */
export const MESSAGE_QUIET_MS = 30_000

/** The most threads told one by one from one batch; more are told in one notice. */
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
  private readonly lastShown = new Map<string, number>()
  private readonly held = new Map<string, Message[]>()
  private readonly timers = new Map<string, TimerHandle>()

  constructor(private readonly deps: MessageAlertsDeps) {}

  /** After a change to the cache: consider the client messages its events brought. */
  cacheChanged(update: CacheUpdate): void {
    if (update.kind === 'replaced') {
      // A snapshot or a sign-out: what was held may be gone, and a snapshot's messages are not new.
      this.stop()
      return
    }
    if (update.kind === 'expired') return
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
    const now = clock.now()
    const dueNow: Array<[string, ReadonlyArray<Message>]> = []
    for (const [requestId, messages] of threads) {
      const last = this.lastShown.get(requestId)
      if (last !== undefined && now - last < MESSAGE_QUIET_MS) this.hold(requestId, messages, last)
      else dueNow.push([requestId, messages])
    }
    if (dueNow.length > MESSAGE_THREADS_AT_ONCE) {
      for (const [requestId] of dueNow) this.lastShown.set(requestId, now)
      this.deps.notifier.show(manyThreadsNotification(dueNow.length))
      return
    }
    for (const [requestId, messages] of dueNow) this.show(requestId, messages)
  }

  private hold(requestId: string, messages: ReadonlyArray<Message>, lastShownAt: number): void {
    this.held.set(requestId, [...(this.held.get(requestId) ?? []), ...messages])
    if (this.timers.has(requestId)) return
    const wait = lastShownAt + MESSAGE_QUIET_MS - this.deps.clock.now()
    this.timers.set(
      requestId,
      this.deps.clock.setTimeout(() => this.flush(requestId), Math.max(0, wait)),
    )
  }

  private flush(requestId: string): void {
    this.timers.delete(requestId)
    const messages = this.held.get(requestId) ?? []
    this.held.delete(requestId)
    if (messages.length === 0 || this.deps.windowFocused()) return
    // Read meanwhile (the window showed the thread), or its invite's time ran out: nothing left to tell.
    if (!this.deps.cache.unreadThreads(this.deps.platformTime.now()).some((t) => t.requestId === requestId))
      return
    this.show(requestId, messages)
  }

  private show(requestId: string, messages: ReadonlyArray<Message>): void {
    const place = this.deps.cache.threadPlace(requestId)
    if (place === null) {
      this.deps.log.info(
        `A message for request ${requestId} arrived before its invite; shown by its count only`,
      )
      return
    }
    this.lastShown.set(requestId, this.deps.clock.now())
    const opens: MessagePlace =
      place.kind === 'invite'
        ? { kind: 'invite', inviteId: place.inviteId }
        : { kind: 'session', sessionId: place.sessionId }
    this.deps.notifier.show(messageNotification(messages, this.clientName(place) ?? 'your client', opens))
  }

  private clientName(place: NonNullable<ReturnType<CacheStore['threadPlace']>>): string | null {
    const { cache } = this.deps
    if (place.kind === 'invite') return cache.invite(place.inviteId)?.request.client.name ?? null
    return cache.session(place.sessionId)?.client.name ?? null
  }
}
