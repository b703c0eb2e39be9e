/**
 * The edge check of a session's room: its address must be on the platform the app signed in to.
 * The protocol's schema checks its shape, but only the app knows which origin is the platform's.
 * A room elsewhere is dropped (the session reads as having no room, and says so in a log line)
 * rather than the session refused: a live session must never vanish over its link.
 */
import { resolveRoomUrl, type Session, type Snapshot } from '../../../shared/protocol'
import type { StreamEntry } from '../ports/cache-store'
import type { Logger } from '../ports/logger'

/** `session` as the cache may keep it: its room dropped when not on the platform at `platformUrl`. */
export function withRoomOnPlatform(session: Session, platformUrl: string, log: Logger): Session {
  if (session.roomUrl === null || resolveRoomUrl(session.roomUrl, platformUrl) !== null) return session
  log.warn(
    `Dropped the room of session ${session.id}: it is not on the platform signed in to (${URL.parse(platformUrl)?.origin ?? platformUrl}), and Standby opens rooms only there.`,
  )
  return { ...session, roomUrl: null }
}

/** The entries with every session's room checked. */
export function entriesWithRoomsOnPlatform(
  entries: ReadonlyArray<StreamEntry>,
  platformUrl: string,
  log: Logger,
): ReadonlyArray<StreamEntry> {
  return entries.map((entry) =>
    entry.type === 'session.updated'
      ? { ...entry, payload: { session: withRoomOnPlatform(entry.payload.session, platformUrl, log) } }
      : entry,
  )
}

/** The snapshot with every session's room checked. */
export function snapshotWithRoomsOnPlatform(snapshot: Snapshot, platformUrl: string, log: Logger): Snapshot {
  return { ...snapshot, sessions: snapshot.sessions.map((s) => withRoomOnPlatform(s, platformUrl, log)) }
}
