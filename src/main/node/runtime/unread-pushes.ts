/**
 * The unread counts pushed to the pages (`messages.unreadChanged`), worked out once for every run
 * of changes that come together rather than once per change: counting reads every unread client
 * message of the open threads, so a flood of messages into one thread, each its own change, would
 * otherwise cost the square of their number. The count goes out once the changes stop coming for
 * a turn of the event loop, and it is the count as it stands then.
 */
import type { Logger } from '../../core/ports/logger'

/** Pushes of the unread counts, coalesced. */
export interface UnreadPushes {
  /** The counts may have moved: push them once this turn's changes are over. */
  changed(): void
  /** Push nothing more, even what is due. */
  stop(): void
}

/** Coalesces pushes of `read()` to `send`; a count that cannot be read is logged and not sent. */
export function unreadPushes<T>(read: () => T, send: (counts: T) => void, log: Logger): UnreadPushes {
  let due: NodeJS.Immediate | undefined
  let stopped = false
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
          log.error('Could not count the unread messages for the pages', error)
          return
        }
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
