/**
 * Power events in plain Node: there is no OS hook, so tests and the browser shell's test hook
 * play the machine going to sleep and waking up by calling `suspend()` and `resume()`, and a
 * network watch (or a test) reports a network change by calling `networkChanged()`.
 */
import type { Power } from '../../core/ports/power'
import { Listeners } from '../../../shared/listeners'

/** A Power whose events are fired by hand. */
export interface PowerHook extends Power {
  /** Tells every onSuspend listener that the machine is going to sleep. */
  suspend(): void
  /** Tells every onResume listener that the machine woke up. */
  resume(): void
  /** Tells every onNetworkChange listener that the network changed. */
  networkChanged(): void
}

/** Power events fired by `suspend()` and `resume()`, synchronously and in subscription order. */
export function createPowerHook(): PowerHook {
  const suspended = new Listeners<void>()
  const resumed = new Listeners<void>()
  const networkChanged = new Listeners<void>()
  return {
    onSuspend: (listener) => suspended.add(listener),
    onResume: (listener) => resumed.add(listener),
    onNetworkChange: (listener) => networkChanged.add(listener),
    suspend: () => suspended.emit(),
    resume: () => resumed.emit(),
    networkChanged: () => networkChanged.emit(),
  }
}
