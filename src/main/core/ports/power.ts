/** The operating system's power events: the core reconnects at once on resume instead of waiting. */

/** Stops a listener; safe to call twice. */
export type Unsubscribe = () => void

/** Suspend and resume notifications. Electron: powerMonitor; Node: a hook tests and the shell drive. */
export interface Power {
  /** The machine is going to sleep. A screen lock is not a suspend: the app stays connected. */
  onSuspend(listener: () => void): Unsubscribe
  /** The machine woke up or the screen was unlocked: the network may have changed under us. */
  onResume(listener: () => void): Unsubscribe
}
