/**
 * Reading what the cache stored. Rows hold the protocol JSON exactly as the platform sent it and
 * are not parsed with the protocol's schemas again: that costs far more than the read, most of all
 * on the first page after a start (`npm run bench -- cache`). What is checked is cheaper and
 * catches a row that was not written for its place (an edit, another program, a damaged page that
 * still parses): the JSON carries the row's own id and has its entity's shape all the way down
 * (shared/shape-check.ts: types, enums, numbers' bounds), so a wrong type deep inside cannot reach
 * a reminder, the tray or a view. A row that fails is skipped with a log line, never thrown, so
 * one damaged row cannot hide the rest of a list, and reported, so the next sync gets it again
 * from the platform.
 */
import type { Logger } from '../../core/ports/logger'
import { errorMessage } from '../../../shared/error-message'
import { Expert, Invite, Message, Session } from '../../../shared/protocol'
import { shapeCheck, type ShapeCheck } from '../../../shared/shape-check'
import type { z } from 'zod'

/** A row that carries an entity's id and its stored JSON. */
export interface StoredRow {
  readonly id: string
  readonly json: string
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
 */
export function withRequest(table: 'invites' | 'sessions'): string {
  return `'{"request":' || requests.json || ',' || substr(${table}.json, 2)`
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
  /** Never set: carries the entity's type to parseStored. */
  readonly entity?: T
}

/**
 * Built with the module, as the schemas it comes from are: building it walks the whole schema,
 * which on the first read after a start would cost as much again as checking the first page.
 */
function storedKind<T>(what: string, schema: z.ZodType<T>): StoredKind<T> {
  return { what, shape: shapeCheck(schema) }
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
