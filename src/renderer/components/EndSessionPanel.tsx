/**
 * Ending a live session: Charge, Discount (percent) or No charge, with a sentence that says what
 * the client will pay, in money and time, before anything is sent. A session never billed can
 * only end free.
 */
import { useId, useState, type FormEvent } from 'react'
import type { Outcome, Session } from '../../shared/protocol/entities'
import { isBlankText } from '../../shared/text-normalise'
import { fromCommand } from '../logic/action-result'
import { checkEndChoice, clientPaysSentence } from '../logic/end-outcome'
import { sessionCard } from '../store/card-commands'
import { useApi, useNow, useServices } from '../store/context'
import { useNavigate } from '../store/navigation'
import { ActionButton, ActionError } from './ActionButton'
import { PlatformRefusalNote, usePlatformRefusal } from './PlatformRefusal'
import { Choice } from './Choice'
import { ClosingNoteField } from './ClosingNoteField'
import { focusSubmitter } from './submitter-focus'
import { useCardAction } from './use-action'
import { noticeText, theirs } from '../store/notices'

/** Props of EndSessionPanel. */
export interface EndSessionPanelProps {
  readonly session: Session
  readonly onCancel: () => void
}

/** The end-of-session choice and confirmation. */
export function EndSessionPanel({ session, onCancel }: EndSessionPanelProps) {
  const api = useApi()
  const { notices } = useServices()
  const navigate = useNavigate()
  const now = useNow()
  const id = useId()
  const billingStarted = session.billingStartedAt !== null
  const [kind, setKind] = useState<Outcome['kind']>(billingStarted ? 'charged' : 'free')
  const [percentText, setPercentText] = useState('50')
  const [closingNote, setClosingNote] = useState('')
  const checked = checkEndChoice({ kind, percentText }, billingStarted)
  const billedMs = session.billingStartedAt === null ? 0 : Math.max(0, now - session.billingStartedAt)
  const sentence = checked.ok ? clientPaysSentence(checked.outcome, billedMs, session.rate) : checked.message

  const end = useCardAction(sessionCard(session.id), 'Ending…', async (outcome: Outcome) => {
    // A note of nothing but spaces or invisibles is no note: sent, it would refuse the whole end.
    const note = isBlankText(closingNote) ? {} : { closingNote }
    const result = fromCommand(
      'end the session',
      await api.sessions.end({ sessionId: session.id, outcome, ...note }),
    )
    if (result.ok) {
      notices.push(
        noticeText`Session ended: ${theirs(session.request.title)}. ${clientPaysSentence(outcome, billedMs, session.rate)}`,
        'success',
      )
      navigate('history')
    }
    return result
  })

  const offline = usePlatformRefusal()
  const onSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault()
    // Its fields are disabled while the action runs.
    focusSubmitter(event)
    if (checked.ok && offline === null) void end.run(checked.outcome)
  }

  return (
    <form
      className="end-panel"
      onSubmit={onSubmit}
      aria-labelledby={`${id}-legend`}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !end.pending) onCancel()
      }}
    >
      <fieldset className="end-choices" disabled={end.pending}>
        <legend id={`${id}-legend`} className="end-legend">
          How should this session end?
        </legend>
        <Choice
          name={`${id}-kind`}
          value="charged"
          // The button that opened the panel is gone; focus lands on the first choice.
          autoFocus={billingStarted}
          checked={kind === 'charged'}
          disabled={!billingStarted}
          onChoose={() => setKind('charged')}
          title="Charge"
          hint="the full billed time"
        />
        <Choice
          name={`${id}-kind`}
          value="discounted"
          checked={kind === 'discounted'}
          disabled={!billingStarted}
          onChoose={() => setKind('discounted')}
          title="Discount"
        >
          <span className="percent">
            <input
              type="number"
              min={1}
              max={99}
              step={1}
              inputMode="numeric"
              aria-label="Discount percent"
              value={percentText}
              disabled={!billingStarted}
              onFocus={() => setKind('discounted')}
              onChange={(event) => {
                setKind('discounted')
                setPercentText(event.target.value)
              }}
            />
            <span aria-hidden="true">%</span>
          </span>
        </Choice>
        <Choice
          name={`${id}-kind`}
          value="free"
          autoFocus={!billingStarted}
          checked={kind === 'free'}
          onChoose={() => setKind('free')}
          title="No charge"
          hint="when you could not help"
        />
      </fieldset>
      <ClosingNoteField
        id={`${id}-note`}
        clientName={session.client.name}
        value={closingNote}
        disabled={end.pending}
        onChange={setClosingNote}
      />
      <p
        className={checked.ok ? 'end-confirm' : 'end-confirm end-invalid'}
        role="status"
        id={`${id}-confirm`}
      >
        {sentence}
      </p>
      <div className="actions">
        <ActionButton
          type="submit"
          variant="danger"
          pending={end.pending}
          blockedBy={end.blockedBy}
          pendingLabel="Ending…"
          offline={offline}
          disabled={!checked.ok}
          describedBy={`${id}-confirm`}
        >
          End session
        </ActionButton>
        <button type="button" className="button button-quiet" onClick={onCancel} disabled={end.pending}>
          Keep going
        </button>
      </div>
      {checked.ok && <PlatformRefusalNote refusal={offline} />}
      <ActionError message={end.error} />
    </form>
  )
}
