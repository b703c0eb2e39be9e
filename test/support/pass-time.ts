/**
 * Long stretches of time on the fake clock a live platform runs on. The platform sweeps its timed
 * rules once a second of that clock, so one advance of hours runs thousands of sweeps in a single
 * turn of the event loop; on a busy machine that holds the socket's heartbeat (on wall time,
 * answered in a later turn) past its timeout, and the connection drops under the test. Time passes
 * a quarter of an hour at a time instead, with a turn between for the sockets.
 */
import type { ManualClock } from '../../src/shared/clock'

/** The most one step moves the clock. */
export const PASS_STEP_MS = 15 * 60_000

/** Moves `clock` forward by `ms`, at most PASS_STEP_MS at a time, with a turn of the event loop between. */
export async function passTime(clock: Pick<ManualClock, 'advance'>, ms: number): Promise<void> {
  for (let left = ms; left > 0; left -= PASS_STEP_MS) {
    clock.advance(Math.min(left, PASS_STEP_MS))
    await new Promise((resolve) => setImmediate(resolve))
  }
}
