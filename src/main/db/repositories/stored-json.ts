/**
 * Reading what the cache stored. Rows hold the protocol JSON exactly as the platform sent it and
 * are not validated again; a row that does not parse is skipped with a log line, never thrown,
 * so one damaged row cannot hide the rest of a list.
 */
import type { Logger } from '../../core/ports/logger'
import { errorMessage } from '../../../shared/error-message'

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

/** The entity stored in `row`, or null (logged) when its JSON does not parse. */
export function parseStored<T>(row: StoredRow, what: string, logger: Logger): T | null {
  try {
    return JSON.parse(row.json) as T
  } catch (error) {
    const reason = errorMessage(error)
    logger.warn(
      `Skipped the cached ${what} ${row.id}: its stored copy does not parse (${reason}); ` +
        'it shows again once the platform sends it.',
    )
    return null
  }
}

/** The entities stored in `rows`, in order, without the rows that do not parse. */
export function parseAllStored<T>(rows: ReadonlyArray<StoredRow>, what: string, logger: Logger): T[] {
  const entities: T[] = []
  for (const row of rows) {
    const entity = parseStored<T>(row, what, logger)
    if (entity !== null) entities.push(entity)
  }
  return entities
}
