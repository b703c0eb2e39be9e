/** The tray in plain Node (browser shell, tests): the latest TrayStatus kept as data. */
import { Listeners, type Unsubscribe } from '../../../shared/listeners'
import type { TrayState, TrayStatus } from '../../core/ports/tray-state'

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
  const listeners = new Listeners<TrayStatus>()
  return {
    get current() {
      return current
    },
    set(status) {
      current = status
      listeners.emit(status)
    },
    onChange: (listener) => listeners.add(listener),
  }
}
