/**
 * A valid request for every call of the IPC contract, for tests that send each one (mutated, with
 * a stray key, as Standby quits).
 */
import type { InvokeChannel } from '../../src/shared/ipc/contract'
import { FIXTURE_NOW } from './fixtures'

const at = FIXTURE_NOW + 3_600_000

/** A valid request for every channel (undefined for those that take none). */
export const VALID_REQUESTS: Record<InvokeChannel, unknown> = {
  'app.getInfo': undefined,
  'app.getTime': undefined,
  'app.showWindow': undefined,
  'settings.get': undefined,
  'settings.update': {
    platformUrl: 'https://platform.example.com',
    remindersEnabled: true,
    autoAwayMinutes: 10,
    updateChannel: 'stable',
  },
  'settings.getLoginItem': undefined,
  'shell.openExternal': 'https://platform.example.com/help',
  'logs.getFolder': undefined,
  'logs.openFolder': undefined,
  'connection.getState': undefined,
  'auth.signIn': { platformUrl: 'http://127.0.0.1:4455', email: 'ada@example.com', password: 'secret-1' },
  'auth.signOut': undefined,
  'expert.get': undefined,
  'invites.list': undefined,
  'sessions.upcoming': undefined,
  'sessions.remindersSent': undefined,
  'sessions.history': {
    limit: 50,
    after: { start: at, id: 'ses_1' },
    filter: { kind: 'scheduled', outcome: 'charged', clientId: 'cli_1', query: 'react' },
  },
  'sessions.historyClients': undefined,
  'invites.pastSessionsWithClient': { inviteId: 'inv_1' },
  'messages.list': { requestId: 'req_1' },
  'messages.unread': undefined,
  'messages.markRead': { requestId: 'req_1' },
  'invites.accept': { inviteId: 'inv_1', proposedTime: at },
  'invites.decline': { inviteId: 'inv_1', reason: 'no_time' },
  'messages.send': { requestId: 'req_1', body: 'Hello, I can help with that.' },
  'sessions.join': { sessionId: 'ses_1' },
  'sessions.openRoom': { sessionId: 'ses_1' },
  'sessions.addToCalendar': { sessionId: 'ses_1' },
  'sessions.cancel': { sessionId: 'ses_1', message: 'Sorry, something came up.' },
  'sessions.proposeTime': { sessionId: 'ses_1', proposedStart: at },
  'sessions.startBilling': { sessionId: 'ses_1' },
  'sessions.end': {
    sessionId: 'ses_1',
    outcome: { kind: 'discounted', percent: 20 },
    closingNote: 'Thanks!',
  },
  'sessions.setNote': { sessionId: 'ses_1', note: 'Prefers short answers.' },
  'availability.set': { availability: 'online', onlineUntil: at },
  'notifications.getHealth': undefined,
  'notifications.sendTest': undefined,
  'updates.get': undefined,
  'updates.check': undefined,
  'updates.restart': undefined,
  'focus.take': { surface: 'window' },
  'app.reportFocus': { surface: 'popover', focused: true },
}
