/**
 * The wait a press on Start or Snooze makes for a time to judge it by. Pressed while the platform's
 * time is still a guess (a restart or a wake, before the platform answers), a press judged at once
 * would go by a computer clock that may be days off: a session still waiting would look past
 * ("no longer waits"), and a snooze saved by the guess would come back days late or at once. It is
 * judged once the time is measured, or once the wait for that is over, as reminders are.
 */
import type { Clock } from '../../../shared/clock'

/** Holds presses until the platform's time may judge them. */
export class TimeToJudge {
  private readonly waiting = new Set<() => void>()

  constructor(
    private readonly clock: Pick<Clock, 'setTimeout'>,
    /** How much longer (ms) the time is a guess a measurement may overturn; 0 once it may judge. */
    private readonly guessFor: () => number,
  ) {}

  /** The wait for a time to judge by, or null when the time may judge now (no wait, not even a tick). */
  settling(): Promise<void> | null {
    return this.guessFor() > 0 ? this.settled() : null
  }

  /** The time may have been measured (an answer, a wake): the presses waiting look again. */
  check(): void {
    for (const settle of [...this.waiting]) settle()
  }

  private async settled(): Promise<void> {
    for (let left = this.guessFor(); left > 0; left = this.guessFor())
      await new Promise<void>((resolve) => {
        const settle = (): void => {
          this.waiting.delete(settle)
          timer.cancel()
          resolve()
        }
        // The wait ends by itself, measured or not: a press is never held longer than reminders are.
        const timer = this.clock.setTimeout(settle, left)
        this.waiting.add(settle)
      })
  }
}
