/**
 * The words of a client's message notification: who wrote and the first line of what they wrote.
 * Several messages of one thread held back while the client wrote quickly are told as one.
 */
import type { Message } from '../../../shared/protocol'
import { nameInSentence } from '../../../shared/sentence-parts'
import type { AppNotification, MessagePlace } from '../ports/notifier'
import { firstLine } from '../sync/invite-notification'

/** The notification for `messages` (one thread, oldest first, at least one) from `clientName`. */
export function messageNotification(
  messages: ReadonlyArray<Message>,
  clientName: string,
  opens: MessagePlace,
): AppNotification {
  const latest = messages[messages.length - 1]
  const name = nameInSentence(clientName)
  return {
    kind: 'message',
    requestId: latest?.requestId ?? '',
    opens,
    title: messages.length === 1 ? `Message from ${name}` : `${messages.length} messages from ${name}`,
    body: latest === undefined ? '' : firstLine(latest.body),
  }
}

/** The word that an invite closed, as the notifiers hear it. */
type InviteClosed = Extract<AppNotification, { kind: 'invite_closed' }>

/**
 * Whether an invite's closing takes `shown` off the screen with it: a client's message about the
 * invite, unless the expert accepted it. Any other closing closes the thread too (rules/thread-open.ts):
 * nobody is there to answer any more, and a press would open an invite that is gone. An accepted
 * invite's thread goes on in its session, so that message still waits for a reply.
 */
export function closesWithInvite(closed: InviteClosed, shown: AppNotification): boolean {
  return (
    closed.reason !== 'accepted' &&
    shown.kind === 'message' &&
    shown.opens.kind === 'invite' &&
    shown.opens.inviteId === closed.inviteId
  )
}

/** The one notification for new messages in more threads than are told one by one. */
export function manyThreadsNotification(threads: number): AppNotification {
  return {
    kind: 'notice',
    title: `New messages from ${threads} clients`,
    body: 'Open Standby to read them: each invite and session shows its unread messages.',
  }
}

/** Which client messages of a batch are worth a notification, grouped by thread in arrival order. */
export function clientMessagesByThread(
  messages: ReadonlyArray<Message>,
): ReadonlyMap<string, ReadonlyArray<Message>> {
  const threads = new Map<string, Message[]>()
  for (const message of messages) {
    if (message.from !== 'client') continue
    const thread = threads.get(message.requestId)
    if (thread === undefined) threads.set(message.requestId, [message])
    else thread.push(message)
  }
  return threads
}
