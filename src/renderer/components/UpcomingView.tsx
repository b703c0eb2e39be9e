/**
 * Upcoming: booked sessions by day, each with a countdown, reminders, Start, Add to calendar, and
 * Cancel and Propose new time with a proposal's state.
 */
import { useId, useRef } from 'react'
import { UPCOMING_SESSIONS_LISTED } from '../../shared/ipc/list-limits'
import type { Session } from '../../shared/protocol/entities'
import { calendarDay, formatCountdown, formatDay, formatTime, isoTime, zoneCity } from '../logic/format'
import { autoCancelNotice, reminderStatus } from '../logic/session-timing'
import { useAppState, useNotifications, useNow } from '../store/context'
import { useRemindersSent } from '../store/reminders-sent-store'
import { useNavigate } from '../store/navigation'
import { AddToCalendarButton } from './AddToCalendarButton'
import { TheirWords } from './TheirWords'
import { EmptyState } from './InvitesView'
import { RescheduleStatus, SessionChanges } from './SessionChanges'
import { PrivateNote } from './PrivateNote'
import { SessionMessages } from './SessionMessages'
import { StartButton } from './StartButton'
import { WindowedList } from './WindowedList'
import { useSessionFocus } from './use-session-focus'

// A booked card's height before it is drawn, and the space between cards (sessions.css).
const SESSION_CARD_GUESS_PX = 220
const SESSION_GAP_PX = 8

/** The Upcoming section. */
export function UpcomingView() {
  const { upcoming, upcomingLater, settings } = useAppState()
  const navigate = useNavigate()
  const booked = upcoming.filter((session) => session.state === 'booked')
  const live = upcoming.filter((session) => session.state === 'live')
  const remindersEnabled = settings?.remindersEnabled ?? true
  // A notification or a link asking for a session far down: its card is drawn to take the focus.
  const { focus } = useNotifications()
  const asked = focus?.target.kind === 'session' ? focus.target.sessionId : null
  return (
    <div className="view">
      <header className="view-header">
        <h1 className="view-title">Upcoming</h1>
        <p className="muted">
          Start opens 10 minutes before each session. Reminders come 30 and 10 minutes before.
        </p>
      </header>
      {live.length > 0 && (
        <p className="callout">
          {live.length === 1 ? 'A session is live now.' : `${live.length} sessions are live now.`}{' '}
          <button type="button" className="link-button" onClick={() => navigate('live')}>
            Go to the live session
          </button>
        </p>
      )}
      {booked.length === 0 ? (
        <EmptyState title="Nothing booked" body="Sessions you book from scheduled invites appear here." />
      ) : (
        // Drawn a window at a time: an expert may hold hundreds, each card a form of its own.
        <WindowedList
          className="upcoming-list"
          label="Booked sessions"
          items={booked}
          getKey={sessionKey}
          estimate={SESSION_CARD_GUESS_PX}
          gap={SESSION_GAP_PX}
          reveal={asked}
          renderRow={(session, index) => (
            <>
              {(index === 0 || !sameDay(booked[index - 1]!, session)) && (
                <h2 className={`section-title upcoming-day${index === 0 ? '' : ' upcoming-day-later'}`}>
                  {formatDay(session.bookedStart)}
                </h2>
              )}
              <UpcomingSession session={session} remindersEnabled={remindersEnabled} />
            </>
          )}
        />
      )}
      {/* The host reads the soonest sessions only: a list that ends here would read as all booked. */}
      {upcomingLater && (
        <p className="muted upcoming-cut">
          Only your next {UPCOMING_SESSIONS_LISTED} sessions are shown here. You have more booked after these.
        </p>
      )}
    </div>
  )
}

/** One booked session. */
export function UpcomingSession({
  session,
  remindersEnabled,
  compact = false,
}: {
  readonly session: Session
  readonly remindersEnabled: boolean
  readonly compact?: boolean
}) {
  const id = useId()
  const card = useRef<HTMLElement>(null)
  useSessionFocus(card, session)
  return (
    <article
      ref={card}
      className={`card session${compact ? ' session-compact' : ''}`}
      // Its day in its name: a day's heading stands before its first card only, and the time shown is the hour.
      aria-labelledby={`${id}-title ${id}-day`}
    >
      <span id={`${id}-day`} hidden>
        on {formatDay(session.bookedStart)}
      </span>
      <div className="session-when">
        <time className="session-time" dateTime={isoTime(session.bookedStart)}>
          {formatTime(session.bookedStart)}
        </time>
        <span className="muted session-length">{session.request.expectedDurationMinutes} min</span>
      </div>
      <StartButton session={session} />
      <div className="session-main">
        <h3 id={`${id}-title`} className="session-title">
          <bdi>{session.request.title}</bdi>
        </h3>
        <p className="muted">
          <bdi>{session.client.name}</bdi> · {zoneCity(session.client.timeZone)}
        </p>
        <SessionTiming session={session} remindersEnabled={remindersEnabled} />
        <RescheduleStatus session={session} />
        {!compact && <AddToCalendarButton session={session} />}
        {!compact && session.state === 'booked' && <SessionChanges session={session} />}
        {!compact && <PrivateNote session={session} />}
        {!compact && <SessionMessages session={session} />}
      </div>
    </article>
  )
}

function SessionTiming({
  session,
  remindersEnabled,
}: {
  readonly session: Session
  readonly remindersEnabled: boolean
}) {
  const now = useNow()
  const sent = useRemindersSent(session.id, session.bookedStart)
  const cancel = autoCancelNotice(session, now)
  return (
    <>
      <p className="session-countdown">
        {session.bookedStart > now ? (
          <>
            Starts in <span className="tabular">{formatCountdown(session.bookedStart - now)}</span>
          </>
        ) : (
          'Starting now'
        )}
        <span className="muted"> · {reminderStatus(session.bookedStart, now, remindersEnabled, sent)}</span>
      </p>
      {cancel !== null && (
        <p className="warning-text">
          <TheirWords text={cancel} />
        </p>
      )}
    </>
  )
}

const sessionKey = (session: Session): string => session.id

const sameDay = (a: Session, b: Session): boolean => calendarDay(a.bookedStart) === calendarDay(b.bookedStart)
