/** A payload of the right shape for every command, for tests that break one part of it. */
import type { CommandName } from '../../src/shared/protocol'

/** A valid payload per command (its ids name nothing on the platform). */
export const validPayloads: Record<CommandName, Record<string, unknown>> = {
  'invite.accept': { inviteId: 'inv_x', proposedTime: null },
  'invite.decline': { inviteId: 'inv_x' },
  'message.send': { requestId: 'req_x', body: 'Hello' },
  'session.join': { sessionId: 'ses_x' },
  'session.startBilling': { sessionId: 'ses_x' },
  'session.end': { sessionId: 'ses_x', outcome: { kind: 'free' } },
  'session.cancel': { sessionId: 'ses_x' },
  'session.proposeTime': { sessionId: 'ses_x', proposedStart: Date.UTC(2030, 0, 1) },
  'session.setNote': { sessionId: 'ses_x', note: 'Remember the VPN' },
  'availability.set': { availability: 'away', onlineUntil: null },
  'availability.auto': { change: 'idle', idleMinutes: 10 },
}

/** One field of each command's payload other than its id, changed: what a client bug would resend. */
export const changedParts: Record<CommandName, Record<string, unknown>> = {
  'invite.accept': { proposedTime: Date.UTC(2030, 0, 1) },
  'invite.decline': { reason: 'no_time' },
  'message.send': { body: 'Hello again' },
  'session.join': { sessionId: 'ses_y' },
  'session.startBilling': { sessionId: 'ses_y' },
  'session.end': { outcome: { kind: 'discounted', percent: 50 } },
  'session.cancel': { message: 'Sorry' },
  'session.proposeTime': { proposedStart: Date.UTC(2030, 0, 2) },
  'session.setNote': { note: 'Forget the VPN' },
  'availability.set': { availability: 'busy' },
  'availability.auto': { idleMinutes: 11 },
}
