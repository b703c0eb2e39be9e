/**
 * A press on a client's message notification asks for an invite or a session with its thread:
 * the card's thread opens. Runs before the card's own focus hook (a child's effects run first),
 * which then brings the card into view and marks the request done.
 */
import { useEffect } from 'react'
import { useNotifications } from '../store/context'

/** Call `open` when a notification asked for the thread of this invite or session. */
export function useThreadFocus(
  item: { readonly inviteId: string } | { readonly sessionId: string },
  open: () => void,
): void {
  const { focus } = useNotifications()
  const id = 'inviteId' in item ? item.inviteId : item.sessionId
  useEffect(() => {
    const target = focus?.target
    if (target === undefined || target.thread !== true) return
    const asked = target.kind === 'invite' ? target.inviteId : target.sessionId
    if (asked === id) open()
  }, [focus, id, open])
}
