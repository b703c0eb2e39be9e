/**
 * The expert's private note on a session (Upcoming, Live and History): the note, and an editor
 * that saves it to the platform. Never shown to the client. A save that fails says why in a
 * sentence and keeps the text typed, also across the editor closing (store/note-drafts.ts).
 */
import { useId, useRef, useState, type FormEvent } from 'react'
import { PRIVATE_NOTE_MAX } from '../../shared/rules/private-note-limit'
import type { Session } from '../../shared/protocol/entities'
import { isBlankText } from '../../shared/text-normalise'
import { fromCommand } from '../logic/action-result'
import { useApi, useServices } from '../store/context'
import { ActionButton, ActionError } from './ActionButton'
import { PlatformRefusalNote, usePlatformRefusal } from './PlatformRefusal'
import { useAction } from './use-action'
import { useReturnFocus } from './use-return-focus'

/** Props of PrivateNote. */
export interface PrivateNoteProps {
  readonly session: Session
  /** Open the editor at once, its text field focused (History's note panel). */
  readonly startOpen?: boolean
  /** Called when the editor closes (saved or cancelled); without it the note folds back to its button. */
  readonly onClose?: () => void
}

/** A session's private note and its editor. */
export function PrivateNote({ session, startOpen = false, onClose }: PrivateNoteProps) {
  const api = useApi()
  const { noteDrafts } = useServices()
  const id = useId()
  const opener = useRef<HTMLButtonElement>(null)
  const [open, setOpen] = useState(startOpen || noteDrafts.get(session.id) !== undefined)
  const [text, setText] = useState(() => noteDrafts.get(session.id) ?? session.privateNote)
  const [saved, setSaved] = useState<string | null>(null)
  const save = useAction(async (note: string) => {
    const result = fromCommand('save the note', await api.sessions.setNote({ sessionId: session.id, note }))
    if (!result.ok)
      return { ok: false as const, message: `${result.message} Your text stays here until it is saved.` }
    // Text typed while the save was on its way is not saved yet: its draft stays.
    if ((noteDrafts.get(session.id) ?? note) === note) noteDrafts.drop(session.id)
    return result
  })

  // Focus goes back to the button that opened the editor, not to the page.
  const willClose = useReturnFocus(open, opener)
  const close = (): void => {
    if (onClose !== undefined) onClose()
    else {
      willClose()
      setOpen(false)
    }
  }

  const offline = usePlatformRefusal()
  const onSubmit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    if (offline !== null) return
    setSaved(null)
    const result = await save.run(text)
    if (result?.ok !== true) return
    if (noteDrafts.get(session.id) !== undefined) {
      // The editor stays open on what was typed meanwhile, with Save still to press.
      setSaved('Saved what the note held when you pressed Save; save again to keep what you typed since.')
      return
    }
    setSaved(isBlankText(text) ? 'Note cleared.' : 'Note saved.')
    close()
  }

  if (!open) {
    const note = session.privateNote
    return (
      <div className="private-note">
        {note !== '' && (
          <p className="private-note-text" id={`${id}-note`}>
            <span className="muted">Private note: </span>
            {note}
          </p>
        )}
        <button
          ref={opener}
          type="button"
          className="link-button"
          aria-label={`${note === '' ? 'Add private note' : 'Edit note'} on “${session.request.title}”`}
          onClick={() => {
            setText(noteDrafts.get(session.id) ?? note)
            setSaved(null)
            setOpen(true)
          }}
        >
          {note === '' ? 'Add private note' : 'Edit note'}
        </button>
        <p className="muted private-note-status" role="status">
          {saved}
        </p>
      </div>
    )
  }

  return (
    <form className="private-note private-note-editor" onSubmit={(event) => void onSubmit(event)}>
      <label htmlFor={`${id}-text`}>
        Private note on “<bdi>{session.request.title}</bdi>”
      </label>
      <p className="muted" id={`${id}-hint`}>
        Only you see it, on every device; the client never does. Leave it empty to remove it.
      </p>
      <textarea
        id={`${id}-text`}
        // Opened on request, so the field the expert asked for takes the focus.
        autoFocus
        rows={3}
        maxLength={PRIVATE_NOTE_MAX}
        value={text}
        aria-describedby={`${id}-hint`}
        onChange={(event) => {
          setText(event.target.value)
          noteDrafts.set(session.id, event.target.value)
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && !save.pending) close()
        }}
      />
      <div className="private-note-actions">
        <ActionButton
          type="submit"
          variant="primary"
          pending={save.pending}
          pendingLabel="Saving note…"
          offline={offline}
        >
          Save note
        </ActionButton>
        <button
          type="button"
          className="button button-quiet"
          // As Escape: a save on its way cannot be taken back, and closing would hide how it ends.
          disabled={save.pending}
          onClick={() => {
            noteDrafts.drop(session.id)
            close()
          }}
        >
          Discard changes
        </button>
      </div>
      <PlatformRefusalNote refusal={offline} />
      <p className="muted private-note-status" role="status">
        {saved}
      </p>
      <ActionError message={save.error} />
    </form>
  )
}
