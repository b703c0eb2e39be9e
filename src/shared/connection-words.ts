/**
 * The words for the connection's states, and the one composition of a failure's reason with when
 * Standby tries again: the tray's line and tooltip and the window's banner say the same thing the
 * same way, and each says it once. A reason says what happened and what the expert can do if it
 * goes on; that Standby tries again, and when, is this file's to say, never the reason's.
 */
import type { ConnectionState, ConnectionStatus } from './connection-state'

/** What the connection is doing, in the word the tray, the window and the refusing buttons share. */
export const CONNECTION_WORDS: Readonly<Record<ConnectionStatus, string>> = {
  connecting: 'Connecting…',
  online: 'Online',
  checking: 'Checking connection…',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
  signed_out: 'Signed out · sign in to receive invites',
  incompatible: 'Update needed · cannot connect',
}

/**
 * Why the connection is not up and what to do, in parts: the reason, then the sentence saying when
 * Standby tries again (its time written by `when`, "shortly" or a countdown). The reason comes
 * first: the tray's tooltip is cut short, and the line above it ("Reconnecting…", "Offline")
 * already says that Standby is at it, whereas only the reason says what went wrong. `when` is
 * generic so the window can put a live countdown where the tray writes words.
 */
export function connectionDetail<T>(
  state: ConnectionState,
  when: (at: number) => T,
): ReadonlyArray<string | T> {
  const reason = connectionReason(state)
  if (reason === null) return []
  switch (state.status) {
    case 'reconnecting':
      return [`${reason} Trying again `, when(state.nextAttemptAt), ` (attempt ${state.attempt}).`]
    case 'offline':
      return state.nextAttemptAt === null
        ? [reason]
        : [`${reason} Trying again `, when(state.nextAttemptAt), '.']
    default:
      return [reason]
  }
}

/**
 * Why the connection is not up and what to do, alone: what a place with room for one short line
 * shows (Linux's tray menu, whose tooltip says the state alone), the state's word beside it already saying
 * that Standby is at it. Null while nothing went wrong.
 */
export function connectionReason(state: ConnectionState): string | null {
  switch (state.status) {
    case 'reconnecting':
    case 'offline':
    case 'signed_out':
      return state.reason
    case 'incompatible':
      return state.message
    case 'connecting':
    case 'checking':
    case 'online':
      return null
  }
}

/** `connectionDetail` as one line of text, with `when` writing the time in words; null when there is none. */
export function connectionDetailText(state: ConnectionState, when: (at: number) => string): string | null {
  const parts = connectionDetail(state, when)
  return parts.length === 0 ? null : parts.join('')
}
