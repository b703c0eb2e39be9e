/**
 * Availability: online, away, or online until a time today (or tomorrow, if that time has passed).
 * A busy or an offline is none of these choices: the form then checks none rather than one that
 * is not so, and a press sets only what the expert picked.
 */
import { useId, useState, type FormEvent } from 'react'
import { assertNever } from '../../shared/assert-never'
import { presenceLabel } from '../../shared/labels'
import type { Expert } from '../../shared/protocol/entities'
import { fromCommand } from '../logic/action-result'
import { nextOccurrence, toTimeInputValue } from '../logic/availability'
import { formatDayTime, formatTime } from '../logic/format'
import { useApi, useNow, useServices } from '../store/context'
import { ActionButton, ActionError } from './ActionButton'
import { PlatformRefusalNote, usePlatformRefusal } from './PlatformRefusal'
import { Choice } from './Choice'
import { focusSubmitter } from './submitter-focus'
import { useAction } from './use-action'

type AvailabilityChoice = 'online' | 'away' | 'until'

/** The availability form. */
export function AvailabilityForm({ expert }: { readonly expert: Expert }) {
  const api = useApi()
  const { notices } = useServices()
  const now = useNow()
  const id = useId()
  const current = currentChoice(expert)
  const [choice, setChoice] = useState<AvailabilityChoice | null>(null)
  const [until, setUntil] = useState<string | null>(null)
  // The expert's pick stands until the platform's availability changes: clearing it when the
  // command is answered would show the old availability until the change arrives.
  const saved = `${expert.availability} ${expert.onlineUntil ?? ''}`
  const [pickedOver, setPickedOver] = useState(saved)
  if (pickedOver !== saved) {
    setPickedOver(saved)
    setChoice(null)
    setUntil(null)
  }
  const chosen = choice ?? current
  const untilText = until ?? (expert.onlineUntil !== null ? toTimeInputValue(expert.onlineUntil) : '18:00')
  const untilAt = nextOccurrence(untilText, now)

  const save = useAction(async (request: { availability: 'online' | 'away'; onlineUntil: number | null }) => {
    const result = fromCommand('change your availability', await api.availability.set(request))
    if (result.ok) {
      notices.push(
        request.onlineUntil !== null
          ? `You are online until ${formatTime(request.onlineUntil)}`
          : `You are ${request.availability}`,
        'success',
      )
    }
    return result
  })

  const offline = usePlatformRefusal()
  const onSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault()
    // Its fields are disabled while the action runs.
    focusSubmitter(event)
    if (offline !== null) return
    if (chosen === 'until') {
      if (untilAt !== null) void save.run({ availability: 'online', onlineUntil: untilAt })
    } else if (chosen !== null) void save.run({ availability: chosen, onlineUntil: null })
  }

  const status =
    expert.availability === 'online' && expert.onlineUntil !== null
      ? `Online until ${formatDayTime(expert.onlineUntil)}`
      : presenceLabel(expert)

  return (
    <form className="settings-group" onSubmit={onSubmit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="section-title">
        Availability
      </h2>
      <p className="muted">
        Now: <strong className={`availability availability-${expert.availability}`}>{status}</strong>
      </p>
      {current === null && (
        <p className="muted" id={`${id}-none`}>
          {expert.availability === 'busy' && expert.availabilityCause === 'session'
            ? 'The platform set you busy for your live session and sets back what you had when the session ends. A choice here replaces that now.'
            : 'Choose how you take invites now.'}
        </p>
      )}
      <fieldset className="choices" disabled={save.pending}>
        <legend className="visually-hidden">Set your availability</legend>
        <Choice
          name={`${id}-a`}
          checked={chosen === 'online'}
          onChoose={() => setChoice('online')}
          title="Online"
          hint="receive invites"
        />
        <Choice
          name={`${id}-a`}
          checked={chosen === 'until'}
          onChoose={() => setChoice('until')}
          title="Online until"
        >
          <input
            type="time"
            aria-label="Online until"
            value={untilText}
            onFocus={() => setChoice('until')}
            onChange={(event) => {
              setChoice('until')
              setUntil(event.target.value)
            }}
          />
          {chosen === 'until' && untilAt !== null && (
            <span className="muted">then away ({formatDayTime(untilAt)})</span>
          )}
        </Choice>
        <Choice
          name={`${id}-a`}
          checked={chosen === 'away'}
          onChoose={() => setChoice('away')}
          title="Away"
          hint="no new invites"
        />
      </fieldset>
      <div className="actions">
        <ActionButton
          type="submit"
          variant="primary"
          pending={save.pending}
          pendingLabel="Saving…"
          offline={offline}
          disabled={chosen === null || (chosen === 'until' && untilAt === null)}
          describedBy={chosen === null ? `${id}-none` : undefined}
        >
          Set availability
        </ActionButton>
      </div>
      {!(chosen === null || (chosen === 'until' && untilAt === null)) && (
        <PlatformRefusalNote refusal={offline} />
      )}
      <ActionError message={save.error} />
    </form>
  )
}

/** The form's choice that is the availability now; none for a busy or an offline. */
function currentChoice(expert: Expert): AvailabilityChoice | null {
  switch (expert.availability) {
    case 'online':
      return expert.onlineUntil !== null ? 'until' : 'online'
    case 'away':
      return 'away'
    case 'busy':
    case 'offline':
      return null
    default:
      return assertNever(expert.availability)
  }
}
