/**
 * Sessions. The upcoming list reads the `sessions_upcoming` partial index in booked_start order and
 * the history `sessions_history`, so the first page costs the same with 50 or 50,000 rows; a
 * filtered History page reads the filter's own index and `session_search` (history-query.ts). The
 * row holds the session without its request; reads splice the request back in (see withRequest).
 */
import type Database from 'better-sqlite3'
import { preparedOnUse } from './prepared-on-use'
import type { Session, SessionState } from '../../../shared/protocol'
import {
  parseAllStored,
  parseStored,
  STORED,
  storedMember,
  type SkippedRows,
  type StoredRow,
  withoutRequest,
  withRequest,
} from './stored-json'
import type { BookedSessionStart } from '../../core/ports/cache-store'
import type { HistoryCursor } from '../../../shared/rules/history-order'
import {
  historyOutcomeOf,
  type HistoryClient,
  type HistoryFilter,
} from '../../../shared/rules/history-filter'
import { historyPageQuery } from './history-query'
import { searchTerms } from '../../../shared/rules/history-search'
import { HISTORY_SEARCH_ROWS } from '../../../shared/ipc/list-limits'
import { HistoryCursorSchema } from '../../../shared/ipc/cache-view-schemas'
import { searchTextOf } from './session-search'
import { storedTime } from './stored-time'

/** A History row: its stored JSON and its place in the history order, which a damaged row keeps. */
type HistoryRow = StoredRow & { readonly start: number }

/** A booked session's start as its columns hold it. */
type BookedStartRow = Omit<BookedSessionStart, 'remindersMarked'> & { readonly remindersMarked: number }

/** Reads and writes sessions. Writes run inside the caller's transaction. */
export class SessionRepository {
  private readonly upsertSession: Database.Statement<
    [string, string, SessionState, number, string, string, string, string],
    { rowid: number }
  >
  private readonly putSearchText: Database.Statement<[number, string]>
  private readonly selectClients: Database.Statement<[number], HistoryClient>
  /** History pages by the shape of their filter: a handful of statements, each prepared once. */
  private readonly filteredHistory = new Map<string, Database.Statement<Array<string | number>, HistoryRow>>()
  private readonly select: string
  private readonly selectUpcoming: Database.Statement<[number, number], StoredRow>
  private readonly selectBookedStarts: Database.Statement<[], BookedStartRow>
  private readonly selectHistory: Database.Statement<[number, string, number], HistoryRow>
  private readonly selectHistoryAt: Database.Statement<[number, string, number], HistoryCursor>
  private readonly selectById: Database.Statement<[string], StoredRow>
  private readonly selectPastWithClient: Database.Statement<[string, number], StoredRow>
  private readonly deleteOthers: Database.Statement<[string]>
  private readonly deleteAllSessions: Database.Statement<[]>

