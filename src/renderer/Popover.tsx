/**
 * The tray popover: only what needs the expert now. The connection in one line, a live session,
 * open invites with Join / Book / Decline, and the next booked sessions with Start. Everything
 * else is in the full window.
 */
import { useLayoutEffect, useRef } from 'react'
import { ClockSkewNotice } from './components/ClockSkewNotice'
import { ConnectionBanner } from './components/ConnectionBanner'
import { ExpertScope } from './components/ExpertScope'
import { InviteCard } from './components/InviteCard'
import { LiveSessionCard } from './components/LiveSessionCard'
import { Notices } from './components/Notices'
import { SignInForm } from './components/SignInForm'
import { UpcomingSession } from './components/UpcomingView'
import { useFocusRescue } from './components/use-focus-rescue'
import { useReportFocus } from './components/use-report-focus'
import { useClosedInviteFocus } from './components/use-invite-focus'
import { NotificationHealthBanner } from './components/NotificationHealthBanner'
import { startWindowOpensAt } from '../shared/rules/session-timing'
import { liveLongAgo } from '../shared/rules/next-session'
import { markFirstDataPaint } from './first-paint'
import { useApi, useAppState, useNow, useServices } from './store/context'

/** How far ahead the popover lists booked sessions. */
const SOON_MS = 3 * 60 * 60_000
/** At most this many booked sessions in the popover. */
const SOON_MAX = 3

/** The root of the tray popover. */
export function Popover() {
  const state = useAppState()
  const now = useNow()
  const main = useRef<HTMLElement>(null)
  useFocusRescue(main)
  useReportFocus('popover')
  useClosedInviteFocus(state.invites, state.loaded)
  useLayoutEffect(() => {
    if (state.loaded) markFirstDataPaint()
  }, [state.loaded])
  if (!state.loaded) return <div className="popover splash">Standby</div>
  if (state.connection.status === 'signed_out') {
    return (
      // The rescue's container too, so a sign-out leaves the focus on the form's heading.
      <section ref={main} className="popover">
        <ConnectionBanner state={state.connection} compact />
        <SignInForm />
      </section>
    )
  }
  // One the platform never said ended still shows, but after what needs the expert now.
  const live = state.upcoming.filter((session) => session.state === 'live' && !liveLongAgo(session, now))
  const leftLive = state.upcoming.filter((session) => liveLongAgo(session, now))
  const soon = state.upcoming
    .filter(
      (session) => session.state === 'booked' && startWindowOpensAt(session.bookedStart) - now < SOON_MS,
    )
    .slice(0, SOON_MAX)
  // Instant invites first: they expire in minutes, scheduled ones in hours.
  const invites = [...state.invites.open].sort(
    (a, b) => Number(a.request.kind !== 'instant') - Number(b.request.kind !== 'instant'),
  )
  const nothing = live.length === 0 && invites.length === 0 && soon.length === 0 && leftLive.length === 0
  return (
    <div className="popover">
      <h1 className="visually-hidden">Standby</h1>
      <ConnectionBanner state={state.connection} compact />
      <ClockSkewNotice compact />
      <NotificationHealthBanner compact />
      <ExpertScope>
        <main ref={main} className="popover-body" aria-label="What needs you now">
          {live.length > 0 && (
            <section aria-label="Live session" className="stack">
              {live.map((session) => (
                <LiveSessionCard key={session.id} session={session} compact />
              ))}
            </section>
          )}
          {invites.length > 0 && (
            <section aria-labelledby="popover-invites" className="stack">
              <h2 id="popover-invites" className="section-title">
                Invites
              </h2>
              {invites.map((invite) => (
                <InviteCard key={invite.id} invite={invite} booked={state.upcoming} compact />
              ))}
            </section>
          )}
          {soon.length > 0 && (
            <section aria-labelledby="popover-soon" className="stack">
              <h2 id="popover-soon" className="section-title">
                Coming up
              </h2>
              {soon.map((session) => (
                <UpcomingSession
                  key={session.id}
                  session={session}
                  remindersEnabled={state.settings?.remindersEnabled ?? true}
                  compact
                />
              ))}
            </section>
          )}
          {leftLive.length > 0 && (
            <section aria-label="Live since long ago" className="stack">
              {leftLive.map((session) => (
                <LiveSessionCard key={session.id} session={session} compact />
              ))}
            </section>
          )}
          {nothing && (
            <div className="empty popover-empty">
              <p className="empty-title">Nothing needs you right now</p>
              <p className="muted">Invites appear here the moment they are sent.</p>
            </div>
          )}
        </main>
      </ExpertScope>
      <div className="popover-bottom">
        <Notices />
        <OpenFullWindow />
      </div>
    </div>
  )
}

/** The way to everything else: the full window (Electron), or the full view of this page (browser). */
function OpenFullWindow() {
  const api = useApi()
  const { inBrowser } = useServices()
  return (
    <footer className="popover-footer">
      {inBrowser ? (
        // This page without ?view=popover.
        <a className="button button-quiet" href="./">
          Open Standby
        </a>
      ) : (
        <button type="button" className="button button-quiet" onClick={() => void api.app.showWindow()}>
          Open Standby
        </button>
      )}
    </footer>
  )
}
