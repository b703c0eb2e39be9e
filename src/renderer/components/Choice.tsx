/** One radio option of a form: a bold name, an optional muted hint, and any input that refines it. */
import type { ReactNode } from 'react'

/** Props of Choice. */
export interface ChoiceProps {
  /** The radio group this option belongs to. */
  readonly name: string
  readonly value?: string
  readonly checked: boolean
  readonly onChoose: () => void
  /** What the option is, in bold: the radio's accessible name starts with it. */
  readonly title: string
  /** A few muted words after the title. */
  readonly hint?: string
  /** Greys the option out as well as disabling its radio. */
  readonly disabled?: boolean
  readonly autoFocus?: boolean
  /** Inputs that refine this option (a time, a percent), inside its label. */
  readonly children?: ReactNode
}

/** The choice. */
export function Choice({
  name,
  value,
  checked,
  onChoose,
  title,
  hint,
  disabled,
  autoFocus,
  children,
}: ChoiceProps) {
  return (
    <label className={`choice${disabled === true ? ' choice-disabled' : ''}`}>
      <input
        type="radio"
        name={name}
        value={value}
        autoFocus={autoFocus}
        checked={checked}
        disabled={disabled}
        onChange={onChoose}
      />
      <span>
        <strong>{title}</strong>
        {hint !== undefined && (
          <>
            {' '}
            <span className="muted">{hint}</span>
          </>
        )}
      </span>
      {children}
    </label>
  )
}
