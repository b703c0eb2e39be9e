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
  private pending: { readonly target: FocusTarget; readonly by: string | null } | null = null

  /**
   * `signedInAs` says who is signed in (null: no one): a request is for the expert who pressed,
   * and one signed in as another since, with no sign-out between (a second sign-in queued behind
   * the first), is not shown it.
   */
  constructor(private readonly signedInAs: () => string | null = () => null) {}

  /** A newer request replaces an older one: the expert pressed the later notification. */
  request(target: FocusTarget): void {
    this.pending = { target, by: this.signedInAs() }
  }

  /** Drop what is kept: its expert is gone (signed out), and the next one must not be shown it. */
  clear(): void {
    this.pending = null
  }

  /** The request meant for `surface`, once: a page that already showed it, or a later one, gets null. */
  take(surface: Surface): FocusTarget | null {
    const pending = this.pending
    if (pending === null) return null
    if (pending.by !== this.signedInAs()) {
      this.pending = null
      return null
    }
    if (surfaceFor(pending.target) !== surface) return null
    this.pending = null
    return pending.target
  }
}
