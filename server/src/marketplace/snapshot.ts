/** The full state an expert's app needs when its cursor is too old to replay from. */
import type { Snapshot } from '../../../src/shared/protocol'
import { messageFromRow, type InviteRow, type MessageRow, type SessionRow } from '../store/platform-store'
import type { MarketplaceContext } from './context'

/** How many recent messages a snapshot carries. */
const SNAPSHOT_MESSAGES = 500

/** Open invites, active and recent sessions, recent messages, and the cursor they correspond to. */
export function snapshotFor(ctx: MarketplaceContext, expertId: string): Snapshot {
  const now = ctx.clock.now()
  // One read transaction, so the cursor matches exactly what the snapshot holds.
  // Before reading the lookups: an event already sent must be in the snapshot's invites and cursor.
  ctx.events.settle()
  return ctx.db.transaction(() => {
    const openInvites = ctx
      .sql<[string], InviteRow>(
        `SELECT invites.* FROM expert_events AS e JOIN invites ON invites.id = e.invite_id
           WHERE e.expert_id = ? AND invites.state = 'open' ORDER BY invites.sent_at, invites.rowid`,
      )
      .all(expertId)
      .map((row) => ctx.store.inviteFromRow(row))
    const sessions = ctx
      .sql<[string, number], SessionRow>(
        `SELECT * FROM sessions WHERE expert_id = ? AND (state IN ('booked','live') OR updated_at >= ?)
         ORDER BY booked_start`,
      )
      .all(expertId, now - ctx.config.snapshotHistoryMs)
      .map((row) => ctx.store.sessionFromRow(row))
    const recentMessages = ctx
      .sql<[string, number], MessageRow>(
        'SELECT * FROM messages WHERE expert_id = ? ORDER BY sent_at DESC, rowid DESC LIMIT ?',
      )
      .all(expertId, SNAPSHOT_MESSAGES)
      .reverse()
      .map(messageFromRow)
    const cursor = ctx.events.latestId(expertId)
    return {
      expert: ctx.store.expert(expertId),
      openInvites,
      sessions,
      recentMessages,
      cursor,
      cursorDigest: ctx.events.digestAt(expertId, cursor),
      takenAt: now,
    }
  })()
}
