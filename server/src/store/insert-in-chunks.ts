/**
 * Many rows into one table with a few statements instead of one each. A fan-out's hundred invites
 * cost more in statement calls and bound values than in SQLite's own work: here each statement
 * takes up to MAX_CHUNK rows, and the values every row shares are bound once per statement.
 */
import type Database from 'better-sqlite3'

/** The most rows one statement inserts. Chunks are powers of two up to it, so a handful of prepared statements serve every count. */
export const MAX_CHUNK = 128

/** A column every row gets the same value in. */
export type SharedColumn = readonly [column: string, value: unknown]

/** What to insert: the table, the columns whose value all rows share, and each row's own columns. */
export interface ChunkedInsert {
  readonly table: string
  readonly shared: ReadonlyArray<SharedColumn>
  readonly columns: ReadonlyArray<string>
}

/**
 * Insert `rows` (each a value per `columns`, in that order), in order. `sql` must hand back the same
 * statement for the same text (a prepared-once cache), or every call compiles its statements anew.
 */
export function insertInChunks(
  sql: Database.Database['prepare'],
  insert: ChunkedInsert,
  rows: ReadonlyArray<ReadonlyArray<unknown>>,
): void {
  // Checked before the first chunk goes in, so a bad row inserts nothing.
  const misfit = rows.find((row) => row.length !== insert.columns.length)
  if (misfit !== undefined) {
    throw new Error(
      `A row for ${insert.table} has ${misfit.length} values for ${insert.columns.length} columns`,
    )
  }
  const sharedValues = insert.shared.map(([, value]) => value)
  for (let start = 0; start < rows.length;) {
    const size = chunkSize(rows.length - start)
    const args: unknown[] = [...sharedValues]
    for (let i = start; i < start + size; i++) args.push(...(rows[i] as ReadonlyArray<unknown>))
    sql(chunkStatement(insert, size)).run(args)
    start += size
  }
}

/** The largest power of two up to MAX_CHUNK that is at most `left`. */
export function chunkSize(left: number): number {
  let size = MAX_CHUNK
  while (size > left) size >>= 1
  return size
}

/** The statement inserting `size` rows: shared values first, then each row's. */
export function chunkStatement(insert: ChunkedInsert, size: number): string {
  const names = [...insert.shared.map(([column]) => column), ...insert.columns]
  const select = [...insert.shared.map(() => '?'), ...insert.columns.map((_, i) => `column${i + 1}`)]
  const row = `(${insert.columns.map(() => '?').join(', ')})`
  return (
    `INSERT INTO ${insert.table} (${names.join(', ')}) SELECT ${select.join(', ')} ` +
    `FROM (VALUES ${Array.from({ length: size }, () => row).join(', ')})`
  )
}
