/**
 * The unread counts pushed to the pages (`messages.unreadChanged`), worked out once for every run
 * of changes that come together rather than once per change: counting reads every unread client
 * message of the open threads, so a flood of messages into one thread, each its own change, would
 * otherwise cost the square of their number. The count goes out once the changes stop coming for
 * a turn of the event loop, and it is the count as it stands then. Counts equal to the last ones
 * sent are not sent again: most changes (an invite arriving, one taken by another expert) move no
 * count, and each push would make every page redraw its badges in the task that draws the change.
 * A page that was not there for the last push reads the counts on its own when it opens.
 */
import type { UnreadThread } from '../../core/ports/cache-store'
import type { Logger } from '../../core/ports/logger'

/** Pushes of the unread counts, coalesced. */
export interface UnreadPushes {
  /** The counts may have moved: push them once this turn's changes are over. */
  changed(): void
  /** Push nothing more, even what is due. */
  stop(): void
}

/**
 * Coalesces pushes of `read()` to `send`, leaving out counts that `same` finds equal to the last
 * sent; a count that cannot be read is logged and not sent.
 */
export function unreadPushes<T>(
  read: () => T,
  send: (counts: T) => void,
  same: (a: T, b: T) => boolean,
  log: Logger,
  unreadable = 'Could not count the unread messages for the pages',
): UnreadPushes {
  let due: NodeJS.Immediate | undefined
  let stopped = false
  let last: { readonly counts: T } | undefined
  return {
    changed() {
      if (stopped || due !== undefined) return
      due = setImmediate(() => {
        due = undefined
        if (stopped) return
        let counts: T
        try {
          counts = read()
        } catch (error) {
          // The next change tries again; a page that missed this one still reads them on its own.
          log.error(unreadable, error)
          return
        }
        if (last !== undefined && same(last.counts, counts)) return
        last = { counts }
        send(counts)
      })
    },
    stop() {
      stopped = true
      if (due !== undefined) clearImmediate(due)
      due = undefined
    },
  }
}

/** The same threads with the same counts, in the same order (the cache reads them by request id). */
export function sameUnreadThreads(a: ReadonlyArray<UnreadThread>, b: ReadonlyArray<UnreadThread>): boolean {
  return (
    a.length === b.length &&
    a.every((thread, i) => thread.requestId === b[i]!.requestId && thread.count === b[i]!.count)
  )
}
