/**
 * The operating system's power, lock, input and network events: the core checks its connection
 * at once on resume or a network change instead of waiting for the heartbeat, and switches the
 * expert away while the computer is idle or locked.
 */
import type { Unsubscribe } from '../../../shared/listeners'

/** Suspend, resume, lock, idle time and network changes. Electron: powerMonitor; Node: a hook. */
export interface Power {
  /** The machine is going to sleep. A screen lock is not a suspend: the app stays connected. */
  onSuspend(listener: () => void): Unsubscribe
  /** The machine woke up or the screen was unlocked: the network may have changed under us. */
  onResume(listener: () => void): Unsubscribe
  /** The machine's network changed (an interface or address came or went): connections may be dead. */
  onNetworkChange(listener: () => void): Unsubscribe
  /** The screen was locked (macOS and Windows report it; elsewhere never fired). */
  onLock(listener: () => void): Unsubscribe
  /** The screen was unlocked. */
  onUnlock(listener: () => void): Unsubscribe
  /**
   * Whole seconds since the last keyboard or mouse input anywhere on the machine; null when this
   * host cannot see the machine's input (then only the lock counts, and the host never counts as
   * the expert being back at it).
   */
  systemIdleSeconds(): number | null
  /**
   * Whether the system says the screen is locked now; null where it cannot say. The events can be
   * missed or come out of order (a wake, a session switch): this sets the lock right.
   */
  screenLocked(): boolean | null
}
