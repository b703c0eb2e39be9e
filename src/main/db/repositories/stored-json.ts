/**
 * Reading what the cache stored. Rows hold the protocol JSON exactly as the platform sent it, and
 * each is checked against the protocol's schema again as it is read: the file is outside the
 * app's control (a damaged disk, an edit, another program), and a row that parses as JSON but is
 * not the entity would reach the pages as one. A row that does not parse or does not fit is
 * skipped with a log line, never thrown, so one damaged row cannot hide the rest of a list, and
 * reported, so the next sync rebuilds it from the platform.
 */
import type { z } from 'zod'
import type { Logger } from '../../core/ports/logger'
import { errorMessage } from '../../../shared/error-message'
import { Expert, Invite, Message, Session } from '../../../shared/protocol/entities'

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

/** What a row holds: the word for the log and the protocol schema it must fit. */
export interface StoredKind<T> {
  readonly what: string
  readonly schema: z.ZodType<T>
}

/** The kinds of entity the cache stores as JSON. */
export const STORED = {
  invite: { what: 'invite', schema: Invite },
  session: { what: 'session', schema: Session },
  message: { what: 'message', schema: Message },
  expert: { what: 'expert', schema: Expert },
} as const satisfies Record<string, StoredKind<unknown>>

/** The entity stored in `row`, or null (logged) when its JSON does not parse or fit its schema. */
export function parseStored<T>(row: StoredRow, kind: StoredKind<T>, report: SkippedRows): T | null {
  let value: unknown
  try {
    value = JSON.parse(row.json)
  } catch (error) {
    skipped(row, kind, `its stored copy does not parse (${errorMessage(error)})`, report)
    return null
  }
  const checked = kind.schema.safeParse(value)
  if (checked.success) return checked.data
  // Field names only: a value could be anything the file was made to hold.
  const fields = [...new Set(checked.error.issues.map((issue) => issue.path.join('.') || '(the row)'))]
  skipped(row, kind, `its stored copy is not ${article(kind.what)} (${fields.join(', ')})`, report)
  return null
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
