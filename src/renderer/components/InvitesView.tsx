/** The Invites section: open invites, newest first, then the recently missed ones. */
import { memo } from 'react'
import { OPEN_INVITES_LISTED } from '../../shared/ipc/list-limits'
import { closedInviteLabel } from '../logic/labels'
import { useAppState } from '../store/context'
import type { Invite } from '../../shared/protocol/entities'
import { InviteCard } from './InviteCard'
import { KindBadge } from './KindBadge'
import { Ago } from './Time'

/** The Invites section. */
export function InvitesView() {
  const { invites, upcoming } = useAppState()
  return (
    <div className="view">
      <header className="view-header">
        <h1 className="view-title">Invites</h1>
        <p className="muted">
          Read the request and attachments first; message the client if anything is unclear. Only take what
          you can help with quickly.
        </p>
      </header>
      <section aria-labelledby="open-invites-title" className="stack">
        <h2 id="open-invites-title" className="visually-hidden">
          Open invites
        </h2>
        {invites.open.length === 0 ? (
          <EmptyState
            title="No open invites"
            body="New invites appear here, and as a notification, the moment they are sent."
          />
        ) : (
          invites.open.map((invite) => <InviteCard key={invite.id} invite={invite} booked={upcoming} />)
        )}
        {invites.open.length >= OPEN_INVITES_LISTED ? (
          <p className="muted">
            Showing the newest {OPEN_INVITES_LISTED} open invites; the tray counts all of them.
          </p>
        ) : null}
      </section>
      <MissedList missed={invites.missed} />
    </div>
  )
}

/** Invites that closed without this expert taking them. */
export function MissedList({ missed }: { readonly missed: ReadonlyArray<Invite> }) {
  if (missed.length === 0) return null
  return (
    <section className="missed" aria-labelledby="missed-title">
      <h2 id="missed-title" className="section-title">
        Missed
      </h2>
      <ul className="missed-list">
        {missed.map((invite) => (
          <MissedRow key={invite.id} invite={invite} />
        ))}
      </ul>
    </section>
  )
}

/** One missed invite; memoized, as a push that changes one invite leaves the others' objects as they were. */
const MissedRow = memo(function MissedRow({ invite }: { readonly invite: Invite }) {
  return (
    <li className="missed-row" data-focus-home={`invite:${invite.id}`}>
      <KindBadge kind={invite.request.kind} quiet />
      <bdi className="missed-title">{invite.request.title}</bdi>
      <span className={`missed-state missed-${invite.state}`}>{closedInviteLabel(invite.state)}</span>
      <span className="muted missed-when">
        <Ago at={invite.sentAt} />
      </span>
    </li>
  )
})

/** A calm placeholder for an empty list. */
export function EmptyState({ title, body }: { readonly title: string; readonly body: string }) {
  return (
    <div className="empty">
      <p className="empty-title">{title}</p>
      <p className="muted">{body}</p>
    </div>
  )
}
