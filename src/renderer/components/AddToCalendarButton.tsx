/**
 * "Add to calendar" on a booked session, "Remove from calendar" on one cancelled ahead of time (its
 * file is the cancellation of the same event): the host opens the .ics file with the OS's calendar app;
 * a host without one (the browser shell) answers with the file, which the page then downloads.
 * The outcome is said in a status line, so a screen reader hears where the event went.
 */
import { useId, useState } from 'react'
import type { Session } from '../../shared/protocol/entities'
import { fromCommand } from '../logic/action-result'
import { useApi } from '../store/context'
import { ActionButton, ActionError } from './ActionButton'
import { useAction } from './use-action'

/** The button and the line that says what it did. */
export function AddToCalendarButton({ session }: { readonly session: Session }) {
  const api = useApi()
  const id = useId()
  const [done, setDone] = useState<string | null>(null)
  // A cancelled session's file is its cancellation: the calendar app removes the event it added.
  const removing = session.state === 'cancelled'
  const verb = removing ? 'Remove from calendar' : 'Add to calendar'
  const add = useAction(async () => {
    setDone(null)
    const result = fromCommand(
      verb.toLowerCase(),
      await api.sessions.addToCalendar({ sessionId: session.id }),
    )
    if (!result.ok) return result
    const { fileName, content, opened } = result.value
    if (opened) {
      setDone(removing ? 'Opened the cancellation in your calendar app.' : 'Opened in your calendar app.')
    } else {
      download(fileName, content)
      setDone(
        `Downloaded ${fileName}: open it to ${removing ? 'remove the session from' : 'add the session to'} your calendar.`,
      )
    }
    return result
  })
  return (
    <div className="add-to-calendar">
      <ActionButton
        variant="quiet"
        pending={add.pending}
        pendingLabel={removing ? 'Removing from calendar…' : 'Adding to calendar…'}
        label={`${verb} “${session.request.title}”`}
        describedBy={done === null ? undefined : `${id}-done`}
        onClick={() => void add.run()}
      >
        {verb}
      </ActionButton>
      <p className="muted add-to-calendar-done" role="status" id={`${id}-done`}>
        {done}
      </p>
      <ActionError message={add.error} />
    </div>
  )
}

// The file is already in the answer: a link to it in memory, clicked once, saves it.
function download(fileName: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: 'text/calendar;charset=utf-8' }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.click()
  URL.revokeObjectURL(url)
}