  constructor(
    private readonly db: Database.Database,
    private readonly skippedRows: SkippedRows,
  ) {
    this.upsertSession = preparedOnUse(
      db,
      `INSERT INTO sessions (id, request_id, state, booked_start, json, kind, outcome, client_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET request_id = excluded.request_id, state = excluded.state,
         booked_start = excluded.booked_start, json = excluded.json, kind = excluded.kind,
         outcome = excluded.outcome, client_id = excluded.client_id
       RETURNING rowid`,
    )
    // Keyed by the session's rowid, which an update keeps (the cache never runs VACUUM, which
    // could renumber it); the delete trigger of migration 0011 removes it with the session.
    this.putSearchText = preparedOnUse(
      db,
      'INSERT OR REPLACE INTO session_search (rowid, body) VALUES (?, ?)',
    )
    // The distinct clients come from sessions_history_client; one stored name is read per client.
    this.selectClients = preparedOnUse(
      db,
      `SELECT client_id AS id, (SELECT ${storedMember('named.json', '$.client.name', STORED.session)} FROM sessions AS named
           WHERE named.client_id = clients.client_id AND named.state IN ('ended', 'cancelled')
           ORDER BY named.booked_start DESC LIMIT 1) AS name
         FROM (SELECT DISTINCT client_id FROM sessions
           WHERE state IN ('ended', 'cancelled') AND client_id IS NOT NULL) AS clients
         LIMIT ?`,
    )
    // The IN term matches the partial index's WHERE, which is what lets SQLite use it. A live
    // session stays listed however long ago it started; a booked one until its auto-cancel.
    const select = `SELECT sessions.id, sessions.booked_start AS start, ${withRequest('sessions')} AS json FROM sessions
      JOIN requests ON requests.id = sessions.request_id`
    this.select = select
    this.selectUpcoming = preparedOnUse(
      db,
      `${select} WHERE state IN ('booked', 'live') AND (state = 'live' OR booked_start >= ?)
       ORDER BY booked_start, sessions.id LIMIT ?`,
    )
    // Columns only, no JSON: read at every wait for the platform's time, with every booked session.
    this.selectBookedStarts = preparedOnUse(
      db,
      `SELECT id, booked_start AS bookedStart, request_id AS requestId,
         EXISTS (SELECT 1 FROM reminders WHERE reminders.session_id = sessions.id) AS remindersMarked
       FROM sessions WHERE state IN ('booked', 'live') AND state = 'booked' AND kind = 'scheduled'
         AND ${storedTime('booked_start')}`,
    )
    this.selectHistory = preparedOnUse(
      db,
      // A row value: after (start, id) in the index's own order, so equal starts page correctly.
      `${select} WHERE state IN ('ended', 'cancelled') AND (booked_start, sessions.id) < (?, ?)
       ORDER BY booked_start DESC, sessions.id DESC LIMIT ?`,
    )
    // The index alone, no row read: where a search's stretch of History may end, from there on.
    this.selectHistoryAt = preparedOnUse(
      db,
      `SELECT booked_start AS start, id FROM sessions
       WHERE state IN ('ended', 'cancelled') AND (booked_start, id) < (?, ?)
       ORDER BY booked_start DESC, id DESC LIMIT -1 OFFSET ?`,
    )
    this.selectById = preparedOnUse(db, `${select} WHERE sessions.id = ?`)
    // Reads sessions_history_client, the index History's client filter needs anyway.
    this.selectPastWithClient = preparedOnUse(
      db,
      `${select} WHERE state IN ('ended', 'cancelled') AND sessions.client_id = ?
       ORDER BY booked_start DESC, sessions.id DESC LIMIT ?`,
    )
    this.deleteOthers = preparedOnUse(
      db,
      'DELETE FROM sessions WHERE id NOT IN (SELECT value FROM json_each(?))',
    )
    this.deleteAllSessions = preparedOnUse(db, 'DELETE FROM sessions')
  }

  /** Insert or replace a session; its request must already be stored. */
  put(session: Session): void {
    const { rowid } = this.upsertSession.get(
      session.id,
      session.request.id,
      session.state,
      session.bookedStart,
      withoutRequest(session),
      session.kind,
      historyOutcomeOf(session),
      session.client.id,
    )!
    this.putSearchText.run(rowid, searchTextOf(session))
  }

  /** Live sessions, and booked ones starting at or after `from`, soonest first. */
  upcoming(from: number, limit: number): Session[] {
    return parseAllStored(this.selectUpcoming.all(from, limit), STORED.session, this.skippedRows)
  }

  /**
   * As `upcoming`, and whether later ones are booked: one row more is read to tell, before parsing,
   * so a stored row that fails to parse does not hide that later ones exist.
   */
  upcomingPage(from: number, limit: number): { sessions: Session[]; later: boolean } {
    const rows = this.selectUpcoming.all(from, limit + 1)
    const later = rows.length > limit
    return { sessions: parseAllStored(rows.slice(0, limit), STORED.session, this.skippedRows), later }
  }

  /** Every scheduled session booked, from the table's columns: its start, request and whether it has reminder marks. */
  bookedStarts(): BookedSessionStart[] {
    return this.selectBookedStarts
      .all()
      .map((row) => ({ ...row, remindersMarked: row.remindersMarked === 1 }))
  }

