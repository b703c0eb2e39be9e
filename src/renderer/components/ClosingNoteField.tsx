/**
 * The optional closing note on ending a session: a last word to the client, sent as the thread's
 * last message and kept with the session in History. Bounded like any message.
 */

/** Props of ClosingNoteField. */
export interface ClosingNoteFieldProps {
  readonly id: string
  readonly clientName: string
  readonly value: string
  readonly disabled: boolean
  readonly onChange: (value: string) => void
}

/** The labelled box for the closing note. */
export function ClosingNoteField({ id, clientName, value, disabled, onChange }: ClosingNoteFieldProps) {
  return (
    <div className="end-note">
      <label htmlFor={id}>
        Closing note to <bdi>{clientName}</bdi> (optional)
      </label>
      <textarea
        id={id}
        rows={2}
        maxLength={5_000}
        placeholder="Thanks, and what to try next…"
        value={value}
        disabled={disabled}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  )
}
