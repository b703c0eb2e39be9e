/**
 * What each of the fan-out's guarantees costs. The platform's own path has no switch to turn one
 * off, and must not get one; so this bench-only copy of its invite write runs beside it, on the
 * same database file (in tables of the same schema, `guarantee_*`), the same socket.io server and
 * the same 1,000 sockets, built from the platform's own pieces (serializing, digests, sending
 * stored text). With every guarantee on it does what the platform does, and the bench prints the
 * two side by side; each other mode drops exactly one guarantee.
 */
import type Database from 'better-sqlite3'
import type { Server } from 'socket.io'
import { LIVE_EVENT, type HelpRequest } from '../src/shared/protocol'
import { chainDigest } from '../server/src/event-digest'
import { closeWithDigest } from '../server/src/event-digest'
import { newId } from '../server/src/ids'
import { fillSlot, JSON_SLOT, JsonText, spliceJson } from '../server/src/json-text'
import { expertRoom } from '../server/src/socket-gateway'
import { preparedOnce } from '../server/src/store/prepared-once'
import { insertInChunks } from '../server/src/store/insert-in-chunks'

/** The guarantees a fan-out keeps, each of which a mode may drop. */
export interface Guarantees {
  /** Invites go out only once committed. Off: sent first, written after. */
  readonly durableBeforeEmit: boolean
  /** Each expert's events get the next id in the same transaction as the invites. Off: the event rows are written after sending, in their own transaction, so a crash between loses ids. */
  readonly gaplessIds: boolean
  /** Each event chains the digest of the one before. Off: no digest. */
  readonly digestChain: boolean
  /** Each expert gets its own event, in its own order. Off: one shared message to every room, encoded once, no per-expert stream. */
  readonly perExpertStream: boolean
}

/** Every guarantee kept: what the platform does. */
export const ALL_GUARANTEES: Guarantees = {
  durableBeforeEmit: true,
  gaplessIds: true,
  digestChain: true,
  perExpertStream: true,
}

/** A copy of the platform's invite write that can drop one guarantee. */
export interface GuaranteeModel {
  /** Fan `request` (a fresh id each round) out to the experts with `guarantees`; returns its request id. */
  send(round: number, guarantees: Guarantees): string
}

