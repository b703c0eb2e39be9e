/**
 * A scheduled invite's proposed times (up to five), each in the expert's local time with the
 * client's own time beside it, flagged when it overlaps a session already booked, shown as passed
 * (with Book off) once the platform's clock reaches it, and a Book button per time. Only one
 * booking runs at a time, and none while the card's Decline is on its way.
 */
import { useState } from 'react'
import type { Invite, Session } from '../../shared/protocol/entities'
import { fromCommand } from '../logic/action-result'
import { formatDayTime, formatDayTimeIn, formatTime, isoTime, zoneCity } from '../logic/format'
import { minuteOf, onePerMinute, proposedTimeStatus } from '../logic/proposed-time'
import { inviteCard } from '../store/card-commands'
import { useApi, useNow, useServices } from '../store/context'
import { ActionButton, ActionError } from './ActionButton'
import { useCardAction } from './use-action'
import type { PlatformRefusal } from './PlatformRefusal'
import { noticeText, theirs } from '../store/notices'

/** Props of ProposedTimes. */
export interface ProposedTimesProps {
  readonly invite: Invite
  /** Booked and live sessions, to flag overlaps. */
  readonly booked: ReadonlyArray<Session>
  readonly compact?: boolean
  /** False once the invite's time ran out: no time can be booked, past or not. */
  readonly bookable?: boolean
  /** Why Book refuses now, the card showing the sentence (PlatformRefusal.tsx); null when it may be pressed. */
  readonly offline?: PlatformRefusal | null
}

/** The list of proposed times with Book buttons. */
export function ProposedTimes(props: ProposedTimesProps) {
  const { invite, booked, compact = false, bookable = true, offline = null } = props
  const api = useApi()
  const { notices } = useServices()
  const { request } = invite
  const [choosing, setChoosing] = useState<number | null>(null)
  const book = useCardAction(inviteCard(invite.id), 'Booking…', async (proposedTime: number) => {
    const result = fromCommand('book', await api.invites.accept({ inviteId: invite.id, proposedTime }))
    if (result.ok)
      notices.push(noticeText`Booked: ${theirs(request.title)}, ${formatDayTime(proposedTime)}`, 'success')
    return result
  })
  const now = useNow()
  const city = zoneCity(request.client.timeZone)
  // A zone newer than this computer's time zone data cannot be written in: the expert's time alone.
  const clientSide = !compact && formatDayTimeIn(now, request.client.timeZone) !== null
  const times = onePerMinute(request.proposedTimes, now)
  return (
    <div className="proposed">
      <h4 className="proposed-heading">
        {times.length === 1 ? 'Proposed time' : 'Proposed times'}{' '}
        <span className="muted">
          {clientSide ? (
            <>
              · your time, and <bdi>{request.client.name}</bdi>’s in {city}
            </>
          ) : (
            '· your time'
          )}
        </span>
      </h4>
      <ul className="proposed-list">
        {times.map((time) => {
          const { past, conflicts } = proposedTimeStatus(time, request.expectedDurationMinutes, now, booked)
          const conflictId = `${invite.id}-${time}-conflict`
          const pastId = `${invite.id}-${time}-past`
          const flag = past ? ' is-past' : conflicts.length > 0 ? ' has-conflict' : ''
          return (
            // Keyed by its minute: the row stays the same element (and its Book keeps focus) when
            // the minute's first time passes and a later one of it takes its place.
            <li key={minuteOf(time)} className={`proposed-time${flag}`}>
              <div className="proposed-when">
                <time dateTime={isoTime(time)} className="proposed-local">
                  {formatDayTime(time)}
                </time>
                {clientSide && (
                  <span className="proposed-client muted">
                    {formatDayTimeIn(time, request.client.timeZone)} in {city}
                  </span>
                )}
                {past && (
                  <span className="past" id={pastId}>
                    This time has passed and can no longer be booked
                  </span>
                )}
                {!past && conflicts.length > 0 && (
                  <span className="conflict" id={conflictId}>
                    Overlaps “<bdi>{conflicts[0]!.request.title}</bdi>” at{' '}
                    {formatTime(conflicts[0]!.bookedStart)}
                    {conflicts.length > 1 ? ` and ${conflicts.length - 1} more` : ''}
                  </span>
                )}
              </div>
              <ActionButton
                variant={conflicts.length > 0 ? 'secondary' : 'primary'}
                // By its minute: the time pressed may pass on the way, and the row then shows a later one.
                pending={book.pending && choosing !== null && minuteOf(choosing) === minuteOf(time)}
                disabled={book.pending || past || !bookable}
                blockedBy={book.blockedBy}
                pendingLabel="Booking…"
                offline={offline}
                label={`Book ${formatDayTime(time)}`}
                describedBy={past ? pastId : conflicts.length > 0 ? conflictId : undefined}
                onClick={() => {
                  setChoosing(time)
                  void book.run(time)
                }}
              >
                Book
              </ActionButton>
            </li>
          )
        })}
      </ul>
      <ActionError message={book.error} />
    </div>
  )
}
