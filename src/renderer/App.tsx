/**
 * The full window: a sidebar of sections and the section itself, under the connection banner.
 * Signed out, the window is the sign-in form. A live session takes the front when it starts.
 */
import { useEffect, useRef, useState } from 'react'
import { assertNever } from '../shared/assert-never'
import { ClockSkewNotice } from './components/ClockSkewNotice'
import { ConnectionBanner } from './components/ConnectionBanner'
import { HistoryView } from './components/HistoryView'
import { InvitesView } from './components/InvitesView'
import { LiveView } from './components/LiveView'
import { Notices } from './components/Notices'
import { SettingsView } from './components/SettingsView'
import { Sidebar } from './components/Sidebar'
import { SignInForm } from './components/SignInForm'
import { StatsView } from './components/StatsView'
import { UpcomingView } from './components/UpcomingView'
import { useFocusRescue } from './components/use-focus-rescue'
import { markFirstDataPaint } from './first-paint'
import { planShowItem } from './logic/show-item'
import { useAppState, useServices, useShownItem } from './store/context'
import { NavigateContext, type View } from './store/navigation'

/** The root of the full window. */
export function App() {
  const state = useAppState()
  const live = state.upcoming.filter((session) => session.state === 'live').length
  const booked = state.upcoming.length - live
  const [chosen, setChosen] = useState<View | null>(null)
  // Until the expert picks a section: the live session if there is one, else the invites.
  const view: View = chosen ?? (live > 0 ? 'live' : 'invites')
  const main = useRef<HTMLElement>(null)
  const signedOut = state.loaded && state.connection.status === 'signed_out'
  const wasSignedOut = useRef(signedOut)
  useFocusRescue(main)
  const shown = useShownItem()
  const { notices } = useServices()
  const handled = useRef(0)
  const focusTarget = useRef<string | null>(null)

  useEffect(() => {
    if (state.loaded) markFirstDataPaint()
  }, [state.loaded])

  const openInvites = state.invites.open.length
  useEffect(() => {
    document.title = openInvites > 0 ? `Standby (${openInvites})` : 'Standby'
  }, [openInvites])

  useEffect(() => {
    // Moving between sections moves focus to the new section's heading, as a page change would.
    if (chosen !== null) focusHeading(main.current)
  }, [chosen])

  useEffect(() => {
    // Signing in replaces the form that had focus: focus goes to the section that appeared.
    if (!signedOut && wasSignedOut.current) focusHeading(main.current)
    wasSignedOut.current = signedOut
  }, [signedOut])

  useEffect(() => {
    // A request that came while the page was loading is shown once the data is there.
    if (!state.loaded || shown === null || shown.request === handled.current) return
    handled.current = shown.request
    const plan = planShowItem(shown, state.upcoming)
    setChosen(plan.view)
    focusTarget.current = plan.focus
    if (plan.notice !== null) notices.push(plan.notice, 'warning')
  }, [shown, state.loaded, state.upcoming, notices])

  useEffect(() => {
    // After the section's heading took focus (above), and once the section shows the card: the
    // host's cache may be a push ahead of this page's lists.
    const target = focusTarget.current
    const card = target === null ? null : main.current?.querySelector<HTMLElement>(target)
    if (!card) return
    card.focus()
    focusTarget.current = null
  }, [shown, chosen, state.invites.open, state.upcoming])

  if (!state.loaded) {
    return (
      <div className="splash" role="status">
        Standby
      </div>
    )
  }
  if (state.connection.status === 'signed_out') {
    return (
      <div className="signed-out">
        <ConnectionBanner state={state.connection} />
        <SignInForm />
      </div>
    )
  }
  return (
    <NavigateContext value={setChosen}>
      <div className="app-shell">
        <Sidebar
          view={view}
          onNavigate={setChosen}
          openInvites={state.invites.open.length}
          liveSessions={live}
          booked={booked}
          expert={state.expert}
        />
        <div className="main">
          <ConnectionBanner state={state.connection} />
          <ClockSkewNotice />
          <Notices />
          <main ref={main} className="content" aria-label={viewTitle(view)}>
            {state.readError !== null && (
              <p className="action-error read-error" role="alert">
                Could not read the saved data: {state.readError}
              </p>
            )}
            <Section view={view} />
          </main>
        </div>
      </div>
    </NavigateContext>
  )
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
