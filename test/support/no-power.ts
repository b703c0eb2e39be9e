/** A machine that never sleeps, wakes, changes network or locks: for tests of the link alone. */
import type { Power } from '../../src/main/core/ports/power'

/** The power port of such a machine. */
export const noPower: Power = {
  onSuspend: () => () => {},
  onResume: () => () => {},
  onNetworkChange: () => () => {},
  onLock: () => () => {},
  onUnlock: () => () => {},
  systemIdleSeconds: () => null,
  screenLocked: () => null,
}
