/**
 * A booked or live session's thread with its client, behind a Messages button that names the
 * unread count; read-only once the session ended or was cancelled.
 */
import { useCallback, useId, useState } from 'react'
import type { Session } from '../../shared/protocol/entities'
import { threadClosedBecause } from '../../shared/rules/thread-open'
import { MessageThread } from './MessageThread'
import { UnreadBadge } from './UnreadBadge'
import { useThreadFocus } from './use-thread-focus'
import { DisclosureButton } from './DisclosureButton'

/** The Messages button, the unread count, and the thread once opened. */
export function SessionMessages({ session }: { readonly session: Session }) {
  const id = useId()
  const [open, setOpen] = useState(false)
  const openThread = useCallback(() => setOpen(true), [])
  useThreadFocus({ sessionId: session.id }, openThread)
  return (
    <div className="session-messages">
      <div className="session-messages-bar">
        <DisclosureButton
          className="button button-quiet"
          open={open}
          controls={`${id}-thread`}
          onToggle={() => setOpen((value) => !value)}
          openLabel="Hide messages"
          closedLabel={`Messages with ${session.client.name}`}
        />
        <UnreadBadge requestId={session.request.id} />
      </div>
      {open && (
        <div id={`${id}-thread`}>
          <MessageThread
            requestId={session.request.id}
            clientName={session.client.name}
            closedBecause={threadClosedBecause({ kind: 'session', state: session.state })}
            emptyText="No messages yet. Anything to settle before or during the session goes here."
          />
        </div>
      )}
    </div>
  )
}
