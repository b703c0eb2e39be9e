/** Turns the link's and the sync's states into the one connection state the expert sees. */
import type { ConnectionState } from '../../../shared/connection-state'
import { CONNECTION_WORDS as WORDS } from '../../../shared/connection-words'
import type { SyncState } from '../sync/sync-engine'
import type { LinkState } from './platform-link'

/**
 * After this many failed attempts in a row, "reconnecting" becomes "offline", unless the last
 * attempt got in: a platform that lets the app in and then breaks the connection is up, and the
 * app is still reconnecting to it however long the streak.
 */
export const OFFLINE_AFTER_ATTEMPTS = 3

/** What the link and the sync amount to. */
export interface StatusInputs {
  readonly link: LinkState
  readonly sync: SyncState
  readonly signedIn: boolean
  /** Whether this run has been online at all: a cold start that cannot connect is offline at once. */
  readonly wasOnline: boolean
  readonly lastSyncedAt: number | null
  readonly now: number
}

/** The connection state for the UI and tray. */
export function connectionStatus(inputs: StatusInputs): ConnectionState {
  const { link, sync, signedIn, wasOnline, lastSyncedAt, now } = inputs
  if (!signedIn) return { status: 'signed_out', reason: null }
  switch (link.kind) {
    case 'idle':
      return { status: 'connecting' }
    case 'refused':
      return link.code === 'unauthorized'
        ? { status: 'signed_out', reason: link.message }
        : { status: 'incompatible', message: link.message }
    case 'connected':
      if (sync.kind === 'stuck') return { status: 'incompatible', message: sync.message }
      // Nothing new arrives while catching up fails: as good as offline, and the reason says why.
      if (sync.kind === 'failing')
        return { status: 'offline', nextAttemptAt: sync.nextAttemptAt, reason: sync.message, lastSyncedAt }
      if (sync.kind !== 'live') return { status: 'connecting' }
      return link.checking === true
        ? { status: 'checking', since: sync.since }
        : { status: 'online', since: sync.since }
    case 'connecting':
      if (link.attempt <= 1) return { status: 'connecting' }
      return unreachable(
        { ...link, attempt: link.attempt - 1, nextAttemptAt: now, reason: link.reason ?? TRYING },
        wasOnline || link.reachedPlatform === true,
        lastSyncedAt,
      )
    case 'waiting':
      return unreachable(link, wasOnline || link.reachedPlatform === true, lastSyncedAt)
  }
}

/**
 * Why a retry is under way when no earlier attempt has said why it failed: what happened and what
 * to do, as every reason says; the line around it says that Standby tries again.
 */
const TRYING =
  'The platform has not let Standby in yet. If this goes on, check the platform address and your connection.'

/** Between attempts: reconnecting while the platform was lately there, offline once it seems gone. */
function unreachable(
  link: {
    readonly attempt: number
    readonly nextAttemptAt: number
    readonly reason: string
    readonly reachedPlatform?: boolean
  },
  wasOnline: boolean,
  lastSyncedAt: number | null,
): ConnectionState {
  const { attempt: failures, nextAttemptAt, reason } = link
  if (wasOnline && (failures < OFFLINE_AFTER_ATTEMPTS || link.reachedPlatform === true)) {
    return { status: 'reconnecting', nextAttemptAt, attempt: failures, reason, lastSyncedAt }
  }
  return { status: 'offline', nextAttemptAt, reason, lastSyncedAt }
}

/** One line for the tray: what the connection is doing and how many invites are open. */
export function statusLine(
  state: ConnectionState,
  openInvites: number,
  formatTime: (t: number) => string,
): string {
  const invites =
    openInvites === 0
      ? 'no open invites'
      : openInvites === 1
        ? '1 open invite'
        : `${openInvites} open invites`
  switch (state.status) {
    case 'connecting':
    case 'signed_out':
    case 'incompatible':
      return WORDS[state.status]
    case 'online':
    case 'checking':
      return `${WORDS[state.status]} · ${invites}`
    case 'reconnecting':
    case 'offline':
      // No countdown here: the tray updates on changes only, so seconds would go stale.
      return state.lastSyncedAt === null
        ? `${WORDS[state.status]} · never synced`
        : `${WORDS[state.status]} · last synced ${formatTime(state.lastSyncedAt)}`
  }
}
