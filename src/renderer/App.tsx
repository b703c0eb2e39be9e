/**
 * The full window: a sidebar of sections and the section itself, under the connection banner.
 * Signed out, the window is the sign-in form. A live session takes the front when it starts.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react'
import { assertNever } from '../shared/assert-never'
import type { Session } from '../shared/protocol/entities'
import { ClockSkewNotice } from './components/ClockSkewNotice'
import { ConnectionBanner } from './components/ConnectionBanner'
import { ExpertScope } from './components/ExpertScope'
import { HydrateLater } from './components/HydrateLater'
import { UpdateBanner } from './components/UpdatesSection'
import { InvitesView } from './components/InvitesView'
import { LiveView } from './components/LiveView'
import { Notices } from './components/Notices'
import { Sidebar } from './components/Sidebar'
import { SignInForm } from './components/SignInForm'
import { UpcomingView } from './components/UpcomingView'
import { useFocusRescue } from './components/use-focus-rescue'
import { useReportFocus } from './components/use-report-focus'
import { useClosedInviteFocus } from './components/use-invite-focus'
import { useGoneSessionFocus } from './components/use-session-focus'
import { NotificationHealthBanner } from './components/NotificationHealthBanner'
import { StandingBanner } from './components/StandingBanner'
import { markFirstDataPaint } from './first-paint'
import { HistoryView, preloadSections, SettingsView, StatsView, WhenLoaded } from './lazy-sections'
import { useAppState, useExpertScope, useNotifications, useServices } from './store/context'
import { NavigateContext, type View } from './store/navigation'

/** The root of the full window. */
export function App() {
  const state = useAppState()
  const { expertScope } = useServices()
  const scope = useExpertScope()
  const live = state.upcoming.filter((session) => session.state === 'live').length
  const booked = state.upcoming.length - live
  const [chosen, setChosen] = useState<View | null>(null)
  // The section the gone expert chose is not the next one's: they start where the window starts.
  const [chosenBy, setChosenBy] = useState(scope)
  if (chosenBy !== scope) {
    setChosenBy(scope)
    setChosen(null)
  }
  // A Join or Start answered after its expert is gone does not move the next one's window.
  const navigate = useCallback(
    (next: View) => {
      if (expertScope.getSnapshot() === scope) setChosen(next)
    },
    [expertScope, scope],
  )
  // Until the expert picks a section: the live session if there is one, else the invites.
  const view: View = chosen ?? (live > 0 ? 'live' : 'invites')
  const main = useRef<HTMLElement>(null)
  const signedOut = state.loaded && state.connection.status === 'signed_out'
  const wasSignedOut = useRef(signedOut)
  useFocusRescue(main)
  useReportFocus('window')
  useClosedInviteFocus(state.invites, state.loaded)
  useGoneSessionFocus(state.upcoming, state.loaded)
  // A press on a notification shows its invite among the invites, or its session where it is
  // (live or upcoming); the card there takes the focus.
  const { focus } = useNotifications()
  const toCard = useRef(false)
  const target = focus?.target ?? null
  const focusView: View | null =
    target === null
      ? null
      : target.kind === 'invite'
        ? 'invites'
        : sessionView(state.upcoming.find((session) => session.id === target.sessionId))
  useEffect(() => {
    if (focusView === null) return
    setChosen((current) => {
      if (current === focusView) return current
      toCard.current = true
      return focusView
    })
  }, [focus, focusView])

  useLayoutEffect(() => {
    if (state.loaded) markFirstDataPaint()
  }, [state.loaded])
  useEffect(() => {
    if (!state.loaded) return
    // Once the page answers input, the sections not shown first are fetched for the first click.
    const idle = window.setTimeout(preloadSections, 0)
    return () => window.clearTimeout(idle)
  }, [state.loaded])

  const openInvites = state.invites.open.length
  useEffect(() => {
    // Set in the task after the commit: a push's commit runs its effects before the browser may
    // draw, and the new title (a call into the browser) is not what the expert acts on; the card is.
    const later = window.setTimeout(() => {
      document.title = openInvites > 0 ? `Standby (${openInvites})` : 'Standby'
    }, 0)
    return () => window.clearTimeout(later)
  }, [openInvites])

  // Moving between sections moves focus to the new section's heading, as a page change would;
  // not when a notification asked for an invite or session, whose card has just taken the focus.
  // Called once the section is on screen, which for one in its own chunk is after it loaded.
  // A new choice is a new callback, so a choice of the section already shown moves focus too.
  const sectionShown = useCallback(() => {
    if (toCard.current) toCard.current = false
    else if (chosen !== null) focusHeading(main.current)
  }, [chosen])

  useEffect(() => {
    // Signing in replaces the form that had focus: focus goes to the section that appeared.
    if (!signedOut && wasSignedOut.current) focusHeading(main.current)
    wasSignedOut.current = signedOut
  }, [signedOut])

  if (!state.loaded) {
    return (
      <div className="splash" role="status">
        Standby
      </div>
    )
  }
  if (state.connection.status === 'signed_out') {
    return (
      // The rescue's container too: signing out (here, from another window, or by the platform)
      // takes away the control that had focus, and the form's heading takes it, not <body>.
      <section ref={main} className="signed-out">
        <ConnectionBanner state={state.connection} />
        <SignInForm />
      </section>
    )
  }
  return (
    <ExpertScope>
      <NavigateContext value={navigate}>
        <div className="app-shell">
          <HydrateLater>
            <Sidebar
              view={view}
              onNavigate={navigate}
              openInvites={state.invites.open.length}
              liveSessions={live}
              booked={booked}
              bookedLater={state.upcomingLater}
              expert={state.expert}
            />
          </HydrateLater>
          <div className="main">
            <HydrateLater>
              <ConnectionBanner state={state.connection} />
              <ClockSkewNotice />
              <NotificationHealthBanner />
              <StandingBanner />
              <UpdateBanner />
            </HydrateLater>
            <main ref={main} className="content" aria-label={viewTitle(view)}>
              {state.readError !== null && (
                <p className="action-error read-error" role="alert">
                  Could not read the saved data: {state.readError}
                </p>
              )}
              <WhenLoaded key={view} onShown={sectionShown}>
                <Section view={view} />
              </WhenLoaded>
            </main>
            <HydrateLater>
              <Notices />
            </HydrateLater>
          </div>
        </div>
      </NavigateContext>
    </ExpertScope>
  )
}

/** Where a session a notification asked for is shown; null while the page has not read it yet. */
function sessionView(session: Session | undefined): View | null {
  if (session === undefined) return null
  return session.state === 'live' ? 'live' : 'upcoming'
}

function focusHeading(section: HTMLElement | null): void {
  const heading = section?.querySelector<HTMLElement>('h1')
  if (!heading) return
  heading.tabIndex = -1
  heading.focus()
}

function Section({ view }: { readonly view: View }) {
  switch (view) {
    case 'live':
      return <LiveView />
    case 'invites':
      return <InvitesView />
    case 'upcoming':
      return <UpcomingView />
    case 'history':
      return <HistoryView />
    case 'stats':
      return <StatsView />
    case 'settings':
      return <SettingsView />
    default:
      return assertNever(view)
  }
}

function viewTitle(view: View): string {
  switch (view) {
    case 'live':
      return 'Live session'
    case 'invites':
      return 'Invites'
    case 'upcoming':
      return 'Upcoming'
    case 'history':
      return 'History'
    case 'stats':
      return 'My stats'
    case 'settings':
      return 'Settings'
    default:
      return assertNever(view)
  }
}
