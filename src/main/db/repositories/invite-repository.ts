/**
 * Invites, and whether each was already shown as a notification. The open and missed lists read
 * the partial indexes from migration 0001, so their cost follows the list, not the table. The row
 * holds the invite without its request; reads splice the request back in (see withRequest). Each
 * row keeps when the invite stops being takeable (`closes_at`, from rules/invite-open.ts): "open"
 * is asked at a platform time, and an invite the platform has not closed yet whose time ran out
 * reads as expired, its row unchanged until the platform's word arrives.
 */
import type Database from 'better-sqlite3'
import { preparedOnUse } from './prepared-on-use'
import type { Invite, InviteState } from '../../../shared/protocol'
import { inviteAt, inviteClosesAt } from '../../../shared/rules/invite-open'
import {
  parseAllStored,
  parseStored,
  STORED,
  type SkippedRows,
  type StoredRow,
  withoutRequest,
  withRequest,
} from './stored-json'

/** How many shown invites are remembered after their rows are gone. */
export const SHOWN_REMEMBERED = 10_000

/**
 * The SQL condition of an invite open at the platform time bound to its `?` (rules/invite-open.ts):
 * the platform's word and a time not run out, read from the row's `closes_at`.
 */
export const INVITE_OPEN_AT = `state = 'open' AND closes_at > ?`

/** Reads and writes invites. Writes run inside the caller's transaction. */
export class InviteRepository {
  private readonly upsertInvite: Database.Statement<[string, string, InviteState, number, number, string]>
  private readonly updateState: Database.Statement<[InviteState, InviteState, string]>
  private readonly selectOpen: Database.Statement<[number, number], StoredRow>
  private readonly selectRunOut: Database.Statement<[number, number], StoredRow>
  private readonly countOpenInvites: Database.Statement<[number], { n: number }>
  private readonly selectNextClose: Database.Statement<[number], { at: number | null }>
  private readonly selectMissed: Database.Statement<[number, number], StoredRow>
  private readonly selectById: Database.Statement<[string], StoredRow>
  private readonly selectUnnotified: Database.Statement<[number], StoredRow>
  private readonly selectUnnotifiedIds: Database.Statement<[number], { id: string }>
  private readonly updateNotified: Database.Statement<[number, string]>
  private readonly insertShown: Database.Statement<[string, string, number]>
  private readonly selectShown: Database.Statement<[string], { id: string }>
  private readonly pruneShown: Database.Statement<[number]>
  private readonly deleteAllShown: Database.Statement<[]>
  private readonly deleteOthers: Database.Statement<[string]>
  private readonly deleteAllInvites: Database.Statement<[]>
  private readonly selectMoved: Database.Statement<[string], { id: string }>
  private readonly deleteGiven: Database.Statement<[string]>

