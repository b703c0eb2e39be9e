/**
 * The unread counts of the threads, as the host last said: read once, then kept current by the
 * `messages.unreadChanged` push, and read again whenever the page re-reads everything. One store
 * per API, so every list row of a page shares one read and one subscription.
 */
import { useEffect, useSyncExternalStore } from 'react'
import type { UnreadThreads } from '../../shared/ipc/contract'
import type { StandbyApi } from '../../shared/ipc/standby-api'
import type { AppStore } from './app-store'
import { useServices } from './context'
import { createValueStore, type ValueStore } from './value-store'

/** Unread client messages by request id. */
export type UnreadCounts = ReadonlyMap<string, number>

const NONE: UnreadCounts = new Map()
const stores = new WeakMap<StandbyApi, { store: ValueStore<UnreadCounts>; users: number; off?: () => void }>()

/** The counts as a map, from the host's list. */
export function unreadCountsOf(threads: UnreadThreads): UnreadCounts {
  return new Map(threads.map((thread) => [thread.requestId, thread.count]))
}

/**
 * Keep `store` at the host's counts: read now and on every re-read, follow the pushes. A read
 * answers with the counts as they were when it was asked, so an answer that comes after a push
 * (or after a later read's answer) is older than what the store shows and is dropped.
 */
export function followUnread(
  api: Pick<StandbyApi, 'messages'>,
  app: Pick<AppStore, 'onReread'>,
  store: ValueStore<UnreadCounts>,
): () => void {
  let current = true
  // Bumped by every push and every read asked: only the answer to the latest ask is shown.
  let changes = 0
  const read = (): void => {
    const asked = ++changes
    void api.messages.unread().then((result) => {
      if (current && result.ok && asked === changes) store.set(unreadCountsOf(result.value))
    })
  }
  read()
  const offs = [
    api.messages.onUnreadChanged((threads) => {
      changes++
      store.set(unreadCountsOf(threads))
    }),
    app.onReread(read),
  ]
  return () => {
    current = false
    for (const off of offs) off()
  }
}

/** How many of `requestId`'s client messages the expert has not read (0 when all are). */
export function useUnreadCount(requestId: string): number {
  const { api, app } = useServices()
  let entry = stores.get(api)
  if (entry === undefined) {
    entry = { store: createValueStore(NONE), users: 0 }
    stores.set(api, entry)
  }
  const { store } = entry
  useEffect(() => {
    const shared = stores.get(api)
    if (shared === undefined) return
    shared.users += 1
    shared.off ??= followUnread(api, app, shared.store)
    return () => {
      shared.users -= 1
      if (shared.users === 0) {
        shared.off?.()
        shared.off = undefined
      }
    }
  }, [api, app])
  const counts = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getServerSnapshot)
  return counts.get(requestId) ?? 0
}
