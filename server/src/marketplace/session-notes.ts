/**
 * The expert's private note on a session. Any state will do (booked, live, ended, cancelled): a
 * note is the expert's own memory of the session, not part of its life. The note reaches only the
 * expert's own stream (session.updated goes to the session's expert); the room page leaves it out.
 */
import type { CommandPayload, CommandResult } from '../../../src/shared/protocol'
import { PlatformError } from '../platform-error'
import type { MarketplaceContext } from './context'

/** Replace the note on one of the expert's sessions; an empty note clears it. */
export function setSessionNote(
  ctx: MarketplaceContext,
  expertId: string,
  { sessionId, note }: CommandPayload<'session.setNote'>,
): CommandResult<'session.setNote'> {
  return ctx.events.transact(() => {
    const row = ctx.store.sessionRow(sessionId)
    // Someone else's session is reported as missing, as every session command does.
    if (row === undefined || row.expert_id !== expertId)
      throw new PlatformError('not_found', `You have no session ${sessionId}.`)
    // The same note again changes nothing, so no event tells every device about it.
    if (row.private_note === note) return { session: ctx.store.sessionFromRow(row) }
    ctx
      .sql('UPDATE sessions SET private_note = ?, updated_at = ? WHERE id = ?')
      .run(note, ctx.clock.now(), row.id)
    const session = ctx.store.session(row.id)
    ctx.events.append(expertId, 'session.updated', { session })
    return { session }
  })
}
