/** History: ended and cancelled sessions, most recent first, in a virtual list read page by page. */
import { useEffect, useState } from 'react'
import { kindLabel } from '../../shared/labels'
import type { Session } from '../../shared/protocol/entities'
import { formatDayTime, formatDuration, isoTime } from '../logic/format'
import { feeLabel, outcomeLabel } from '../logic/labels'
import { cancelledLine } from '../logic/session-changes'
import { noticeText, theirs } from '../logic/isolate'
import { useApi, useHistory, useServices } from '../store/context'
import { AddToCalendarButton } from './AddToCalendarButton'
import { HistoryLine } from './HistoryLine'
import { EmptyState } from './InvitesView'
import { SessionAmount } from './SessionAmount'
import { SessionReview } from './SessionReview'
import { VirtualList } from './VirtualList'
import { HistoryFilters } from './HistoryFilters'
import { FilteredEmpty, HistoryNoteButton, HistoryNotePanel } from './HistoryNotes'
import { isFiltered } from '../../shared/rules/history-filter'
import { historyRowHeight } from '../logic/history-row-height'

/** The line under History's title: how many rows, "+" while older ones are still to read. */
export function historyCountLine(count: number, hasMore: boolean, filtered: boolean): string {
  const noun = count === 1 && !hasMore ? 'session' : 'sessions'
  return `${count.toLocaleString()}${hasMore ? '+' : ''} ${filtered ? 'matching' : 'past'} ${noun}`
}

/** The History section. */
export function HistoryView() {
  const api = useApi()
  const { history } = useServices()
  const { rows, loading, hasMore, error, filter } = useHistory()
  const [noteOn, setNoteOn] = useState<Session | null>(null)

  useEffect(() => {
    void history.refresh()
    // Only a session that ended or was cancelled (or a change too large to carry) moves the history.
    return api.cache.onChanged((change) => {
      history.update(change.sessions)
      if (change.full || change.sessions.some((s) => s.state === 'ended' || s.state === 'cancelled'))
        void history.refresh()
    })
  }, [api, history])

  return (
    <div className="view view-fill">
      <header className="view-header">
        <h1 className="view-title">History</h1>
        <p className="muted">
          {rows.length === 0 && loading
            ? 'Loading…'
            : historyCountLine(rows.length, hasMore, isFiltered(filter))}
        </p>
      </header>
      <HistoryFilters />
      {noteOn !== null && <HistoryNotePanel session={noteOn} onClose={() => setNoteOn(null)} />}
      {error !== null && (
        <p className="action-error" role="alert">
          Could not read the history: {error}
        </p>
      )}
      {rows.length === 0 && !loading && !hasMore && isFiltered(filter) ? (
        <FilteredEmpty />
      ) : rows.length === 0 && !loading && !hasMore ? (
        <EmptyState
          title="No past sessions yet"
          body="Sessions you finish, and any that were cancelled, are listed here."
        />
      ) : (
        <VirtualList
          className="history-list"
          label="Past sessions"
          items={rows}
          rowHeight={historyRowHeight}
          getKey={(session) => session.id}
          onNearEnd={hasMore ? () => void history.loadMore() : undefined}
          renderRow={(session) => <HistoryRow session={session} onNote={setNoteOn} />}
        />
      )}
    </div>
  )
}

function HistoryRow({
  session,
  onNote,
}: {
  readonly session: Session
  readonly onNote: (session: Session) => void
}) {
  const fee = feeLabel(session)
  const cancelled = cancelledLine(session)
  const duration =
    session.expertJoinedAt !== null && session.endedAt !== null
      ? formatDuration(session.endedAt - session.expertJoinedAt)
      : null
  const client = noticeText`${theirs(session.client.name)} · ${kindLabel(session.kind)}${duration === null ? '' : ` · ${duration}`}`
  return (
    <div className={`history-row history-${session.state}`}>
      <time className="history-when" dateTime={isoTime(session.bookedStart)}>
        {formatDayTime(session.bookedStart)}
      </time>
      <div className="history-main">
        <HistoryLine className="history-title" text={[theirs(session.request.title)]} />
        <HistoryLine className="muted history-sub" text={cancelled ?? client} />
        <span className="history-extra">
          <SessionReview session={session} />
          {(session.closingNote ?? null) !== null && (
            <HistoryLine
              className="muted history-closing-note"
              text={noticeText`Closing note: ${theirs(session.closingNote ?? '')}`}
            />
          )}
        </span>
      </div>
      <div className="history-outcome">
        <HistoryLine
          className={`outcome outcome-${session.outcome?.kind ?? session.state}`}
          text={outcomeLabel(session)}
        />
        {fee !== null && <HistoryLine className="muted history-fee" text={fee} />}
      </div>
      <SessionAmount session={session} />
      <div className="history-actions">
        {cancelled !== null && (
          <div className="history-calendar">
            <AddToCalendarButton session={session} />
          </div>
        )}
        <HistoryNoteButton session={session} onOpen={onNote} />
      </div>
    </div>
  )
}
