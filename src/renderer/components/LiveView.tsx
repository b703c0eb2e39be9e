/** The Live section: the sessions in progress. */
import { nextSessionsFirst } from '../../shared/rules/next-session'
import { useAppState, useNow } from '../store/context'
import { EmptyState } from './InvitesView'
import { LiveSessionCard } from './LiveSessionCard'

/** The Live section. */
export function LiveView() {
  const { upcoming } = useAppState()
  const now = useNow()
  // The one the expert is in now first; one the platform never said ended after it.
  const live = nextSessionsFirst(
    upcoming.filter((session) => session.state === 'live'),
    now,
  )
  return (
    <div className="view">
      <header className="view-header">
        <h1 className="view-title">Live session</h1>
      </header>
      {live.length === 0 ? (
        <EmptyState
          title="No live session"
          body="Join an instant invite or start a booked session, and it shows here."
        />
      ) : (
        <div className="stack">
          {live.map((session) => (
            <LiveSessionCard key={session.id} session={session} />
          ))}
        </div>
      )}
    </div>
  )
}
