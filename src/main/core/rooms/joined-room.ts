/** The room of a session a command just put the expert in, opened whoever asked for the join. */
import type { CommandName, CommandResult, Session } from '../../../shared/protocol'
import type { Logger } from '../ports/logger'
import type { Notifier } from '../ports/notifier'
import type { RoomOpener } from './room-opener'

/** The live session a successful command put the expert in, or null. */
export function joinedSession(name: CommandName, result: unknown): Session | null {
  if (name !== 'invite.accept' && name !== 'session.join') return null
  const { session } = result as CommandResult<'session.join'>
  return session.state === 'live' ? session : null
}

/**
 * Open the room of the session just joined. A room that should have opened and did not (another
 * site's, or no browser) is told in a notice, since nobody is looking at a button to see why;
 * a platform that names no room is only logged.
 */
export async function openJoinedRoom(
  deps: { readonly rooms: RoomOpener; readonly notifier: Notifier; readonly log: Logger },
  session: Session,
): Promise<void> {
  try {
    const opening = await deps.rooms.open(session)
    if (opening.ok || opening.error.code === 'not_found') return
    deps.notifier.show({
      kind: 'notice',
      title: 'The session’s room did not open',
      // Its own: another session's room failing too does not take this one's notice away.
      noticeId: `room-not-opened:${session.id}`,
      body: `${opening.error.message} Open room on the Live session card tries again.`,
    })
  } catch (error) {
    deps.log.error('Opening the room failed', error)
  }
}
