/**
 * Invites, and whether each was already shown as a notification. The open and missed lists read
 * the partial indexes from migration 0001, so their cost follows the list, not the table. The row
 * holds the invite without its request; reads splice the request back in (see withRequest).
 */
import type Database from 'better-sqlite3'
import { preparedOnUse } from './prepared-on-use'
import type { Invite, InviteState } from '../../../shared/protocol'
import type { Logger } from '../../core/ports/logger'
import { parseAllStored, parseStored, withRequest, withoutRequest, type StoredRow } from './stored-json'

/** How many shown invites are remembered after their rows are gone. */
const SHOWN_REMEMBERED = 10_000

/** Reads and writes invites. Writes run inside the caller's transaction. */
export class InviteRepository {
  private readonly upsertInvite: Database.Statement<[string, string, InviteState, number, string]>
  private readonly updateState: Database.Statement<[InviteState, InviteState, string]>
  private readonly selectOpen: Database.Statement<[], StoredRow>
  private readonly countOpenInvites: Database.Statement<[], { n: number }>
  private readonly selectMissed: Database.Statement<[number], StoredRow>
  private readonly selectById: Database.Statement<[string], StoredRow>
  private readonly selectUnnotified: Database.Statement<[], StoredRow>
  private readonly updateNotified: Database.Statement<[number, string]>
  private readonly insertShown: Database.Statement<[string, number]>
  private readonly selectShown: Database.Statement<[string], { id: string }>
  private readonly pruneShown: Database.Statement<[number]>
  private readonly deleteAllShown: Database.Statement<[]>
  private readonly deleteOthers: Database.Statement<[string]>
  private readonly deleteAllInvites: Database.Statement<[]>

  constructor(
    db: Database.Database,
    private readonly logger: Logger,
  ) {
    // DO UPDATE rather than REPLACE: the row, and so notified_at, survives a repeated invite.
    this.upsertInvite = preparedOnUse(
      db,
      `INSERT INTO invites (id, request_id, state, sent_at, json) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET request_id = excluded.request_id, state = excluded.state,
         sent_at = excluded.sent_at, json = excluded.json`,
    )
    this.updateState = preparedOnUse(
      db,
      `UPDATE invites SET state = ?, json = json_set(json, '$.state', ?) WHERE id = ?`,
    )
    const select = `SELECT invites.id, ${withRequest('invites')} AS json FROM invites
      JOIN requests ON requests.id = invites.request_id`
    this.selectOpen = preparedOnUse(
      db,
      `${select} WHERE state = 'open' ORDER BY sent_at DESC, invites.id DESC`,
    )
    this.countOpenInvites = preparedOnUse(db, `SELECT COUNT(*) AS n FROM invites WHERE state = 'open'`)
    this.selectMissed = preparedOnUse(
      db,
      `${select} WHERE state IN ('declined', 'taken', 'expired', 'withdrawn')
       ORDER BY sent_at DESC, invites.id DESC LIMIT ?`,
    )
    this.selectById = preparedOnUse(db, `${select} WHERE invites.id = ?`)
    this.selectUnnotified = preparedOnUse(
      db,
      `${select} WHERE state = 'open' AND notified_at IS NULL
         AND invites.id NOT IN (SELECT id FROM shown_invites) ORDER BY sent_at DESC, invites.id DESC`,
    )
    this.updateNotified = preparedOnUse(
      db,
      'UPDATE invites SET notified_at = ? WHERE id = ? AND notified_at IS NULL',
    )
    this.insertShown = preparedOnUse(db, 'INSERT OR IGNORE INTO shown_invites (id, at) VALUES (?, ?)')
    this.selectShown = preparedOnUse(
      db,
      'SELECT id FROM shown_invites WHERE id IN (SELECT value FROM json_each(?))',
    )
    this.pruneShown = preparedOnUse(
      db,
      'DELETE FROM shown_invites WHERE id NOT IN (SELECT id FROM shown_invites ORDER BY at DESC LIMIT ?)',
    )
    this.deleteAllShown = preparedOnUse(db, 'DELETE FROM shown_invites')
    this.deleteOthers = preparedOnUse(
      db,
      'DELETE FROM invites WHERE id NOT IN (SELECT value FROM json_each(?))',
    )
    this.deleteAllInvites = preparedOnUse(db, 'DELETE FROM invites')
  }

  /** How many invites are open, without reading them. */
  countOpen(): number {
    return this.countOpenInvites.get()?.n ?? 0
  }

  /** Insert or replace an invite; its request must already be stored. */
  put(invite: Invite): void {
    this.upsertInvite.run(invite.id, invite.request.id, invite.state, invite.sentAt, withoutRequest(invite))
  }

  /** Move an invite to a closed state; an invite the cache never had is ignored. */
  close(inviteId: string, state: InviteState): void {
    this.updateState.run(state, state, inviteId)
  }

  /** Open invites, newest first. */
  open(): Invite[] {
    return parseAllStored<Invite>(this.selectOpen.all(), 'invite', this.logger)
  }

  /** Invites closed without being accepted, newest first. */
  missed(limit: number): Invite[] {
    return parseAllStored<Invite>(this.selectMissed.all(limit), 'invite', this.logger)
  }

  /** One invite, or null. */
  byId(id: string): Invite | null {
    const row = this.selectById.get(id)
    return row === undefined ? null : parseStored<Invite>(row, 'invite', this.logger)
  }

  /** Open invites not yet shown as a notification, newest first. */
  unnotifiedOpen(): Invite[] {
    return parseAllStored<Invite>(this.selectUnnotified.all(), 'invite', this.logger)
  }

  /** Remember when these invites were first shown; a later call keeps the first time. */
  markNotified(inviteIds: ReadonlyArray<string>, at: number): void {
    for (const id of inviteIds) {
      this.updateNotified.run(at, id)
      this.insertShown.run(id, at)
    }
  }

  /** Of these invites, the ones ever shown as a notification (as far as the cache remembers). */
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

  /** Remove every invite, and the memory of which were shown (the cache starts over). */
  deleteAll(): void {
    this.deleteAllInvites.run()
    this.deleteAllShown.run()
  }
}
