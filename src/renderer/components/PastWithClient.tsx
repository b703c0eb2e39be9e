/**
 * On the invite card: the expert's past sessions with this client, so a returning client is
 * recognised before deciding. Read from the cache once per invite; says nothing when there are none.
 */
import { useEffect, useState } from 'react'
import type { Session } from '../../shared/protocol/entities'
import { PAST_SESSIONS_WITH_CLIENT_LISTED } from '../../shared/ipc/list-limits'
import { outcomeLabel } from '../logic/labels'
import { useApi } from '../store/context'
import { TheirWords } from './TheirWords'
import { Day } from './Time'

/** Reads the past sessions with the client of `inviteId` and shows them. */
export function PastWithClient({
  inviteId,
  clientName,
}: {
  readonly inviteId: string
  readonly clientName: string
}) {
  const api = useApi()
  const [sessions, setSessions] = useState<ReadonlyArray<Session>>([])
  useEffect(() => {
    let current = true
    // A failed read shows nothing: the section is a hint, and the card works without it.
    void api.invites.pastSessionsWithClient({ inviteId }).then((result) => {
      if (current && result.ok) setSessions(result.value)
    })
    return () => {
      current = false
    }
  }, [api, inviteId])
  return <PastWithClientList sessions={sessions} clientName={clientName} />
}

/** The past sessions with a client, most recent first; nothing when there are none. */
export function PastWithClientList({
  sessions,
  clientName,
}: {
  readonly sessions: ReadonlyArray<Session>
  readonly clientName: string
}) {
  if (sessions.length === 0) return null
  // The list is capped, so a full one says "at least".
  const times = sessions.length === 1 ? 'once' : `${sessions.length} times`
  const atLeast = sessions.length >= PAST_SESSIONS_WITH_CLIENT_LISTED ? 'at least ' : ''
  return (
    <section className="past-with-client muted" aria-label={`Past sessions with ${clientName}`}>
      <p>
        You helped <bdi>{clientName}</bdi> {atLeast}
        {times} before:
      </p>
      <ul>
        {sessions.map((session) => (
          <li key={session.id}>
            <bdi>{session.request.title}</bdi> (
            {/* A leaf of its own: the memoised invite card around it is not drawn again on a change of zone. */}
            <Day at={session.bookedStart} />, <TheirWords text={outcomeLabel(session)} />)
          </li>
        ))}
      </ul>
    </section>
  )
}
