/** The count of a thread's unread client messages on a list row; nothing when every one is read. */
import { unreadMessagesLabel } from '../../shared/labels'
import { useUnreadCount } from '../store/unread-store'

/** "2 unread messages" beside an invite or session, for eyes and screen readers alike. */
export function UnreadBadge({ requestId }: { readonly requestId: string }) {
  const count = useUnreadCount(requestId)
  if (count === 0) return null
  return <span className="badge badge-unread">{unreadMessagesLabel(count)}</span>
}
