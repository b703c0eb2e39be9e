/**
 * The window counts in the platform's time (the host's clock store), but the core times its
 * connection on the computer's own clock: these move such times onto the platform's.
 */
import type { ConnectionState } from '../../shared/connection-state'

/** The connection state with its times moved by the platform's offset from the computer's clock. */
export function connectionOnPlatformClock(state: ConnectionState, offsetMs: number): ConnectionState {
  const shift = (t: number | null): number | null => (t === null ? null : t + offsetMs)
  switch (state.status) {
    case 'online':
      return { ...state, since: state.since + offsetMs }
    case 'reconnecting':
      return {
        ...state,
        nextAttemptAt: state.nextAttemptAt + offsetMs,
        lastSyncedAt: shift(state.lastSyncedAt),
      }
    case 'offline':
      return { ...state, nextAttemptAt: shift(state.nextAttemptAt), lastSyncedAt: shift(state.lastSyncedAt) }
    default:
      return state
  }
}
