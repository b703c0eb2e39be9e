/**
 * The contract's channel names as plain lists, for code that builds `window.standby`. They live
 * apart from contract.ts so the renderer's bundle does not carry zod and every schema just to
 * learn the names; the type checks below fail the build if a list and the contract disagree.
 */
import type { InvokeChannel, PushEvent } from './contract'

/** Every renderer → main call, in the contract's order. */
export const INVOKE_CHANNELS = [
  'app.getInfo',
  'app.getTime',
  'app.showWindow',
  'settings.get',
  'settings.update',
  'settings.getLoginItem',
  'shell.openExternal',
  'logs.getFolder',
  'logs.openFolder',
  'connection.getState',
  'auth.signIn',
  'auth.signOut',
  'expert.get',
  'invites.list',
  'sessions.upcoming',
  'sessions.remindersSent',
  'sessions.history',
  'sessions.historyClients',
  'invites.pastSessionsWithClient',
  'messages.list',
  'messages.unread',
  'messages.markRead',
  'invites.accept',
  'invites.decline',
  'messages.send',
  'sessions.join',
  'sessions.openRoom',
  'sessions.addToCalendar',
  'sessions.cancel',
  'sessions.proposeTime',
  'sessions.startBilling',
  'sessions.end',
  'sessions.setNote',
  'availability.set',
  'notifications.getHealth',
  'notifications.sendTest',
  'updates.get',
  'updates.check',
  'updates.restart',
  'focus.take',
  'app.reportFocus',
] as const satisfies ReadonlyArray<InvokeChannel>

/** Every main → renderer event. */
export const PUSH_EVENTS = [
  'connection.stateChanged',
  'cache.changed',
  'settings.changed',
  'settings.loginItemChanged',
  'clock.changed',
  'focus.requested',
  'notices.shown',
  'notifications.healthChanged',
  'messages.unreadChanged',
  'sessions.remindersSentChanged',
  'updates.changed',
] as const satisfies ReadonlyArray<PushEvent>

// A channel added to the contract but not listed here is a compile error, not a missing method.
type Unlisted<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : Exclude<All, Listed>
const invokeListComplete: Unlisted<InvokeChannel, (typeof INVOKE_CHANNELS)[number]> = true
const pushListComplete: Unlisted<PushEvent, (typeof PUSH_EVENTS)[number]> = true
void invokeListComplete
void pushListComplete
