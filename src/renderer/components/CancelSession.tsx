/**
 * Cancel on a booked session: a note to the client, and before Confirm the line that says whether
 * cancelling now is free or costs the late-cancellation fee, by the platform's clock.
 */
import { useId, useState } from 'react'
import type { Session } from '../../shared/protocol/entities'
import { fromCommand } from '../logic/action-result'
import { cancelTermsLine } from '../logic/session-changes'
import { sessionCard } from '../store/card-commands'
import { useApi, useNow, useServices } from '../store/context'
import { ChangePanel } from './ChangePanel'
import { useCardAction } from './use-action'
import { noticeText, theirs } from '../store/notices'

/** The Cancel button and its confirm step. */
export function CancelSession({ session }: { readonly session: Session }) {
  const api = useApi()
  const { notices } = useServices()
  const now = useNow()
  const id = useId()
  const [message, setMessage] = useState('')
  const cancel = useCardAction(sessionCard(session.id), 'Cancelling…', async () => {
    const note = message.trim()
    const result = fromCommand(
      'cancel the session',
      await api.sessions.cancel({ sessionId: session.id, ...(note === '' ? {} : { message: note }) }),
    )
    if (result.ok) {
      const fee =
        result.value.session.cancellation?.feeAssessedTo === 'expert'
          ? ' You pay the late-cancellation fee.'
          : ''
      notices.push(
        noticeText`Cancelled “${theirs(session.request.title)}”; ${theirs(session.client.name)} is told.${fee} It is in your history, where you can remove it from your calendar.`,
        'success',
      )
    }
    return result
  })
  return (
    <ChangePanel
      openLabel="Cancel"
      openName={`Cancel “${session.request.title}”`}
      legend={noticeText`Cancel “${theirs(session.request.title)}” with ${theirs(session.client.name)}?`}
      status={cancelTermsLine(session, now)}
      confirmLabel="Confirm cancellation"
      confirmVariant="danger"
      pendingLabel="Cancelling…"
      keepLabel="Keep session"
      canConfirm
      action={cancel}
    >
      <div className="field">
        <label className="field-label" htmlFor={`${id}-message`}>
          Message to <bdi>{session.client.name}</bdi> (optional)
        </label>
        <textarea
          id={`${id}-message`}
          rows={2}
          maxLength={1_000}
          value={message}
          onChange={(event) => setMessage(event.target.value)}
        />
      </div>
    </ChangePanel>
  )
}
