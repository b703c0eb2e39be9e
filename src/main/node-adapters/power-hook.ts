/**
 * Power events in plain Node: there is no OS hook, so tests and the browser shell's test hook
 * play the machine going to sleep and waking up by calling `suspend()` and `resume()`, and a
 * network watch (or a test) reports a network change by calling `networkChanged()`.
 */
import type { Power, Unsubscribe } from '../core/ports/power'

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
  const suspendListeners = new Set<() => void>()
  const resumeListeners = new Set<() => void>()
  const networkListeners = new Set<() => void>()
  const subscribe = (listeners: Set<() => void>, listener: () => void): Unsubscribe => {
    // A wrapper per subscription, so the same function subscribed twice is two subscriptions.
    const entry = (): void => listener()
    listeners.add(entry)
    return () => void listeners.delete(entry)
  }
  const fire = (listeners: Set<() => void>): void => {
    for (const listener of [...listeners]) listener()
  }
  return {
    onSuspend: (listener) => subscribe(suspendListeners, listener),
    onResume: (listener) => subscribe(resumeListeners, listener),
    onNetworkChange: (listener) => subscribe(networkListeners, listener),
    suspend: () => fire(suspendListeners),
    resume: () => fire(resumeListeners),
    networkChanged: () => fire(networkListeners),
  }
}
