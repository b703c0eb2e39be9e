/**
 * The last thing a press on a notification asked to show, kept for the page it is meant for (an
 * invite for the tray popover, a session for the window) until that page takes it. A page created
 * for the press loads after the push went out; it asks once it listens, so it still shows it.
 */
import type { Surface } from '../../shared/first-frame'
import { surfaceFor } from '../../shared/focus-surface'
import type { FocusTarget } from '../../shared/ipc/contract'

/** Holds the newest focus request no page of its surface has taken. */
export class PendingFocus {
  private pending: FocusTarget | null = null

  /** A newer request replaces an older one: the expert pressed the later notification. */
  request(target: FocusTarget): void {
    this.pending = target
  }

  /** Drop what is kept: its expert is gone (signed out), and the next one must not be shown it. */
  clear(): void {
    this.pending = null
  }

  /** The request meant for `surface`, once: a page that already showed it, or a later one, gets null. */
  take(surface: Surface): FocusTarget | null {
    const target = this.pending
    if (target === null || surfaceFor(target) !== surface) return null
    this.pending = null
    return target
  }
}
