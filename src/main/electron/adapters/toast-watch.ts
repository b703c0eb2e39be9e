/**
 * Windows: Electron makes each toast on a background thread and tells 'show' (or 'failed') once
 * Windows took it, whether or not it is drawn (Focus Assist files it in the Action Center, still
 * told). A toast that is told neither for long means that thread makes no toasts: the invite it
 * carries would reach no one, and counting toasts waiting noticed that only after many invites.
 * Each toast shown is watched until it is told; one that waits past the bound says Windows
 * stopped, and what it carries is shown by the app itself, as are the ones after it, until a toast
 * is told again. A sleep is no time waited: from the suspend to the wake no toast is judged (a
 * timer overdue at the wake fires before Windows' thread has made what it held), and each waiting
 * one is given the bound again from the wake. Nor is a main thread too busy to hear: Windows'
 * thread posts 'show' to it, and a deadline that fires late may run before a 'show' queued while
 * it was busy. So a deadline is only judged once a confirming timer, set after it, fired on time:
 * everything queued before that timer was set has been heard by then. Under load that lasts, a
 * second confirming timer judges however late it fires: it was set from the first one's callback,
 * so the thread went round since, hearing every 'show' told within the bound; waiting for one on
 * time would never judge a toast Windows did not make while the load lasts. A suspend no wake
 * follows (Windows does not always tell one) ends the first time a confirming timer judges.
 */
import { steadyNow, type Clock, type TimerHandle } from '../../../shared/clock'
import type { Unsubscribe } from '../../../shared/listeners'
import type { Power } from '../../core/ports/power'

/** How long a toast may wait to be told before Windows is taken to have stopped making them. */
export const TOAST_TOLD_BOUND_MS = 15_000

/** The last part of the bound, waited on a timer set after the first part fired, to confirm it. */
export const TOAST_CONFIRM_MS = 1_000

/** How late a confirming timer may fire and still show that the main thread ran in the meantime. */
const ON_TIME_MS = TOAST_CONFIRM_MS / 2

/** How many confirming timers a deadline waits at most: the last one judges however late it fires. */
const MOST_CONFIRMS = 2

/** The computer's sleeps and wakes, as the watch follows them. */
export type SleepsAndWakes = Pick<Power, 'onSuspend' | 'onResume'>

/** The toasts shown and not yet told, each with its deadline (none while the computer sleeps). */
export class ToastWatch<Toast extends object> {
  private readonly waiting = new Map<Toast, TimerHandle>()
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
            power.onResume(() => this.awake()),
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
    for (const deadline of this.waiting.values()) deadline.cancel()
    this.waiting.clear()
    for (const unsubscribe of this.unsubscribe.splice(0)) unsubscribe()
  }

  /**
   * Gives the toast the whole bound from now: its first part, then a confirming timer. While the
   * computer sleeps nothing is judged; a confirmed deadline then ends a sleep no wake was told for.
   */
  private arm(toast: Toast, delayMs = TOAST_TOLD_BOUND_MS - TOAST_CONFIRM_MS, confirms = 0): void {
    this.waiting.get(toast)?.cancel()
    const wallDue = this.clock.now() + delayMs
    const steadyDue = steadyNow(this.clock) + delayMs
    const deadline = this.clock.setTimeout(() => {
      const late = Math.max(this.clock.now() - wallDue, steadyNow(this.clock) - steadyDue)
      // Late, the thread (or the computer) ran nothing for a while: what it queued comes first.
      const judged = confirms > 0 && (late <= ON_TIME_MS || confirms >= MOST_CONFIRMS)
      if (!judged) return this.arm(toast, TOAST_CONFIRM_MS, confirms + 1)
      if (this.asleep) return this.awake()
      this.waiting.delete(toast)
      this.overdue.add(toast)
      this.stalled = true
      this.onStalled(toast)
    }, delayMs)
    this.waiting.set(toast, deadline)
  }

  /** The computer runs (told, or seen from timers on time): each waiting toast has the bound again. */
  private awake(): void {
    this.asleep = false
    for (const toast of this.waiting.keys()) this.arm(toast)
  }
}
