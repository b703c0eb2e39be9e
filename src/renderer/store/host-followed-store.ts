/**
 * A value the host keeps and pushes (the threads' unread counts, the reminders already sent),
 * followed by a page: read once, kept current by its push, read again whenever the page re-reads
 * everything. One store per page (in its services), so every row or card that shows it shares one
 * read and one subscription; emptied when its expert is gone, as a read still on its way for them
 * is dropped.
 *
 * Followed from the first row that shows it until the expert is gone, not only while rows show
 * it: a follow stopped with the last card asked the host again at the next one, in the very task
 * that put the new card on screen. The push keeps the value current meanwhile, so a row that comes
 * later shows it at once.
 */
import type { Unsubscribe } from '../../shared/listeners'
import type { IpcResult } from '../../shared/ipc/result'
import type { StandbyApi } from '../../shared/ipc/standby-api'
import type { AppStore } from './app-store'
import type { ExpertScoped } from './expert-scope'
import { createValueStore, readableOf, type ReadableStore, type ValueStore } from './value-store'

/** How a page asks the host for one value and hears it change, in the host's words (`W`). */
export interface HostFeed<W> {
  read(): Promise<IpcResult<W>>
  onChange(listener: (words: W) => void): Unsubscribe
}

/** A page's copy of a host's value, followed once some row has shown it (asked of the `A` part of the API). */
export interface HostFollowedStore<T, A extends Partial<StandbyApi>> extends ExpertScoped {
  readonly store: ReadableStore<T>
  /** A row shows the value: it is followed from now until the expert is gone. */
  show(api: A, app: Pick<AppStore, 'onReread'>): void
}

/**
 * Keep `store` at the host's value: read now and on every re-read, follow the pushes. A read
 * answers with the value as it was when it was asked, so an answer that comes after a push (or
 * after a later read's answer) is older than what the store shows and is dropped.
 */
export function followHostValue<W, T>(
  feed: HostFeed<W>,
  app: Pick<AppStore, 'onReread'>,
  store: ValueStore<T>,
  valueOf: (words: W) => T,
): Unsubscribe {
  let current = true
  // Bumped by every push and every read asked: only the answer to the latest ask is shown.
  let changes = 0
  const read = (): void => {
    const asked = ++changes
    void feed.read().then((result) => {
      if (current && result.ok && asked === changes) store.set(valueOf(result.value))
    })
  }
  read()
  const offs = [
    feed.onChange((words) => {
      changes++
      store.set(valueOf(words))
    }),
    app.onReread(read),
  ]
  return () => {
    current = false
    for (const off of offs) off()
  }
}

/** A store starting at `initial`, emptied to `none` when its expert is gone, nobody following yet. */
export function createHostFollowedStore<W, T, A extends Partial<StandbyApi>>(
  initial: T,
  none: T,
  feedOf: (api: A) => HostFeed<W>,
  valueOf: (words: W) => T,
): HostFollowedStore<T, A> {
  const store = createValueStore(initial)
  let off: Unsubscribe | undefined
  return {
    store: readableOf(store),
    show(api, app) {
      off ??= followHostValue(feedOf(api), app, store, valueOf)
    },
    forget() {
      // A read on its way for the gone expert answers into this follow, which stops here; the
      // rows of the next expert (the signed-in part of the page is drawn afresh) follow anew.
      off?.()
      off = undefined
      store.set(none)
    },
  }
}
