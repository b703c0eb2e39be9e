/**
 * The invite card's Decline: a press opens the reasons the platform records (each optional), and
 * choosing one, or none, declines. Plain buttons in a labelled group, so Tab and Enter reach them;
 * Escape closes the group and gives focus back to Decline.
 */
import { useEffect, useId, useRef, useState } from 'react'
import { DECLINE_REASONS } from '../../shared/protocol/decline-reasons'
import type { DeclineReason } from '../../shared/protocol/entities'
import { declineReasonLabel, inviteActionLabel } from '../../shared/labels'
import { waitingFor } from './ActionButton'
import type { PlatformRefusal } from './PlatformRefusal'

/** Props of DeclineChoice. */
export interface DeclineChoiceProps {
  /** The request's title, for the buttons' accessible names. */
  readonly title: string
  readonly pending: boolean
  /** What another command of the card on its way says ("Joining…"): Decline waits meanwhile. */
  readonly blockedBy?: string | null
  /** Why Decline refuses now, the card showing the sentence (PlatformRefusal.tsx); null when it may be pressed. */
  readonly offline?: PlatformRefusal | null
  /** Decline, with the reason the expert chose or none. */
  readonly onDecline: (reason: DeclineReason | undefined) => void
}

/** Decline, then why. */
export function DeclineChoice(props: DeclineChoiceProps) {
  const { title, pending, blockedBy = null, onDecline } = props
  const id = useId()
  const [open, setOpen] = useState(false)
  const toggle = useRef<HTMLButtonElement>(null)
  const group = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (open) group.current?.querySelector('button')?.focus()
  }, [open])
  // The reasons stay where they are while another command is on its way, and refuse presses.
  const waiting = !pending && blockedBy !== null
  // Nor can it be pressed while the platform is out of reach; reasons already open refuse too.
  const offline = pending || waiting ? null : (props.offline ?? null)
  const refusing = waiting || offline !== null
  const waitingTitle = waiting ? waitingFor(blockedBy) : undefined
  const choose = (reason: DeclineReason | undefined): void => {
    if (refusing) return
    setOpen(false)
    // Focus goes back to Decline, which says "Declining…" until the platform answers.
    toggle.current?.focus()
    onDecline(reason)
  }

  return (
    <>
      <button
        ref={toggle}
        type="button"
        className="button button-quiet"
        aria-expanded={open}
        aria-controls={open ? `${id}-reasons` : undefined}
        aria-disabled={pending || refusing || undefined}
        aria-describedby={offline?.id}
        aria-busy={pending}
        aria-label={pending ? 'Declining…' : `${inviteActionLabel('decline')} “${title}”`}
        title={waitingTitle}
        onClick={() => {
          if (!pending && !refusing) setOpen((value) => !value)
        }}
      >
        {pending && <span className="spinner" aria-hidden="true" />}
        {pending ? 'Declining…' : inviteActionLabel('decline')}
      </button>
      {open && (
        <div
          ref={group}
          id={`${id}-reasons`}
          className="decline-reasons"
          role="group"
          aria-labelledby={`${id}-why`}
          onKeyDown={(event) => {
            if (event.key !== 'Escape') return
            event.stopPropagation()
            setOpen(false)
            toggle.current?.focus()
          }}
        >
          <span id={`${id}-why`} className="decline-why muted">
            Why? (optional)
          </span>
          {DECLINE_REASONS.map((reason) => (
            <button
              key={reason}
              type="button"
              className="button button-secondary"
              aria-disabled={refusing || undefined}
              aria-describedby={offline?.id}
              title={waitingTitle}
              onClick={() => choose(reason)}
            >
              {declineReasonLabel(reason)}
            </button>
          ))}
          <button
            type="button"
            className="button button-quiet"
            aria-disabled={refusing || undefined}
            aria-describedby={offline?.id}
            title={waitingTitle}
            onClick={() => choose(undefined)}
          >
            Decline without a reason
          </button>
        </div>
      )}
    </>
  )
}
