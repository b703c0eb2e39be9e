/**
 * Windows: Electron makes each toast on a background thread and tells 'show' (or 'failed') once
 * Windows took it, whether or not it is drawn (Focus Assist files it in the Action Center, still
 * told). A toast that is told neither for long means that thread makes no toasts: the invite it
 * carries would reach no one, and counting toasts waiting noticed that only after many invites.
 * Each toast shown is watched until it is told; one that waits past the bound says Windows
 * stopped, and what it carries is shown by the app itself, as are the ones after it, until a toast
 * is told again. A sleep is no time waited: from the suspend to the wake no toast is judged (a
 * timer overdue at the wake fires before Windows' thread has made what it held), and each waiting
 * one is given the bound again from the wake.
 */
import type { Clock, TimerHandle } from '../../../shared/clock'
import type { Unsubscribe } from '../../../shared/listeners'
import type { Power } from '../../core/ports/power'

/** How long a toast may wait to be told before Windows is taken to have stopped making them. */
export const TOAST_TOLD_BOUND_MS = 15_000

/** The computer's sleeps and wakes, as the watch follows them. */
export type SleepsAndWakes = Pick<Power, 'onSuspend' | 'onResume'>

/** The toasts shown and not yet told, each with its deadline (none while the computer sleeps). */
export class ToastWatch<Toast extends object> {
  private readonly waiting = new Map<Toast, TimerHandle | null>()
  /** Toasts past the bound, whose content the app showed itself: a later 'failed' shows none again. */
  private readonly overdue = new WeakSet<Toast>()
  private readonly unsubscribe: Unsubscribe[]
  private stopped = false
  private asleep = false
  /** A toast waited past the bound, and none was told since. */
  stalled = false

  constructor(
    private readonly clock: Clock,
    power: SleepsAndWakes | undefined,
    /** A toast waited past the bound, still untold. */
    private readonly onStalled: (toast: Toast) => void,
  ) {
    this.unsubscribe =
      power === undefined
        ? []
        : [
            power.onSuspend(() => {
              this.asleep = true
              for (const toast of this.waiting.keys()) this.arm(toast)
            }),
            power.onResume(() => {
              this.asleep = false
              for (const toast of this.waiting.keys()) this.arm(toast)
            }),
          ]
  }

  /** A toast was shown: it is to be told within the bound (counted from the wake, if asleep). */
  shown(toast: Toast): void {
    if (!this.stopped) this.arm(toast)
  }

  /** Windows told the toast ('show' or 'failed'): it makes toasts. */
  told(toast: Toast): void {
    this.waiting.get(toast)?.cancel()
    this.waiting.delete(toast)
    this.stalled = false
  }

  /** Whether the toast waited past the bound, and so what it carries was shown by the app. */
  wasOverdue(toast: Toast): boolean {
    return this.overdue.has(toast)
  }

  /** Standby quits: no deadline is left to fire into the quit. */
  stop(): void {
    this.stopped = true
    for (const deadline of this.waiting.values()) deadline?.cancel()
    this.waiting.clear()
    for (const unsubscribe of this.unsubscribe.splice(0)) unsubscribe()
  }

  /** Gives the toast the whole bound from now; while the computer sleeps, none until the wake. */
  private arm(toast: Toast): void {
    this.waiting.get(toast)?.cancel()
    const deadline = this.asleep
      ? null
      : this.clock.setTimeout(() => {
          this.waiting.delete(toast)
          this.overdue.add(toast)
          this.stalled = true
          this.onStalled(toast)
        }, TOAST_TOLD_BOUND_MS)
    this.waiting.set(toast, deadline)
  }
}
