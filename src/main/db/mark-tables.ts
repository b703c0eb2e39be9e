/**
 * The tables of marks a damaged cache's replacement takes from it (salvage-marks.ts), and the
 * check each column's value passes: only rows of the types and sizes the cache writes are taken.
 */
import { MOST_PICK_KEYS } from '../../shared/pick-key-rows'
import { MOST_KEPT_RETRY_KEYS, PICK_KEY_ROW } from './repositories/retry-key-repository'

/** What a column of marks holds as the cache writes it. */
type ColumnType = 'text' | 'text or empty' | 'long text' | 'integer' | 'integer or null'

/** A table of marks, with its columns as the cache writes them. */
export interface MarkTable {
  readonly table: string
  readonly columns: ReadonlyArray<readonly [string, ColumnType]>
  readonly newest: string
  /** Columns a damaged copy made before them lacks, and what its rows take instead (SQL). */
  readonly since?: Readonly<Record<string, string>>
  /** The migration that made the table: a copy made before it holds none, and nothing is missing. */
  readonly madeBy?: number
  /** Fewer rows than MAX_ROWS_PER_TABLE: the most the cache keeps of a table of long rows. */
  readonly most?: number
  /**
   * Kinds of rows the cache bounds apart (an SQL test each, with its bound): the newest of each
   * are taken, so newer rows of one kind never take the place of another's.
   */
  readonly kinds?: ReadonlyArray<{ readonly rows: string; readonly most: number }>
}

/**
 * The tables that hold marks, with their columns as the cache writes them and when each mark was
 * made (`newest`, an SQL expression), so a table holding more than is taken gives its newest.
 */
export const MARK_TABLES: ReadonlyArray<MarkTable> = [
  {
    table: 'shown_invites',
    newest: 'at',
    columns: [
      ['id', 'text'],
      ['request_id', 'text or empty'],
      ['at', 'integer'],
    ],
    // A copy from before migration 0019 knows no request: its marks answer for any, as they did.
    since: { request_id: "''" },
  },
  {
    table: 'reminders',
    newest: 'at',
    columns: [
      ['session_id', 'text'],
      ['booked_start', 'integer'],
      ['alert', 'text'],
      ['outcome', 'text'],
      ['at', 'integer'],
    ],
  },
  {
    table: 'reminder_snoozes',
    newest: 'at',
    columns: [
      ['session_id', 'text'],
      ['booked_start', 'integer'],
      ['at', 'integer'],
    ],
  },
  {
    // A Snooze pressed while the time was a guess, which the expert was told is snoozed at the next start.
    table: 'snoozes_awaiting_time',
    newest: 'at',
    columns: [
      ['session_id', 'text'],
      ['booked_start', 'integer'],
      ['request_id', 'text or empty'],
      ['at', 'integer'],
    ],
    madeBy: 23,
  },
  {
    table: 'standing_warnings',
    newest: 'at',
    columns: [
      ['key', 'text'],
      ['at', 'integer'],
    ],
  },
  {
    table: 'message_state',
    // Kept for every cached session's thread, which the cache keeps for good: years of work can
    // hold more than is taken, and the platform refills the recent threads.
    newest: 'max(coalesce(read_at, 0), coalesce(notified_at, 0))',
    columns: [
      ['message_id', 'text'],
      ['read_at', 'integer or null'],
      ['notified_at', 'integer or null'],
    ],
  },
  {
    // A command whose outcome was left open (a message to the client, an accept): sent again
    // under a fresh key after the rebuild, the platform would do it twice.
    table: 'retry_keys',
    newest: 'kept_at',
    columns: [
      ['scope', 'long text'],
      ['command', 'long text'],
      ['key', 'text'],
      ['kept_at', 'integer'],
    ],
    madeBy: 17,
    // Bounded apart as the cache bounds them (retry-key-repository.ts): an older version's picks
    // beside newer commands must not leave a command's key behind.
    kinds: [
      { rows: `NOT (${PICK_KEY_ROW})`, most: MOST_KEPT_RETRY_KEYS },
      { rows: PICK_KEY_ROW, most: MOST_PICK_KEYS },
    ],
  },
]

/** More rows than any table of marks keeps: a bound on what a damaged file can make the start read. */
export const MAX_ROWS_PER_TABLE = 20_000
/** Longer text than any id or key the cache writes is not one of its marks. */
const MAX_TEXT = 256
/** Longer than any command with its payload (a message to the client at its longest, escaped). */
const MAX_LONG_TEXT = 64 * 1024

/** The SQL that holds for `name` when its value is of `type` as the cache writes it. */
export function typeCheck(name: string, type: ColumnType): string {
  switch (type) {
    case 'text':
      return `typeof(${name}) = 'text' AND length(${name}) BETWEEN 1 AND ${MAX_TEXT}`
    case 'text or empty':
      return `typeof(${name}) = 'text' AND length(${name}) <= ${MAX_TEXT}`
    case 'long text':
      return `typeof(${name}) = 'text' AND length(${name}) BETWEEN 1 AND ${MAX_LONG_TEXT}`
    case 'integer':
      return `typeof(${name}) = 'integer'`
    case 'integer or null':
      return `typeof(${name}) IN ('integer', 'null')`
  }
}
