/**
 * The unread counts of the threads, as the host last said: a host-followed store
 * (`host-followed-store.ts`) of the `messages.unread` read and the `messages.unreadChanged` push.
 * Followed from the first row that shows them until the expert is gone: an expert with no open
 * invite is the usual case, and the push keeps the counts current for the row that comes later.
 */
import { useEffect, useSyncExternalStore } from 'react'
import type { UnreadThreads } from '../../shared/ipc/contract'
import type { StandbyApi } from '../../shared/ipc/standby-api'
import type { AppStore } from './app-store'
import { useServices } from './context'
import {
  createHostFollowedStore,
  followHostValue,
  type HostFeed,
  type HostFollowedStore,
} from './host-followed-store'
import type { ValueStore } from './value-store'

/** Unread client messages by request id. */
export type UnreadCounts = ReadonlyMap<string, number>

const NONE: UnreadCounts = new Map()

/** A page's unread counts, followed once some row has shown them. */
export type UnreadStore = HostFollowedStore<UnreadCounts, Pick<StandbyApi, 'messages'>>

/** Where the unread counts are read and pushed. */
const feedOf = (api: Pick<StandbyApi, 'messages'>): HostFeed<UnreadThreads> => ({
  read: () => api.messages.unread(),
  onChange: (listener) => api.messages.onUnreadChanged(listener),
})

/** No counts yet, nobody following. */
export function createUnreadStore(): UnreadStore {
  return createHostFollowedStore(NONE, NONE, feedOf, unreadCountsOf)
}

/** The counts as a map, from the host's list. */
export function unreadCountsOf(threads: UnreadThreads): UnreadCounts {
  return new Map(threads.map((thread) => [thread.requestId, thread.count]))
}

/** Keep `store` at the host's counts: read now and on every re-read, follow the pushes. */
export function followUnread(
  api: Pick<StandbyApi, 'messages'>,
  app: Pick<AppStore, 'onReread'>,
  store: ValueStore<UnreadCounts>,
): () => void {
  return followHostValue(feedOf(api), app, store, unreadCountsOf)
}

/** How many of `requestId`'s client messages the expert has not read (0 when all are). */
export function useUnreadCount(requestId: string): number {
  const { api, app, unread } = useServices()
  const { store } = unread
  useEffect(() => unread.show(api, app), [api, app, unread])
  const counts = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getServerSnapshot)
  return counts.get(requestId) ?? 0
}
