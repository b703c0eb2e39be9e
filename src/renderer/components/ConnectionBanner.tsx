/**
 * What the connection to the platform is doing, in one calm line: online; reconnecting with a
 * countdown; offline with the last-synced time (the lists below are the saved copy); signed out;
 * or an incompatible version with what to do. Only the state line is a live region: the
 * countdown beside it ticks every second and must not be read out every second.
 */
import type { ConnectionState } from '../../shared/connection-state'
import { Fragment } from 'react'
import { CONNECTION_WORDS, connectionDetail } from '../../shared/connection-words'
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
    case 'reconnecting':
    case 'offline':
      return `${CONNECTION_WORDS[state.status]} · ${lastSynced(state.lastSyncedAt, now)}`
    default:
      return CONNECTION_WORDS[state.status]
  }
}

function Detail({ state }: { readonly state: ConnectionState }) {
  switch (state.status) {
    case 'online':
      return <p className="banner-detail">Invites arrive here the moment they are sent.</p>
    case 'checking':
      return (
        <p className="banner-detail">Making sure the connection still works; this takes a few seconds.</p>
      )
    default: {
      const parts = connectionDetail(state, (at) => (
        <Fragment key="when">
          in <Countdown to={at} whenDone="a moment" />
        </Fragment>
      ))
      if (parts.length === 0) return null
      // The lists below are the saved copy: the expert reads them knowing they may be behind.
      const saved = state.status === 'offline' ? 'Showing the copy saved on this computer. ' : ''
      return (
        <p className="banner-detail">
          {saved}
          {parts}
        </p>
      )
    }
  }
}
