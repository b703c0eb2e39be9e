/**
 * A booked or live session's thread with its client, behind a Messages button that names the
 * unread count; read-only once the session ended or was cancelled. Whether it is open and the
 * reply not yet sent are kept in the page's services (store/thread-drafts.ts): a card scrolled out
 * of Upcoming's window unmounts, and drawn again it shows the thread as the expert left it.
 */
import { useCallback, useId, useMemo, useState } from 'react'
import type { Session } from '../../shared/protocol/entities'
import { threadClosedBecause } from '../../shared/rules/thread-open'
import { useServices } from '../store/context'
import { MessageThread, type DraftKeep } from './MessageThread'
import { UnreadBadge } from './UnreadBadge'
import { useThreadFocus } from './use-thread-focus'
import { DisclosureButton } from './DisclosureButton'

/** The Messages button, the unread count, and the thread once opened. */
export function SessionMessages({ session }: { readonly session: Session }) {
  const id = useId()
  const { threadDrafts } = useServices()
  const requestId = session.request.id
  const [open, setOpen] = useState(() => threadDrafts.get(requestId)?.open === true)
  const show = useCallback(
    (next: boolean) => {
      setOpen(next)
      threadDrafts.setOpen(requestId, next)
    },
    [threadDrafts, requestId],
  )
  const openThread = useCallback(() => show(true), [show])
  useThreadFocus({ sessionId: session.id }, openThread)
  const keep = useMemo<DraftKeep>(
    () => ({
      get: () => threadDrafts.get(requestId)?.text ?? '',
      set: (text) => threadDrafts.setText(requestId, text),
    }),
    [threadDrafts, requestId],
  )
  return (
    <div className="session-messages">
      <div className="session-messages-bar">
        <DisclosureButton
          className="button button-quiet"
          open={open}
          controls={`${id}-thread`}
          onToggle={() => show(!open)}
          openLabel="Hide messages"
          closedLabel={`Messages with ${session.client.name}`}
        />
        <UnreadBadge requestId={requestId} />
      </div>
      {open && (
        <div id={`${id}-thread`}>
          <MessageThread
            requestId={requestId}
            clientName={session.client.name}
            closedBecause={threadClosedBecause({ kind: 'session', state: session.state })}
            emptyText="No messages yet. Anything to settle before or during the session goes here."
            keep={keep}
          />
        </div>
      )}
    </div>
  )
}
