/** The Live section: the sessions in progress. */
import { useAppState } from '../store/context'
import { EmptyState } from './InvitesView'
import { LiveSessionCard } from './LiveSessionCard'

/** The Live section. */
export function LiveView() {
  const { upcoming } = useAppState()
  const live = upcoming.filter((session) => session.state === 'live')
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