  constructor(
    db: Database.Database,
    private readonly skippedRows: SkippedRows,
  ) {
    // DO UPDATE rather than REPLACE: the row, and so notified_at, survives a repeated invite.
    this.upsertInvite = preparedOnUse(
      db,
      `INSERT INTO invites (id, request_id, state, sent_at, closes_at, json) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET request_id = excluded.request_id, state = excluded.state,
         sent_at = excluded.sent_at, closes_at = excluded.closes_at, json = excluded.json`,
    )
    this.updateState = preparedOnUse(
      db,
      // Only an open invite closes: the first closing is the platform's word, a second one a repeat.
      `UPDATE invites SET state = ?, json = json_set(json, '$.state', ?) WHERE id = ? AND state = 'open'`,
    )
    const select = `SELECT invites.id, ${withRequest('invites')} AS json FROM invites
      JOIN requests ON requests.id = invites.request_id`
    // "Open" is the platform's word and a time not run out; the list, count and next closing read the open index.
    const open = INVITE_OPEN_AT
    this.selectOpen = preparedOnUse(
      db,
      `${select} WHERE ${open} ORDER BY sent_at DESC, invites.id DESC LIMIT ?`,
    )
    // Open by the platform's word at both times, by their time only at the first: the open index.
    this.selectRunOut = preparedOnUse(
      db,
      `${select} WHERE ${open} AND closes_at <= ? ORDER BY sent_at DESC, invites.id DESC`,
    )
    this.countOpenInvites = preparedOnUse(db, `SELECT COUNT(*) AS n FROM invites WHERE ${open}`)
    this.selectNextClose = preparedOnUse(db, `SELECT MIN(closes_at) AS at FROM invites WHERE ${open}`)
    // Each half reads its own partial index; the second is the few the platform still calls open.
    const selectSent = select.replace(
      'SELECT invites.id,',
      'SELECT invites.id AS id, invites.sent_at AS sent_at,',
    )
    this.selectMissed = preparedOnUse(
      db,
      `${selectSent} WHERE state IN ('declined', 'taken', 'expired', 'withdrawn')
       UNION ALL ${selectSent} WHERE state = 'open' AND closes_at <= ?
       ORDER BY sent_at DESC, id DESC LIMIT ?`,
    )
    this.selectById = preparedOnUse(db, `${select} WHERE invites.id = ?`)
    // A mark answers for its invite's request only: a platform can send another request's invite
    // under the id of one shown long ago. One of no known request ('', made before 0019) for any.
    const unnotified = `WHERE ${open} AND notified_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM shown_invites AS shown WHERE shown.id = invites.id
           AND shown.request_id IN ('', invites.request_id))
         ORDER BY sent_at DESC, invites.id DESC`
    this.selectUnnotified = preparedOnUse(db, `${select} ${unnotified}`)
    this.selectUnnotifiedIds = preparedOnUse(
      db,
      `SELECT invites.id FROM invites JOIN requests ON requests.id = invites.request_id ${unnotified}`,
    )
    this.updateNotified = preparedOnUse(
      db,
      'UPDATE invites SET notified_at = ? WHERE id = ? AND notified_at IS NULL',
    )
    // Marked under the request its row holds; one without a row (none is shown so) under no known
    // request, which answers for any: never shown twice.
    this.insertShown = preparedOnUse(
      db,
      `INSERT OR IGNORE INTO shown_invites (id, request_id, at)
       VALUES (?, coalesce((SELECT request_id FROM invites WHERE id = ?), ''), ?)`,
    )
    // A mark of another request than the cached row's is not this invite's; one whose row is gone
    // stands for the invite the expert saw under the id (a deep link, a toast of it).
    this.selectShown = preparedOnUse(
      db,
      `SELECT DISTINCT shown.id AS id FROM shown_invites AS shown
         LEFT JOIN invites ON invites.id = shown.id
       WHERE shown.id IN (SELECT value FROM json_each(?))
         AND (invites.id IS NULL OR shown.request_id IN ('', invites.request_id))`,
    )
    this.pruneShown = preparedOnUse(
      db,
      `DELETE FROM shown_invites WHERE (id, request_id) NOT IN
         (SELECT id, request_id FROM shown_invites ORDER BY at DESC LIMIT ?)`,
    )
    this.deleteAllShown = preparedOnUse(db, 'DELETE FROM shown_invites')
    this.deleteOthers = preparedOnUse(
      db,
      'DELETE FROM invites WHERE id NOT IN (SELECT value FROM json_each(?))',
    )
    this.deleteAllInvites = preparedOnUse(db, 'DELETE FROM invites')
    this.selectMoved = preparedOnUse(
      db,
      `SELECT invites.id FROM json_each(?) AS given JOIN invites ON invites.id = json_extract(given.value, '$[0]')
       WHERE invites.request_id <> json_extract(given.value, '$[1]')`,
    )
    this.deleteGiven = preparedOnUse(db, 'DELETE FROM invites WHERE id IN (SELECT value FROM json_each(?))')
  }

  /** How many invites are open at platform time `now`, without reading them. */
  countOpen(now: number): number {
    return this.countOpenInvites.get(now)?.n ?? 0
  }

  /** When the soonest invite open at `now` stops being takeable; null when none is open. */
  nextClose(now: number): number | null {
    return this.selectNextClose.get(now)?.at ?? null
  }

