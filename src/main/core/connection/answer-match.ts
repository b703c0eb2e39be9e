/**
 * Whether a command's result is about what the command named. socket.io matches an answer to its
 * question by number alone, so a platform that mixes answers up (a store of answers keyed wrong, a
 * proxy in between) could answer "join session A" with session B, or with another expert's
 * session, and Standby would open that session's room as if the expert had joined it. Such an
 * answer is taken for one Standby cannot read: whether the command was done stays open, and
 * sending it again goes under the same key. An accept names only its invite, so its answer is
 * checked against the request the cache holds that invite for.
 */
import type { CommandName, CommandPayload, CommandResult } from '../../../shared/protocol'

/**
 * What in `result` belongs to something other than `name` with `payload` named, for the log; null
 * when it matches. `expertId` is the signed-in expert's, when the link knows it; `requestOfInvite`
 * the request an invite is for, null when not known.
 */
export function answerMismatch<N extends CommandName>(
  name: N,
  payload: CommandPayload<N>,
  result: CommandResult<N>,
  expertId: string | undefined,
  requestOfInvite: (inviteId: string) => string | null = () => null,
): string | null {
  const asked = payload as {
    readonly sessionId?: string
    readonly inviteId?: string
    readonly requestId?: string
  }
  const answered = result as {
    readonly session?: {
      readonly id: string
      readonly expertId: string
      readonly request: { readonly id: string }
    }
    readonly inviteId?: string
    readonly message?: { readonly requestId: string; readonly expertId: string }
  }
  const owner = answered.session?.expertId ?? answered.message?.expertId
  if (expertId !== undefined && owner !== undefined && owner !== expertId) {
    return `another expert's ${answered.session === undefined ? 'message' : 'session'}`
  }
  if (
    asked.sessionId !== undefined &&
    answered.session !== undefined &&
    answered.session.id !== asked.sessionId
  ) {
    return `session ${answered.session.id} where it named ${asked.sessionId}`
  }
  const invitedFor = name === 'invite.accept' ? requestOfInvite(String(asked.inviteId)) : null
  if (invitedFor !== null && answered.session !== undefined && answered.session.request.id !== invitedFor) {
    return `a session for request ${answered.session.request.id} where invite ${String(asked.inviteId)} is for ${invitedFor}`
  }
  if (name === 'invite.decline' && answered.inviteId !== asked.inviteId) {
    return `invite ${String(answered.inviteId)} where it named ${String(asked.inviteId)}`
  }
  if (
    asked.requestId !== undefined &&
    answered.message !== undefined &&
    answered.message.requestId !== asked.requestId
  ) {
    return `a message about request ${answered.message.requestId} where it named ${asked.requestId}`
  }
  return null
}
