/**
 * The unread counts of the threads, as the host last said: read once, then kept current by the
 * `messages.unreadChanged` push, and read again whenever the page re-reads everything. One store
 * per page (in its services), so every list row of a page shares one read and one subscription;
 * emptied when its expert is gone, as a read still on its way for them is dropped.
 *
 * Followed from the first row that shows them until the expert is gone, not only while rows
 * show them: an expert with no open invite is the usual case, and a follow stopped with the last
 * card asked the host again at the next one, in the very task that put the new card on screen.
 * The push keeps the counts current meanwhile, so a row that comes later shows them at once.
 */
import { useEffect, useSyncExternalStore } from 'react'
import type { UnreadThreads } from '../../shared/ipc/contract'
import type { StandbyApi } from '../../shared/ipc/standby-api'
import type { AppStore } from './app-store'
import { useServices } from './context'
import type { ExpertScoped } from './expert-scope'
import { createValueStore, readableOf, type ReadableStore, type ValueStore } from './value-store'

/** Unread client messages by request id. */
export type UnreadCounts = ReadonlyMap<string, number>

const NONE: UnreadCounts = new Map()

/** A page's unread counts, followed once some row has shown them. */
export interface UnreadStore extends ExpertScoped {
  readonly store: ReadableStore<UnreadCounts>
  /** A row shows the counts: they are followed from now until the expert is gone. */
  show(api: Pick<StandbyApi, 'messages'>, app: Pick<AppStore, 'onReread'>): void
}

/** No counts yet, nobody following. */
export function createUnreadStore(): UnreadStore {
  const store = createValueStore(NONE)
  let off: (() => void) | undefined
  return {
    store: readableOf(store),
    show(api, app) {
      off ??= followUnread(api, app, store)
    },
    forget() {
      // A read on its way for the gone expert answers into this follow, which stops here; the
      // rows of the next expert (the signed-in part of the page is drawn afresh) follow anew.
      off?.()
      off = undefined
      store.set(NONE)
    },
  }
}

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
  const { api, app, unread } = useServices()
  const { store } = unread
  useEffect(() => unread.show(api, app), [api, app, unread])
  const counts = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getServerSnapshot)
  return counts.get(requestId) ?? 0
}
