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
