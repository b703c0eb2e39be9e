/**
 * Which wakes stop the update check or download under way: only one the computer slept through. A
 * sleep cuts the download's connection, so it is started again at once (paced-download.ts); but the
 * Power port's resume also tells a screen unlock with the computer awake, and some systems tell a
 * wake twice, and a download whose connection lived on through them would start again from nothing
 * at each (a large one, with the screen locked at every break, might never finish). A wake no sleep
 * was heard before (a frozen process or virtual machine) is left to the download's stall window. A
 * check begun between the suspend and the wake (a timer firing as the computer goes down) sleeps
 * through too: the suspend is told before the sleep, not at it.
 */
import type { Unsubscribe } from '../../../shared/listeners'
import type { Power } from '../ports/power'
import { WokeMidway } from './paced-download'

/** The check under way, and whether the computer went to sleep since it began. */
export class SleptThrough {
  private current: { readonly stop: AbortController; slept: boolean } | null = null
  /** A suspend was told and no wake since: the computer is going down or asleep. */
  private asleep = false

  /** Follows the computer's sleeps and wakes; `wake` hears each wake after the check was stopped or not. */
  follow(power: Pick<Power, 'onSuspend' | 'onResume'>, wake: () => void): Unsubscribe[] {
    return [
      power.onSuspend(() => {
        this.asleep = true
        if (this.current !== null) this.current.slept = true
      }),
      power.onResume(() => {
        this.asleep = false
        if (this.current?.slept === true) this.current.stop.abort(new WokeMidway())
        wake()
      }),
    ]
  }

  /** A check begins: what stops it at a wake it slept through. */
  begin(): AbortSignal {
    this.current = { stop: new AbortController(), slept: this.asleep }
    return this.current.stop.signal
  }
}