  /**
   * A History page (under `filter`, when given) of at most `limit` rows and, past its first,
   * `bytes` of stored sessions, and whether more follow. Rows are read one at a time and the read
   * stops at the first one left out, so a page of long rows reads no more than it carries; whether
   * more follow is told from the rows before they are parsed, as in `upcomingPage`. A page that
   * says more follow holds a session or says where to go on from (`next`): the window pages on
   * from one of them, and would have none after a page whose rows all failed to read.
   */
  historyPage(
    filter: HistoryFilter | null,
    limit: number,
    bytes: number,
    after: HistoryCursor,
  ): { sessions: Session[]; more: boolean; next?: HistoryCursor } {
    for (let cursor = after; ;) {
      const { rows, more, next } = this.historyRows(filter, limit, bytes, cursor)
      // Parsed once the read is over: a row that fails is marked in the cache, a write.
      const sessions = parseAllStored(rows, STORED.session, this.skippedRows)
      if (next !== undefined) return { sessions, more, next }
      const last = rows.at(-1)
      if (sessions.length > 0 || !more || last === undefined) return { sessions, more }
      cursor = { start: last.start, id: last.id }
    }
  }

  /**
   * The stored rows of one History page, unparsed, whether more follow them, and, when the read
   * stopped at the end of a search's stretch rather than after its last row, where to go on from.
   */
  private historyRows(
    filter: HistoryFilter | null,
    limit: number,
    bytes: number,
    after: HistoryCursor,
  ): { rows: HistoryRow[]; more: boolean; next?: HistoryCursor } {
    // A search for symbols reads each row's text: it reads a bounded stretch of History per
    // answer, so one found nowhere holds the host's thread for a stretch, not for all of History.
    const floor =
      filter !== null && searchTerms(filter.query ?? '').literals.length > 0 ? this.stretchEnd(after) : null
    const filtered = filter === null ? null : this.filteredRows(filter, limit + 1, after, floor)
    const rows =
      filtered === null
        ? this.selectHistory.iterate(after.start, after.id, limit + 1)
        : filtered.statement.iterate(...filtered.params)
    const kept: HistoryRow[] = []
    let used = 0
    let more = false
    for (const row of rows) {
      // A copy too large to be a session is not read (it is skipped), so it weighs nothing.
      const size = typeof row.json === 'string' ? Buffer.byteLength(row.json) : 0
      if (kept.length === limit || (kept.length > 0 && used + size > bytes)) {
        more = true
        break
      }
      kept.push(row)
      used += size
    }
    if (more || floor === null) return { rows: kept, more }
    return { rows: kept, more: true, next: { start: floor.start, id: floor.id } }
  }

  /** Where a search's stretch of History after `after` ends: a place the window can send back, or none. */
  private stretchEnd(after: HistoryCursor): HistoryCursor | null {
    // A row an edited file damaged (a time or id no request carries) would make the window's next
    // call refused: the stretch takes it in and ends at the first sound row past it.
    for (const place of this.selectHistoryAt.iterate(after.start, after.id, HISTORY_SEARCH_ROWS - 1)) {
      if (HistoryCursorSchema.safeParse(place).success) return place
    }
    return null
  }

  /** The statement of a filtered History page, prepared once per shape of filter, and its parameters. */
  private filteredRows(
    filter: HistoryFilter,
    limit: number,
    after: HistoryCursor,
    floor: HistoryCursor | null,
  ) {
    const { sql, params } = historyPageQuery(this.select, filter, after, limit, floor)
    let statement = this.filteredHistory.get(sql)
    if (statement === undefined) {
      statement = this.db.prepare<Array<string | number>, HistoryRow>(sql)
      this.filteredHistory.set(sql, statement)
    }
    return { statement, params }
  }

  /** The clients of ended and cancelled sessions, by name, at most `limit`. */
  historyClients(limit: number): HistoryClient[] {
    return (
      this.selectClients
        .all(limit)
        // An edited row can hold any type in either column; only text names a client.
        .filter((client) => typeof client.id === 'string' && typeof client.name === 'string')
        .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
    )
  }

  /** Ended and cancelled sessions with one client, most recent first. */
  pastWithClient(clientId: string, limit: number): Session[] {
    return parseAllStored(this.selectPastWithClient.all(clientId, limit), STORED.session, this.skippedRows)
  }

  /** One session, or null. */
  byId(id: string): Session | null {
    const row = this.selectById.get(id)
    return row === undefined ? null : parseStored(row, STORED.session, this.skippedRows)
  }

  /** Remove every session whose id is not in `keep`. */
  deleteAllExcept(keep: ReadonlyArray<string>): void {
    this.deleteOthers.run(JSON.stringify(keep))
  }

  /** Remove every session. */
  deleteAll(): void {
    this.deleteAllSessions.run()
  }
}
