/**
 * What each renderer → main call does, in the expert's words, for the sentence they read when the
 * call never reached Standby. Channel names are for maintainers (logs); these are for the expert.
 * Imports types only, so the renderer's bundle does not carry zod to learn them.
 */
import type { InvokeChannel } from './contract'
import { fail, type IpcErrorCode, type IpcResult } from './result'

/**
 * Each call as what was not done, a sentence's start that stands on its own ("Your message was not
 * sent"). Keyed by every channel: a call added to the contract without one fails the type check.
 */
export const CALL_NOT_DONE: { readonly [C in InvokeChannel]: string } = {
  'app.getInfo': "Standby's version was not read",
  'app.getTime': "The platform's time was not read",
  'app.showWindow': 'The Standby window was not opened',
  'settings.get': 'Your settings were not loaded',
  'settings.update': 'Your setting was not saved',
  'settings.getLoginItem': 'Whether Standby opens at login was not read',
  'shell.openExternal': 'The link was not opened',
  'logs.getFolder': 'The log folder was not found',
  'logs.openFolder': 'The log folder was not opened',
  'connection.getState': 'The connection to the platform was not checked',
  'auth.signIn': 'You were not signed in',
  'auth.signOut': 'You were not signed out',
  'expert.get': 'Your profile was not loaded',
  'invites.list': 'Your invites were not loaded',
  'sessions.upcoming': 'Your upcoming sessions were not loaded',
  'sessions.remindersSent': "Your sessions' reminders were not loaded",
  'sessions.history': 'Your past sessions were not loaded',
  'sessions.historyClients': 'The clients of your past sessions were not loaded',
  'invites.pastSessionsWithClient': 'Your past sessions with this client were not loaded',
  'messages.list': 'The messages were not loaded',
  'messages.unread': 'Your unread messages were not counted',
  'messages.markRead': 'The messages were not marked as read',
  'invites.accept': 'The invite was not accepted',
  'invites.decline': 'The invite was not declined',
  'messages.send': 'Your message was not sent',
  'sessions.join': 'The session was not started',
  'sessions.openRoom': "The session's room was not opened",
  'sessions.addToCalendar': 'The session was not added to your calendar',
  'sessions.cancel': 'The session was not cancelled',
  'sessions.proposeTime': 'The new time was not proposed',
  'sessions.startBilling': 'Billing was not started',
  'sessions.end': 'The session was not ended',
  'sessions.setNote': 'Your note was not saved',
  'availability.set': 'Your availability was not changed',
  'notifications.getHealth': 'Whether notifications reach you was not checked',
  'notifications.sendTest': 'The test notification was not shown',
  'updates.get': 'The update status was not read',
  'updates.check': 'Standby did not check for updates',
  'updates.restart': 'Standby did not restart to update',
  'focus.take': 'What the notification asked to show was not shown',
  'app.reportFocus': 'Standby was not told this window has the focus',
}

/**
 * A call that never reached Standby: what was not done, then `reason` (why, and what to do). The
 * expert reads one sentence that names what they asked for, never the channel.
 */
export function notCarriedOut(channel: InvokeChannel, reason: string): IpcResult<never> {
  return callFailed(channel, 'transport_failed', reason)
}

/**
 * A call Standby refused or failed at, as the expert reads it: what was not done, then `reason`.
 * Every refusal a window can show is built here, so none puts a channel name in front of the expert.
 */
export function callFailed(channel: InvokeChannel, code: IpcErrorCode, reason: string): IpcResult<never> {
  return fail(code, `${CALL_NOT_DONE[channel]}: ${reason}`)
}

const SENTENCE_STARTS = Object.values(CALL_NOT_DONE).map((phrase) => `${phrase}: `)

/** Whether `message` already says which call was not done, so a window shows it without a prefix. */
export function saysWhatWasNotDone(message: string): boolean {
  return SENTENCE_STARTS.some((start) => message.startsWith(start))
}
