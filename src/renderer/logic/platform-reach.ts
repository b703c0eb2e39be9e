/**
 * Whether a press on a button that needs the platform can reach it now, in the banner's words.
 * Offline and reconnecting, Standby holds no connection (or cannot catch up on the one it holds),
 * and the core sends no command then: it fails at once, with nothing sent. So such a button
 * refuses and says why beside it. Connecting and checking are not refused: the connection may
 * already be there and usually is a moment later.
 */
import type { ConnectionState } from '../../shared/connection-state'
import { CONNECTION_WORDS } from '../../shared/connection-words'

/** The sentence beside a button that needs the platform, or null when it may be pressed. */
export function platformRefusal(state: ConnectionState): string | null {
  switch (state.status) {
    case 'offline':
    case 'reconnecting':
      return `${CONNECTION_WORDS[state.status]} · ${NEEDS_PLATFORM}`
    default:
      return null
  }
}

const NEEDS_PLATFORM = 'this needs the platform. Standby reconnects by itself; try again once it is online.'
