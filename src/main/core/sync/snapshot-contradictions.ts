/**
 * A snapshot that contradicts itself: an open invite to a request that one of the snapshot's own
 * sessions already took. The platform invites to a request only until it is taken, so such an
 * invite is its mistake; kept, it would be shown with a Join for a session already booked, live or
 * over. It is left out with a log line, as the stream's own contradictions are
 * (src/main/db/stream-contradiction.ts). In a snapshot whose parts were taken as the platform went
 * on (snapshot-parts.ts), the invite's part is older than the session's: the invite was taken
 * meanwhile, which is no mistake, and it is left out all the same. Also: a snapshot holding
 * another expert's sessions or messages, or two sessions or two open invites for one request,
 * which no platform holds at any point of its stream, or one id sent twice with different content
 * (snapshot-parts.ts), of which only one copy can be right.
 */
import type { Snapshot } from '../../../shared/protocol'
import type { Logger } from '../ports/logger'
import type { DifferingCopy } from './snapshot-parts'

/** Log each id a snapshot sent twice with different content; returns how many there were. */
export function loggedDifferingCopies(differing: readonly DifferingCopy[], log: Logger): number {
  for (const { what, id } of differing) {
    log.error(
      `Kept the last copy of ${what} ${id} in the platform's snapshot: it sent that ${what} twice, with different content`,
    )
  }
  return differing.length
}

/**
 * The snapshot without the open invites its sessions contradict, and how many were left out;
 * `spread` when its parts were taken at different points of the stream.
 */
export function snapshotWithoutTakenInvites(
  snapshot: Snapshot,
  log: Logger,
  spread = false,
): { readonly snapshot: Snapshot; readonly left: number } {
  const openInvites = withoutTakenInvites(snapshot, log, spread)
  const left = snapshot.openInvites.length - openInvites.length
  return { snapshot: left === 0 ? snapshot : { ...snapshot, openInvites }, left }
}

/**
 * The snapshot with one session and one open invite per request, and how many were left out. The
 * platform books one session per request and invites an expert to a request once; kept, the others
 * would be listed and told of beside the one kept: a second notification with its own Join for one
 * request, each reminder twice for one appointment. Kept is the one the cache already holds, as a
 * live event keeps it (its notification was shown, its reminders fired or snoozed: the other would
 * bring them again), else the invite sent first and the session the platform updated last.
 */
export function snapshotWithOnePerRequest(
  snapshot: Snapshot,
  log: Logger,
  cached: CachedRows,
): { readonly snapshot: Snapshot; readonly left: number } {
  const sessions = onePerRequest(snapshot.sessions, 'session', log, (a, b) =>
    cached.session(a.id) === cached.session(b.id) ? a.updatedAt > b.updatedAt : cached.session(a.id),
  )
  const openInvites = onePerRequest(snapshot.openInvites, 'invite', log, (a, b) =>
    cached.invite(a.id) === cached.invite(b.id) ? a.sentAt < b.sentAt : cached.invite(a.id),
  )
  const left = snapshot.sessions.length - sessions.length + snapshot.openInvites.length - openInvites.length
  return { snapshot: left === 0 ? snapshot : { ...snapshot, sessions, openInvites }, left }
}

/** Whether the cache holds an invite or a session under an id. */
export interface CachedRows {
  readonly invite: (inviteId: string) => boolean
  readonly session: (sessionId: string) => boolean
}

/** `rows` with one per request: for each, the first one no other is `better` than. */
function onePerRequest<T extends { readonly id: string; readonly request: { readonly id: string } }>(
  rows: T[],
  what: string,
  log: Logger,
  better: (a: T, b: T) => boolean,
): T[] {
  const kept = new Map<string, T>()
  for (const row of rows) {
    const other = kept.get(row.request.id)
    if (other === undefined || better(row, other)) kept.set(row.request.id, row)
  }
  if (kept.size === rows.length) return rows
  return rows.filter((row) => {
    const keeper = kept.get(row.request.id) ?? row
    if (keeper === row) return true
    log.error(
      `Left ${what} ${row.id} out of the platform's snapshot: it is for request ${row.request.id}, as ${what} ${keeper.id} in the same snapshot is`,
    )
    return false
  })
}

/** The snapshot's open invites, without those to a request one of its sessions took. */
function withoutTakenInvites(snapshot: Snapshot, log: Logger, spread: boolean): Snapshot['openInvites'] {
  const takenBy = new Map(snapshot.sessions.map((s) => [s.request.id, s.id]))
  return snapshot.openInvites.filter((invite) => {
    const sessionId = invite.state === 'open' ? takenBy.get(invite.request.id) : undefined
    if (sessionId === undefined) return true
    if (spread) {
      log.info(
        `Left invite ${invite.id} out of the platform's snapshot: session ${sessionId}, sent in a later part, took its request meanwhile`,
      )
    } else {
      log.error(
        `Left invite ${invite.id} out of the platform's snapshot: it invites to request ${invite.request.id}, which session ${sessionId} in the same snapshot already took`,
      )
    }
    return false
  })
}

/**
 * The snapshot without the sessions and messages of another expert than its own, and how many were
 * left out. The platform's mistake, as an event about another expert is (db/apply-event-batch.ts):
 * kept, the signed-in expert would see and be reminded of a session that is not theirs.
 */
export function snapshotWithoutOthersRows(
  snapshot: Snapshot,
  log: Logger,
): { readonly snapshot: Snapshot; readonly left: number } {
  const owner = snapshot.expert.id
  const ours = <T extends { readonly id: string; readonly expertId: string }>(what: string, rows: T[]): T[] =>
    rows.filter((row) => {
      if (row.expertId === owner) return true
      log.error(
        `Left ${what} ${row.id} out of the platform's snapshot: it is about another expert (${row.expertId}) than the snapshot's (${owner})`,
      )
      return false
    })
  const sessions = ours('session', snapshot.sessions)
  const recentMessages = ours('message', snapshot.recentMessages)
  const left =
    snapshot.sessions.length - sessions.length + snapshot.recentMessages.length - recentMessages.length
  return { snapshot: left === 0 ? snapshot : { ...snapshot, sessions, recentMessages }, left }
}
