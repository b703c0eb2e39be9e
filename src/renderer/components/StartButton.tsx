/**
 * Start for a booked session: disabled until the start window opens 10 minutes before the booked
 * time (saying when it opens), enabled inside the window. Follows the host's clock.
 */
import { useId } from 'react'
import type { Session } from '../../shared/protocol/entities'
import { fromCommand } from '../logic/action-result'
import { formatTimeOnDayOf } from '../logic/format'
import { startState } from '../logic/session-timing'
import { sessionCard } from '../store/card-commands'
import { useApi, useNow } from '../store/context'
import { useNavigate } from '../store/navigation'
import { ActionButton, ActionError } from './ActionButton'
import { useCardAction } from './use-action'
import { PlatformRefusalNote, usePlatformRefusal } from './PlatformRefusal'

/** The Start button with its explanation. */
export function StartButton({ session }: { readonly session: Session }) {
  const api = useApi()
  const navigate = useNavigate()
  const now = useNow()
  const id = useId()
  const state = startState(session.bookedStart, now)
  const offline = usePlatformRefusal()
  const start = useCardAction(sessionCard(session.id), 'Starting…', async () => {
    const result = fromCommand('start', await api.sessions.join({ sessionId: session.id }))
    if (result.ok) navigate('live')
    return result
  })
  const hint =
    state.kind === 'too_early'
      ? `Opens at ${formatTimeOnDayOf(state.opensAt, session.bookedStart)}`
      : state.kind === 'closed'
        ? 'The start window has closed'
        : null
  return (
    <div className="start">
      <ActionButton
        variant="primary"
        pending={start.pending}
        blockedBy={start.blockedBy}
        pendingLabel="Starting…"
        offline={offline}
        disabled={state.kind !== 'open'}
        describedBy={hint === null ? undefined : `${id}-hint`}
        label={`Start “${session.request.title}”`}
        onClick={() => void start.run()}
      >
        Start
      </ActionButton>
      {hint !== null && (
        <span className="start-hint muted" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {state.kind === 'open' && <PlatformRefusalNote refusal={offline} />}
      <ActionError message={start.error} />
    </div>
  )
}
