/**
 * Propose a new time for a booked session: a date and time in the future (by the platform's
 * clock), sent to the client, who accepts or declines; the card shows the proposal meanwhile.
 */
import { useId, useState } from 'react'
import type { Session } from '../../shared/protocol/entities'
import { PROPOSED_TIME_WINDOW } from '../../shared/rules/time-windows'
import { fromCommand } from '../logic/action-result'
import { formatDayTime, formatDuration, formatTime } from '../logic/format'
import { localInputValue } from '../logic/local-input'
import { proposedStartOf } from '../logic/session-changes'
import { sessionCard } from '../store/card-commands'
import { useApi, useNow, useServices } from '../store/context'
import { ChangePanel } from './ChangePanel'
import { Choice } from './Choice'
import { useCardAction } from './use-action'
import { noticeText, theirs } from '../store/notices'

/** The Propose new time button and its form. */
export function ProposeTime({ session }: { readonly session: Session }) {
  const api = useApi()
  const { notices } = useServices()
  const now = useNow()
  const id = useId()
  const [value, setValue] = useState(() => localInputValue(session.bookedStart))
  // In the hour the clocks go back a time comes twice: the expert picks which (the first unless told).
  const [later, setLater] = useState(false)
  const checked = proposedStartOf(value, session, now, { later })
  const propose = useCardAction(sessionCard(session.id), 'Sending the proposal…', async () => {
    if (!checked.ok) return { ok: false, message: checked.message }
    const result = fromCommand(
      'propose the time',
      await api.sessions.proposeTime({ sessionId: session.id, proposedStart: checked.start }),
    )
    if (result.ok)
      notices.push(
        noticeText`Proposed ${formatDayTime(checked.start)} for “${theirs(session.request.title)}”; ${theirs(session.client.name)} answers.`,
        'success',
      )
    return result
  })
  return (
    <ChangePanel
      openLabel="Propose new time"
      openName={`Propose new time for “${session.request.title}”`}
      legend={noticeText`Propose a new time to ${theirs(session.client.name)}`}
      status={
        checked.ok
          ? noticeText`${theirs(session.client.name)} is asked to move it to ${formatDayTime(checked.start)}.`
          : checked.message
      }
      statusInvalid={!checked.ok}
      confirmLabel="Send proposal"
      confirmVariant="primary"
      pendingLabel="Sending the proposal…"
      keepLabel="Keep the time"
      canConfirm={checked.ok}
      action={propose}
    >
      <div className="field">
        <label className="field-label" htmlFor={`${id}-start`}>
          New start
        </label>
        <input
          id={`${id}-start`}
          type="datetime-local"
          min={localInputValue(now)}
          max={localInputValue(now + PROPOSED_TIME_WINDOW.futureMs)}
          step={300}
          value={value}
          onChange={(event) => setValue(event.target.value)}
        />
      </div>
      {checked.twice !== null && (
        <fieldset className="choices">
          <legend>That time comes twice on that day, as the clocks go back. Which one?</legend>
          <Choice
            name={`${id}-twice`}
            checked={!later}
            onChoose={() => setLater(false)}
            title={formatTime(checked.twice[0])}
            hint="the first"
          />
          <Choice
            name={`${id}-twice`}
            checked={later}
            onChoose={() => setLater(true)}
            title={formatTime(checked.twice[1])}
            hint={`${formatDuration(checked.twice[1] - checked.twice[0])} later, after the clocks go back`}
          />
        </fieldset>
      )}
    </ChangePanel>
  )
}