/** The copy of the write, over `db` and `io` of a running platform, to the experts `expertIds`. */
export function guaranteeModel(
  db: Database.Database,
  io: Server,
  expertIds: ReadonlyArray<string>,
  sample: HelpRequest,
): GuaranteeModel {
  copySchema(db, ['requests', 'invites', 'events', 'expert_events'])
  const insertRequest = db.prepare(
    `INSERT INTO guarantee_requests (id, client_id, title, description, attachments, tags, kind, proposed_times,
       expected_duration_minutes, state, created_at, invite_json) VALUES (?, ?, ?, ?, '[]', '[]', ?, '[]', ?, 'open', ?, ?)`,
  )
  const sql = preparedOnce(db)
  const insertEvent = db.prepare(
    'INSERT INTO guarantee_events (expert_id, id, type, at, payload, digest, request_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
  )
  const insertEventPlace = db.prepare(
    'INSERT INTO guarantee_expert_events (expert_id, id, seq, invite_id) VALUES (?, ?, ?, ?)',
  )
  // The platform's own rotation column: the same experts, so its matching order is not disturbed.
  const touchExperts = db.prepare(
    'UPDATE experts SET last_invited_at = MAX(last_invited_at, ?) WHERE id IN (SELECT value FROM json_each(?))',
  )
  const expertsJson = JSON.stringify(expertIds)
  const latestIds = new Map<string, number>()
  const latestDigests = new Map<string, string>()
  /** An event to send (`json`) and to store (`row`, the request left out as the platform stores it). */
  type Built = { expertId: string; id: number; json: string; row: string; digest: string; seq?: number }
  const rooms = expertIds.map(expertRoom)

  return {
    send(round, g) {
      const now = Date.now()
      const request = { ...sample, id: newId('req'), title: `Guarantees ${round}` }
      const requestJson = JSON.stringify(request)
      const invites = expertIds.map((expertId) => ({ expertId, id: newId('inv') }))
      const inviteOf = (id: string) => ({
        id,
        request: JSON_SLOT,
        reason: 'matched',
        sentAt: now,
        expiresAt: now + 300_000,
        state: 'open',
      })
      const build = (): Built[] =>
        invites.map(({ expertId, id: inviteId }) => {
          const id = (latestIds.get(expertId) ?? 0) + 1
          latestIds.set(expertId, id)
          const stored = JSON.stringify({ invite: inviteOf(inviteId) })
          const head = `{"id":${id},"type":"invite.created","at":${now},"payload":`
          const open = `${head}${fillSlot(stored, requestJson)}`
          const digest = g.digestChain ? chainDigest(latestDigests.get(expertId) ?? '', `${open}}`) : ''
          latestDigests.set(expertId, digest)
          const close = (text: string): string => (g.digestChain ? closeWithDigest(text, digest) : `${text}}`)
          return { expertId, id, json: close(open), row: close(`${head}${stored}`), digest }
        })
      const writeRequest = (): void =>
        void insertRequest.run(
          request.id,
          sample.client.id,
          request.title,
          sample.description,
          'instant',
          30,
          now,
          requestJson,
        )
      const writeInviteRows = (): void =>
        insertInChunks(
          sql,
          {
            table: 'guarantee_invites',
            shared: [
              ['request_id', request.id],
              ['reason', 'matched'],
              ['sent_at', now],
              ['expires_at', now + 300_000],
              ['state', 'open'],
            ],
            columns: ['id', 'expert_id'],
          },
          invites.map((invite) => [invite.id, invite.expertId]),
        )
      const writeInvites = (): void => {
        writeRequest()
        writeInviteRows()
      }
      const writeEvents = (built: ReadonlyArray<Built>): void => {
        for (const e of built) {
          e.seq = Number(
            insertEvent.run(e.expertId, e.id, 'invite.created', now, e.row, e.digest, request.id)
              .lastInsertRowid,
          )
        }
      }
      // As the platform writes them: in a transaction of their own once the invites were sent,
      // with the invite rows when each expert's event holds its invite.
      const writeLookups = (built: ReadonlyArray<Built>): void =>
        db.transaction(() => {
          if (built.length > 0) writeInviteRows()
          for (const [i, e] of built.entries())
            insertEventPlace.run(e.expertId, e.id, e.seq ?? 0, invites[i]?.id ?? null)
          touchExperts.run(now, expertsJson)
        })()
      const emit = (built: ReadonlyArray<Built>): void => {
        if (!g.perExpertStream) {
          const shared = spliceJson({ invite: inviteOf(`shared-${round}`) }, requestJson)
          io.to(rooms).emit(
            LIVE_EVENT,
            new JsonText(`{"id":0,"type":"invite.created","at":${now},"payload":${shared}}`),
          )
          return
        }
        for (const e of built) io.to(expertRoom(e.expertId)).emit(LIVE_EVENT, new JsonText(e.json))
      }

      if (!g.perExpertStream) {
        db.transaction(writeInvites)()
        emit([])
        writeLookups([])
      } else if (!g.durableBeforeEmit) {
        const built = build()
        emit(built)
        db.transaction(() => (writeRequest(), writeEvents(built)))()
        writeLookups(built)
      } else if (!g.gaplessIds) {
        db.transaction(writeRequest)()
        const built = build()
        emit(built)
        db.transaction(() => writeEvents(built))()
        writeLookups(built)
      } else {
        const built = db.transaction(() => {
          writeRequest()
          const events = build()
          writeEvents(events)
          return events
        })()
        emit(built)
        writeLookups(built)
      }
      return request.id
    },
  }
}

/** Create `guarantee_<table>` for each table, with the same columns, constraints and indexes. */
function copySchema(db: Database.Database, tables: ReadonlyArray<string>): void {
  const rows = db
    .prepare<[], { sql: string }>(
      `SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND type IN ('table', 'index') AND tbl_name IN (${tables.map((t) => `'${t}'`).join(',')})`,
    )
    .all()
  // Foreign keys into the copied tables point at the copies, so the copy checks as much as the platform.
  const renamed = rows.map(({ sql }) =>
    tables
      .reduce(
        // A table SQLite renamed is named in quotes.
        (text, t) =>
          text.replace(new RegExp(`\\b(TABLE|ON|REFERENCES) "?${t}"?(?=[\\s(]|$)`, 'g'), `$1 guarantee_${t}`),
        sql,
      )
      .replace(/\bINDEX (\w+) ON\b/, 'INDEX guarantee_$1 ON'),
  )
  for (const sql of renamed) db.exec(sql.replace(/CREATE (TABLE|INDEX)/, 'CREATE $1 IF NOT EXISTS'))
}
