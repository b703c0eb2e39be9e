/**
 * The operating system's power and network events: the core checks its connection at once on
 * resume or a network change instead of waiting for the heartbeat.
 */
import type { Unsubscribe } from '../../../shared/listeners'

/** Suspend, resume and network-change notifications. Electron: powerMonitor; Node: a hook. */
export interface Power {
  /** The machine is going to sleep. A screen lock is not a suspend: the app stays connected. */
  onSuspend(listener: () => void): Unsubscribe
  /** The machine woke up or the screen was unlocked: the network may have changed under us. */
  onResume(listener: () => void): Unsubscribe
  /** The machine's network changed (an interface or address came or went): connections may be dead. */
  onNetworkChange(listener: () => void): Unsubscribe
}
