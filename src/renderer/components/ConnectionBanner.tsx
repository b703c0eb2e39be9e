/**
 * What the connection to the platform is doing, in one calm line: online; reconnecting with a
 * countdown; offline with the last-synced time (the lists below are the saved copy); signed out;
 * or an incompatible version with what to do. Only the state line is a live region: the
 * countdown beside it ticks every second and must not be read out every second.
 */
import type { ConnectionState } from '../../shared/connection-state'
import { assertNever } from '../../shared/assert-never'
import { formatTimeNear } from '../logic/format'
import { useNow } from '../store/context'
import { Countdown } from './Time'

/** Props of ConnectionBanner. */
export interface ConnectionBannerProps {
  readonly state: ConnectionState
  /** The compact form for the tray popover. */
  readonly compact?: boolean
}

/** The connection banner. */
export function ConnectionBanner({ state, compact = false }: ConnectionBannerProps) {
  // The core tells the connection's times in the platform's time, the window's clock.
  const now = useNow()
  return (
    <section
      className={`banner banner-${state.status}${compact ? ' banner-compact' : ''}`}
      aria-label="Connection"
    >
      <span className="banner-dot" aria-hidden="true" />
      <div className="banner-text">
        <p className="banner-title" role="status">
          {title(state, now)}
        </p>
        {!compact && <Detail state={state} />}
      </div>
    </section>
  )
}

function lastSynced(at: number | null, now: number): string {
  if (at === null) return 'never synced'
  return `last synced ${formatTimeNear(at, now)}`
}

function title(state: ConnectionState, now: number): string {
  switch (state.status) {
    case 'connecting':
      return 'Connecting to the platform…'
    case 'online':
      return 'Online'
    case 'checking':
      return 'Checking connection…'
    case 'reconnecting':
      return `Reconnecting · ${lastSynced(state.lastSyncedAt, now)}`
    case 'offline':
      return `Offline · ${lastSynced(state.lastSyncedAt, now)}`
    case 'signed_out':
      return 'Signed out · sign in to receive invites'
    case 'incompatible':
      return 'Cannot connect: this version of Standby and the platform do not match'
    default:
      return assertNever(state)
  }
}

function Detail({ state }: { readonly state: ConnectionState }) {
  switch (state.status) {
    case 'connecting':
      return null
    case 'online':
      return <p className="banner-detail">Invites arrive here the moment they are sent.</p>
    case 'checking':
      return (
        <p className="banner-detail">Making sure the connection still works; this takes a few seconds.</p>
      )
    case 'reconnecting':
      return (
        <p className="banner-detail">
          Trying again in <Countdown to={state.nextAttemptAt} whenDone="a moment" /> (attempt {state.attempt}
          ). {state.reason}
        </p>
      )
    case 'offline':
      return (
        <p className="banner-detail">
          Showing the copy saved on this computer.{' '}
          {state.nextAttemptAt !== null && (
            <>
              Next try in <Countdown to={state.nextAttemptAt} whenDone="a moment" />.{' '}
            </>
          )}
          {state.reason}
        </p>
      )
    case 'signed_out':
      return state.reason === null ? null : <p className="banner-detail">{state.reason}</p>
    case 'incompatible':
      return <p className="banner-detail">{state.message}</p>
    default:
      return assertNever(state)
  }
}
