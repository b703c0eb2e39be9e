/** The tray in plain Node (browser shell, tests): the latest TrayStatus kept as data. */
import type { Unsubscribe } from '../core/ports/power'
import type { TrayState, TrayStatus } from '../core/ports/tray-state'

/** A TrayState that can be read back and watched. */
export interface RecordedTrayState extends TrayState {
  /** The latest status; null until the core sets one. */
  readonly current: TrayStatus | null
  /** Calls `listener` with every status set from now on. */
  onChange(listener: (status: TrayStatus) => void): Unsubscribe
}

/** Keeps the tray's state for the shell (and tests) to read. */
export function createRecordedTrayState(): RecordedTrayState {
  let current: TrayStatus | null = null
  const listeners = new Set<(status: TrayStatus) => void>()
  return {
    get current() {
      return current
    },
    set(status) {
      current = status
      for (const listener of [...listeners]) listener(status)
    },
    onChange(listener) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
  }
}
