/**
 * Notices of one kind do not pile up: a notice told again (a failure each press of a
 * notification's button meets, a file that cannot be written told at each try) takes the place of
 * the one of its kind still shown, as a notice about a condition does. Its title is its kind: the
 * body says the particulars, and the newest is the one to read. A notice about one invite or
 * session (a press's follow-up, a chargeback, a room that did not open) carries an id naming it,
 * so another one's notice of the same title stands beside it instead of taking it away.
 */
import type { AppNotification, Notifier } from './ports/notifier'

/** Where a notice's kind starts in its id, apart from the ids the app gives notices itself. */
const KIND_ID_PREFIX = 'kind:'

/** `notifier`, with each notice that names no condition of its own given its title as one. */
export function oneNoticeOfAKind(notifier: Notifier): Notifier {
  const kinded: Notifier = { show: (notification) => notifier.show(withKind(notification)) }
  if (notifier.health !== undefined) kinded.health = () => notifier.health!()
  if (notifier.onHealthChange !== undefined)
    kinded.onHealthChange = (listener) => notifier.onHealthChange!(listener)
  return kinded
}

function withKind(notification: AppNotification): AppNotification {
  if (notification.kind !== 'notice' || notification.noticeId !== undefined) return notification
  return { ...notification, noticeId: `${KIND_ID_PREFIX}${notification.title}` }
}
