/** A button that says when its action is running, and stays put while it does. */
import { useState, type ReactElement, type ReactNode } from 'react'
import { describedBy, type PlatformRefusal } from './PlatformRefusal'

/** Props of ActionButton. */
export interface ActionButtonProps {
  /** Omitted for a form's submit button, whose form runs the action. */
  readonly onClick?: () => void
  readonly type?: 'button' | 'submit'
  readonly pending: boolean
  /** What the button says while the action runs, e.g. "Joining…". */
  readonly pendingLabel: string
  readonly children: ReactNode
  readonly variant?: 'primary' | 'secondary' | 'quiet' | 'danger'
  readonly disabled?: boolean
  /** The accessible name when the visible label is not enough. */
  readonly label?: string
  /** Id of an element that explains the button (e.g. why it is disabled). */
  readonly describedBy?: string
  readonly className?: string
  /**
   * What another command of the same card on its way says ("Joining…"): this one refuses presses
   * meanwhile, focusable still, and says which one it waits for.
   */
  readonly blockedBy?: string | null
  /**
   * For a button that needs the platform: why it cannot be reached now (usePlatformRefusal), null
   * when it can. The button refuses presses meanwhile, focusable still, described by the sentence
   * its group shows (PlatformRefusalNote). A press already on its way stays so: the core sends it
   * again on the next connection, and its outcome shows as ever.
   */
  readonly offline?: PlatformRefusal | null
}

/**
 * A button with a progress state. While its action runs it refuses clicks but stays focusable
 * (aria-disabled, not disabled), even when its form disables its siblings for the wait: a
 * disabled button drops keyboard focus to the page. So does one disabled while it has the focus
 * (its proposed time passed, the client left the room): it refuses clicks the same way until the
 * focus leaves it, and only then is disabled.
 */
export function ActionButton(props: ActionButtonProps) {
  const [focused, setFocused] = useState(false)
  return actionButton(props, { focused, onFocusChange: setFocused })
}

/** Whether an ActionButton has the focus, and word when that changes. */
export interface ButtonFocus {
  readonly focused: boolean
  readonly onFocusChange: (focused: boolean) => void
}

/** The button ActionButton draws, given where the focus is: pure, so a test can press it. */
export function actionButton(
  props: ActionButtonProps,
  { focused, onFocusChange }: ButtonFocus,
): ReactElement {
  const { pending, variant = 'secondary' } = props
  const blockedBy = pending ? null : (props.blockedBy ?? null)
  // A button that cannot be pressed anyway keeps its own reason.
  const offline = pending || blockedBy !== null || props.disabled === true ? null : (props.offline ?? null)
  const disabled = props.disabled === true && !pending && blockedBy === null
  const refusing = pending || blockedBy !== null || offline !== null || (disabled && focused)
  return (
    <button
      type={props.type ?? 'button'}
      className={`button button-${variant}${props.className ? ` ${props.className}` : ''}`}
      onClick={
        refusing
          ? (event) => {
              if (props.type === 'submit') event.preventDefault()
            }
          : props.onClick
      }
      onFocus={() => onFocusChange(true)}
      // The window losing the focus blurs the button too, but leaves it the page's active element,
      // where the focus comes back to: it stays focusable for that.
      onBlur={(event) => onFocusChange(document.activeElement === event.currentTarget)}
      disabled={disabled && !refusing}
      aria-disabled={refusing || undefined}
      aria-busy={pending}
      aria-label={pending ? props.pendingLabel : props.label}
      aria-describedby={describedBy(props.describedBy, offline?.id)}
      title={blockedBy === null ? undefined : waitingFor(blockedBy)}
    >
      {pending && <span className="spinner" aria-hidden="true" />}
      {pending ? props.pendingLabel : props.children}
    </button>
  )
}

/** What a card's command says while another of the card's is on its way. */
export function waitingFor(onItsWay: string): string {
  return `Waiting: ${onItsWay.replace(/…$/, '')} is on its way`
}

/** The sentence under a control when its action failed; announced at once. */
export function ActionError({ message, id }: { readonly message: string | null; readonly id?: string }) {
  if (message === null) return null
  return (
    <p className="action-error" role="alert" id={id}>
      {message}
    </p>
  )
}
