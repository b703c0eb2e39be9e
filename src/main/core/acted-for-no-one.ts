/**
 * What the expert is told of a press on a notification that acts for no one: no one is signed in,
 * it is another expert's (left on screen past what the OS lets the app take down), or the offline
 * cache cannot say whose it is. It names nothing the notification was about (its client, its
 * title), since whoever is at the computer now may not be the expert it was shown to.
 */
import type { NotificationAction } from './ports/notifier'

/** Why a press acts for no one: nobody signed in, another expert's, or the cache unreadable. */
export type NoOne = 'nobody' | 'another' | 'unread'

/** The notice that says a press acted for no one; each such press takes the last one's place. */
export const ACTED_FOR_NO_ONE = 'acted-for-no-one'

/** The title of what a press that did nothing is told as, by its button. */
const PRESS_TITLES: Partial<Record<NotificationAction, string>> = {
  primary: 'Could not join',
  decline: 'Could not decline',
  start: 'Could not start',
  snooze: 'Could not snooze',
}

/** The title of what a button (not a body click) that did nothing is told as; undefined for a click. */
export function pressTitle(action: NotificationAction): string | undefined {
  return PRESS_TITLES[action]
}

/** Why, for the log. */
export const NO_ONE_LOGGED: Readonly<Record<NoOne, string>> = {
  nobody: 'no one is signed in',
  another: 'not in the signed-in expert’s list',
  unread: 'the offline cache could not be read',
}

/** Why a press did nothing, naming nothing the notification was about. */
const NO_ONE_TOLD: Readonly<Record<NoOne, string>> = {
  nobody: 'That notification is from a sign-in that has ended and no one is signed in now',
  another: 'That notification is not for the account signed in now (it is from an earlier sign-in)',
  unread: 'Standby could not read its offline cache to check that notification is yours',
}

/** What the expert can do instead. */
const NO_ONE_NEXT: Readonly<Record<NoOne, string>> = {
  nobody: 'Sign in, then act on it from the app.',
  another: 'Act on what is yours from the app.',
  unread: 'Act on it from the app instead.',
}

/** The title and sentence for `action` pressed on a notification that acts for no one (`whose`). */
export function actedForNoOne(
  action: NotificationAction,
  whose: NoOne,
): { readonly title: string; readonly body: string } {
  const done = action === 'snooze' ? 'it was not snoozed' : 'nothing was sent'
  return {
    title: pressTitle(action) ?? 'Could not do it',
    body: `${NO_ONE_TOLD[whose]}, so ${done}. ${NO_ONE_NEXT[whose]}`,
  }
}
