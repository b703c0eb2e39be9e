/**
 * A booked session's change ahead of time (cancel it, propose another time): a button that opens
 * a small form with what the change means, Confirm and Keep. Focus moves into the form when it
 * opens and back to the button when it closes; Escape keeps the session as it is.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react'
import type { NoticeText } from '../logic/isolate'
import { ActionButton, ActionError } from './ActionButton'
import { PlatformRefusalNote, usePlatformRefusal } from './PlatformRefusal'
import { TheirWords } from './TheirWords'
import { useReturnFocus } from './use-return-focus'
import type { CardAction } from './use-action'

/** Props of ChangePanel. */
export interface ChangePanelProps {
  /** The opening button's text, and its accessible name (which starts with the text). */
  readonly openLabel: string
  readonly openName: string
  /** The form's heading; a client's words in it are shown isolated. */
  readonly legend: NoticeText
  /** The form's fields; the first focusable one gets focus when the form opens. */
  readonly children: ReactNode
  /** What confirming means now (a fee, a check that failed); announced as it changes. */
  readonly status: NoticeText
  readonly statusInvalid?: boolean
  readonly confirmLabel: string
  /** Danger for a cancel; the primary look for a change the client still has to accept. */
  readonly confirmVariant: 'danger' | 'primary'
  readonly pendingLabel: string
  readonly keepLabel: string
  readonly canConfirm: boolean
  readonly action: CardAction<[], unknown>
}

/** The button, and the form it opens. */
export function ChangePanel(props: ChangePanelProps) {
  const id = useId()
  const [open, setOpen] = useState(false)
  const toggle = useRef<HTMLButtonElement>(null)
  const form = useRef<HTMLFormElement>(null)
  const { action } = props
  const offline = usePlatformRefusal()
  useEffect(() => {
    if (open) form.current?.querySelector<HTMLElement>('textarea, input, button')?.focus()
  }, [open])
  const willClose = useReturnFocus(open, toggle)
  const close = (): void => {
    willClose()
    setOpen(false)
    action.clearError()
  }
  const onSubmit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    if (!props.canConfirm || offline !== null) return
    const result = await action.run()
    // Back to the button, as Keep does: the session stays (a proposal waits for the client's answer).
    // A cancelled one leaves the list, and its section's heading takes the focus instead.
    if (result?.ok === true) close()
  }
  if (!open)
    return (
      <button
        ref={toggle}
        type="button"
        className="button button-quiet"
        aria-label={props.openName}
        onClick={() => setOpen(true)}
      >
        {props.openLabel}
      </button>
    )
  return (
    <form
      ref={form}
      className="change-panel"
      aria-labelledby={`${id}-legend`}
      onSubmit={(event) => void onSubmit(event)}
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || action.pending) return
        event.stopPropagation()
        close()
      }}
    >
      <p id={`${id}-legend`} className="change-legend">
        <TheirWords text={props.legend} />
      </p>
      {props.children}
      <p
        className={props.statusInvalid === true ? 'change-status end-invalid' : 'change-status'}
        role="status"
        id={`${id}-status`}
      >
        <TheirWords text={props.status} />
      </p>
      <div className="actions">
        <ActionButton
          type="submit"
          variant={props.confirmVariant}
          pending={action.pending}
          blockedBy={action.blockedBy}
          pendingLabel={props.pendingLabel}
          offline={offline}
          disabled={!props.canConfirm}
          describedBy={`${id}-status`}
        >
          {props.confirmLabel}
        </ActionButton>
        <button type="button" className="button button-quiet" onClick={close} disabled={action.pending}>
          {props.keepLabel}
        </button>
      </div>
      {props.canConfirm && <PlatformRefusalNote refusal={offline} />}
      <ActionError message={action.error} />
    </form>
  )
}
