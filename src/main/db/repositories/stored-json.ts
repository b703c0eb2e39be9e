/**
 * Reading what the cache stored. Rows hold the protocol JSON exactly as the platform sent it and
 * are not parsed with the protocol's schemas again: that costs far more than the read, most of all
 * on the first page after a start (`npm run bench -- cache`). What is checked is cheaper and
 * catches a row that was not written for its place (an edit, another program, a damaged page that
 * still parses): the JSON carries the row's own id and has its entity's shape all the way down
 * (shared/shape-check.ts: types, enums, numbers' bounds), so a wrong type deep inside cannot reach
 * a reminder, the tray or a view; members the entity does not have are dropped, as a parse would. A row that fails is skipped with a log line, never thrown, so
 * one damaged row cannot hide the rest of a list, and reported, so the next sync gets it again
 * from the platform.
 */
import type { Logger } from '../../core/ports/logger'
import { errorMessage } from '../../../shared/error-message'
import { Expert, Invite, Message, Session } from '../../../shared/protocol'
import { mostJsonBytes } from '../../../shared/protocol/message-size'
import { shapeCheck, type ShapeCheck } from '../../../shared/shape-check'
import type { z } from 'zod'

/**
 * A row that carries an entity's id and its stored JSON, as selected by storedJson or withRequest:
 * the text, or the number of bytes it holds when that is more than its entity can be (the text
 * itself is then never read).
 */
export interface StoredRow {
  readonly id: string
  readonly json: string | number
}

/** The JSON stored for an invite or a session: the entity without its request. */
export function withoutRequest(entity: { readonly request: unknown }): string {
  const { request: _request, ...rest } = entity
  return JSON.stringify(rest)
}

/**
 * SQL for the JSON of a `table` row (invites or sessions) joined with `requests`: the request
 * spliced in as the first member. Plain text concatenation, since both parts are JSON objects the
 * cache wrote itself and `rest` always has an id; json_set would parse and re-serialize both.
 * Bounded as storedJson is, by both parts' sizes together.
 */
export function withRequest(table: 'invites' | 'sessions'): string {
  const kind = table === 'invites' ? STORED.invite : STORED.session
  return bounded(
    `octet_length(requests.json) + octet_length(${table}.json)`,
    `'{"request":' || requests.json || ',' || substr(${table}.json, 2)`,
    kind,
  )
}

/** SQL for the JSON in `column`, bounded by what `kind` can hold (see bounded). */
export function storedJson(column: string, kind: StoredKind<unknown>): string {
  return bounded(`octet_length(${column})`, `CAST(${column} AS TEXT)`, kind)
}

/**
 * SQL for `fn` (json_extract or json_type) of `path` in the JSON in `column`; null where that is
 * not JSON or larger than `kind` can be. SQLite parses the whole text for it, so a damaged row must
 * be passed over rather than stop the query, and a huge one rather than be parsed.
 */
export function storedMember(
  column: string,
  path: string,
  kind: StoredKind<unknown>,
  fn: 'json_extract' | 'json_type' = 'json_extract',
): string {
  return `CASE WHEN octet_length(${column}) > ${kind.mostBytes} THEN NULL
    WHEN json_valid(${column}) THEN ${fn}(${column}, '${path}') END`
}

/**
 * `text` when `size` is within what `kind` can hold, else `size`. An edited row can hold text of
 * any length: read whole it costs memory and seconds at every read, and past the engine's longest
 * string the read fails, and the whole list with it. octet_length of a column reads
 * only the record's header, so a row too large is refused without its text being read.
 */
function bounded(size: string, text: string, kind: StoredKind<unknown>): string {
  return `CASE WHEN ${size} <= ${kind.mostBytes} THEN ${text} ELSE ${size} END`
}

/** Where a row skipped on reading is told: the log, and whoever gets it back from the platform. */
export interface SkippedRows {
  readonly logger: Logger
  /** Called for each row skipped, after its log line. */
  skipped(): void
}

/** What a row holds: the word for the log, and the shape of its entity (with its request spliced in). */
export interface StoredKind<T> {
  readonly what: string
  readonly shape: ShapeCheck
  /** The most bytes its JSON can take: the protocol bounds every text and list of it. */
  readonly mostBytes: number
  /** Never set: carries the entity's type to parseStored. */
  readonly entity?: T
}

/**
 * Built with the module, as the schemas it comes from are: building it walks the whole schema,
 * which on the first read after a start would cost as much again as checking the first page.
 */
function storedKind<T>(what: string, schema: z.ZodType<T>): StoredKind<T> {
  const mostBytes = mostJsonBytes(schema)
  // Inlined into SQL, so a protocol that lost a bound must fail here, not in a statement.
  if (!Number.isSafeInteger(mostBytes)) throw new Error(`The protocol leaves ${what} unbounded`)
  return { what, shape: shapeCheck(schema), mostBytes }
}

/** The kinds of entity the cache stores as JSON. */
export const STORED: {
  readonly invite: StoredKind<Invite>
  readonly session: StoredKind<Session>
  readonly message: StoredKind<Message>
  readonly expert: StoredKind<Expert>
} = {
  invite: storedKind('invite', Invite),
  session: storedKind('session', Session),
  message: storedKind('message', Message),
  expert: storedKind('expert', Expert),
}

/** The entity stored in `row`, or null (logged) when its JSON does not parse or is not one. */
export function parseStored<T>(row: StoredRow, kind: StoredKind<T>, report: SkippedRows): T | null {
  if (typeof row.json === 'number') {
    skipped(row, kind, `its stored copy is ${row.json} bytes, more than ${article(kind.what)} can be`, report)
    return null
  }
  let value: unknown
  try {
    value = JSON.parse(row.json)
  } catch (error) {
    skipped(row, kind, `its stored copy does not parse (${errorMessage(error)})`, report)
    return null
  }
  const problem = shapeProblem(value, row.id, kind)
  if (problem === null) return value as T
  skipped(row, kind, `its stored copy is not ${article(kind.what)} (${problem})`, report)
  return null
}

/** Why `value` cannot be the entity of the row `id`, or null. */
function shapeProblem(value: unknown, id: string, kind: StoredKind<unknown>): string | null {
  if (!isObject(value)) return 'not a JSON object'
  if (value['id'] !== id) return 'its id is not the row’s'
  return kind.shape(value)
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The entities stored in `rows`, in order, without the rows that do not parse or fit. */
export function parseAllStored<T>(
  rows: ReadonlyArray<StoredRow>,
  kind: StoredKind<T>,
  report: SkippedRows,
): T[] {
  const entities: T[] = []
  for (const row of rows) {
    const entity = parseStored(row, kind, report)
    if (entity !== null) entities.push(entity)
  }
  return entities
}

function skipped(row: StoredRow, kind: StoredKind<unknown>, problem: string, report: SkippedRows): void {
  report.logger.warn(
    `Skipped the cached ${kind.what} ${row.id}: ${problem}; the next sync gets it again from the platform.`,
  )
  report.skipped()
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`
}