  /** Insert or replace an invite; its request must already be stored. */
  put(invite: Invite): void {
    this.upsertInvite.run(
      invite.id,
      invite.request.id,
      invite.state,
      invite.sentAt,
      inviteClosesAt(invite),
      withoutRequest(invite),
    )
  }

  /** Move an open invite to a closed state; one the cache never had, or closed already, is left. */
  close(inviteId: string, state: InviteState): void {
    this.updateState.run(state, state, inviteId)
  }

  /** Invites open at platform time `now`, newest first; the newest `limit` when given. */
  open(now: number, limit?: number): Invite[] {
    // SQLite reads a negative LIMIT as none.
    return parseAllStored(this.selectOpen.all(now, limit ?? -1), STORED.invite, this.skippedRows)
  }

  /** Invites open at platform time `since` whose time ran out by `now`, newest first. */
  runOut(since: number, now: number): Invite[] {
    return parseAllStored(this.selectRunOut.all(since, now), STORED.invite, this.skippedRows)
  }

  /** Invites closed without being accepted by `now` (those whose time ran out read as expired), newest first. */
  missed(now: number, limit: number): Invite[] {
    return parseAllStored(this.selectMissed.all(now, limit), STORED.invite, this.skippedRows).map((invite) =>
      inviteAt(invite, now),
    )
  }

  /** One invite, as the platform last said it stands, or null. */
  byId(id: string): Invite | null {
    const row = this.selectById.get(id)
    return row === undefined ? null : parseStored(row, STORED.invite, this.skippedRows)
  }

  /**
   * Invites open at `now` not yet shown as a notification, newest first. Those in `written` (the
   * invites the caller's transaction wrote, as their rows now read) are taken from it rather than
   * read back and parsed again: a live invite is shown the moment its batch commits, and it is
   * usually the only one unshown.
   */
  unnotifiedOpen(now: number, written?: ReadonlyMap<string, Invite>): Invite[] {
    if (written !== undefined && written.size > 0) {
      const found: Invite[] = []
      for (const { id } of this.selectUnnotifiedIds.all(now)) {
        const invite = written.get(id)
        // One this transaction did not write (left unshown by an earlier run): all are read.
        if (invite === undefined) return this.unnotifiedOpen(now)
        found.push(invite)
      }
      return found
    }
    return parseAllStored(this.selectUnnotified.all(now), STORED.invite, this.skippedRows)
  }

  /** Remember when these invites were first shown; a later call keeps the first time. */
  markNotified(inviteIds: ReadonlyArray<string>, at: number): void {
    for (const id of inviteIds) {
      this.updateNotified.run(at, id)
      this.insertShown.run(id, id, at)
    }
  }

  /**
   * Of these invites, the ones ever shown as a notification (as far as the cache remembers): for
   * the request the cached row holds, or, the row gone, for any.
   */
  shown(inviteIds: ReadonlyArray<string>): string[] {
    return this.selectShown.all(JSON.stringify(inviteIds)).map((row) => row.id)
  }

  /**
   * Remove every invite whose id is not in `keep`. Which were shown is remembered beyond them (the
   * newest ones, however many invites a platform sends), in case one comes back.
   */
  deleteAllExcept(keep: ReadonlyArray<string>): void {
    this.deleteOthers.run(JSON.stringify(keep))
    this.pruneShown.run(SHOWN_REMEMBERED)
  }

  /** Of `invites`, the ids the cache holds for another request than the one each is now for. */
  movedToOtherRequests(invites: ReadonlyArray<Invite>): string[] {
    const given = JSON.stringify(invites.map((invite) => [invite.id, invite.request.id]))
    return this.selectMoved.all(given).map((row) => row.id)
  }

  /**
   * Remove these invites, so what comes under their ids starts unshown. Their marks stay: each
   * names the request shown, so it keeps that one from being shown again and not the next.
   */
  forget(inviteIds: ReadonlyArray<string>): void {
    if (inviteIds.length === 0) return
    this.deleteGiven.run(JSON.stringify(inviteIds))
  }

  /** Remove every invite, and the memory of which were shown (the cache starts over). */
  deleteAll(): void {
    this.deleteAllInvites.run()
    this.deleteAllShown.run()
  }
}
