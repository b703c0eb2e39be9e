/**
 * History's private notes and its filtered empty state. A row is too small for an editor and
 * may scroll out of the virtual list, so a row's Note button opens the editor in a panel above
 * the list instead; closing it gives focus back to the row's button when it is still there.
 */
import type { Session } from '../../shared/protocol/entities'
import { useServices } from '../store/context'
import { PrivateNote } from './PrivateNote'

/** The button on a history row that opens its note. */
export function HistoryNoteButton({
  session,
  onOpen,
}: {
  readonly session: Session
  readonly onOpen: (session: Session) => void
}) {
  const hasNote = session.privateNote !== ''
  return (
    <button
      type="button"
      className={`link-button history-note${hasNote ? ' history-note-set' : ''}`}
      data-note-for={session.id}
      aria-label={`${hasNote ? 'Note' : 'Add note'} on “${session.request.title}”`}
      title={hasNote ? session.privateNote : undefined}
      onClick={() => onOpen(session)}
    >
      {hasNote ? 'Note' : 'Add note'}
    </button>
  )
}

/** The note editor of one history row, above the list. */
export function HistoryNotePanel({
  session,
  onClose,
}: {
  readonly session: Session
  readonly onClose: () => void
}) {
  const close = (): void => {
    onClose()
    // The row may have scrolled away; then focus stays where the browser puts it.
    requestAnimationFrame(() =>
      document.querySelector<HTMLButtonElement>(`[data-note-for="${CSS.escape(session.id)}"]`)?.focus(),
    )
  }
  return (
    <section className="card history-note-panel" aria-label="Private note">
      <PrivateNote key={session.id} session={session} startOpen onClose={close} />
    </section>
  )
}

/** What History says when the filters match nothing, with the way out. */
export function FilteredEmpty() {
  const { history } = useServices()
  return (
    <div className="empty" role="status">
      <p className="empty-title">No past sessions match</p>
      <p className="muted">Nothing in History has these filters and words.</p>
      <button type="button" className="button button-secondary" onClick={() => void history.clearFilters()}>
        Clear filters
      </button>
    </div>
  )
}
