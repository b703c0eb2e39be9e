/**
 * The words of a client's message notification: who wrote and the first line of what they wrote.
 * Several messages of one thread held back while the client wrote quickly are told as one.
 */
import type { Message } from '../../../shared/protocol'
import { nameInSentence } from '../../../shared/sentence-parts'
import { REQUEST_UNKNOWN, type AppNotification, type MessagePlace } from '../ports/notifier'
import { firstLine } from '../sync/invite-notification'

/**
 * What a thread's notification tells of the messages not yet told: how many, and the latest. Only
 * these are kept while messages wait out a quiet spell, so a client writing without pause holds
 * one message in memory, not every one they wrote.
 */
export interface ThreadNews {
  readonly count: number
  readonly latest: Message
}

/** `earlier` followed by `later` (`earlier` absent: `later` alone). */
export function addNews(earlier: ThreadNews | undefined, later: ThreadNews): ThreadNews {
  return earlier === undefined ? later : { count: earlier.count + later.count, latest: later.latest }
}

/** The notification for a thread's `news` from `clientName`. */
export function messageNotification(
  news: ThreadNews,
  clientName: string,
  opens: MessagePlace,
): AppNotification {
  const name = nameInSentence(clientName)
  return {
    kind: 'message',
    requestId: news.latest.requestId,
    opens,
    title: news.count === 1 ? `Message from ${name}` : `${news.count} messages from ${name}`,
    body: firstLine(news.latest.body),
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
    shown.opens.inviteId === closed.inviteId &&
    // The notification of an invite for a request its id no longer has leaves; the other's thread stays.
    (closed.requestId === REQUEST_UNKNOWN || shown.requestId === closed.requestId)
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

/** Which client messages of a batch are worth a notification, as news by thread in arrival order. */
export function clientMessagesByThread(messages: ReadonlyArray<Message>): ReadonlyMap<string, ThreadNews> {
  const threads = new Map<string, ThreadNews>()
  for (const message of messages) {
    if (message.from !== 'client') continue
    threads.set(message.requestId, addNews(threads.get(message.requestId), { count: 1, latest: message }))
  }
  return threads
}
