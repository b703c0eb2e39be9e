/**
 * What a damaged cache can still tell its replacement: which invites, reminders, client messages
 * and standing warnings the expert was already shown, which threads they read, and the keys of
 * commands whose outcome was left open. Everything else comes back from the platform, but these
 * exist only here: without them a rebuilt cache shows every open invite and due reminder a second
 * time, and a command sent again goes under a fresh key, which the platform does a second time.
 * They are read from the damaged copy best-effort, table by table, keeping only rows of the types
 * the cache writes; a table that cannot be read is left behind and named for the log.
 */
import Database from 'better-sqlite3'
import { errorMessage } from '../../shared/error-message'
import { foundAt, headerRefused, notACacheFile } from './cache-file-state'
import { distrustSchema } from './distrust-schema'
import { fileWithoutWal, holdsBytes } from './file-without-wal'
import { MARK_TABLES, MAX_ROWS_PER_TABLE, typeCheck, type MarkTable } from './mark-tables'

/** What was carried over: rows per table, and the tables that could not be read, with why. */
export interface SalvagedMarks {
  readonly rows: number
  readonly unreadable: ReadonlyArray<string>
}

/** Copy the marks `damagedCopy` still holds into `fresh`, an empty, migrated cache. Never throws. */
export function salvageMarks(
  fresh: Database.Database,
  damagedCopy: string,
  nativeBinding: string | undefined,
): SalvagedMarks {
  // SQLite opens what it is given blocking: a named pipe moved aside as the damaged "file" (or as
  // its WAL) would hold the start for ever, waiting for a writer.
  const found = foundAt(damagedCopy)
  const notAFile = notACacheFile(damagedCopy, found)
  if (notAFile !== null) {
    const refused = { rows: 0, unreadable: [`the file (${notAFile.reason})`] }
    // Beside a file, what SQLite cannot open (a folder, a pipe, a link at its -wal or -shm) leaves
    // the file to read alone: its marks as a clean close left them.
    return holdsBytes(damagedCopy) ? fromFileAlone(fresh, damagedCopy, nativeBinding, refused) : refused
  }
  const withWal = salvageFrom(fresh, damagedCopy, nativeBinding)
  if (withWal.rows > 0 || (!holdsBytes(`${found.base}-wal`) && headerRefused(damagedCopy) === null))
    return withWal
  // Nothing read through the WAL: it may be another database's, hiding the file's own tables; or
  // its header (one damaged byte) has SQLite refuse every page, which the copy's header reads.
  return fromFileAlone(fresh, damagedCopy, nativeBinding, withWal)
}

/**
 * salvageMarks from the regular file `damagedCopy` read without what is beside it, or `withWal`
 * (what was read otherwise) when that reads none. The copy is made beside the new cache
 * (`fresh.name`), whose open removes one a killed run left.
 */
function fromFileAlone(
  fresh: Database.Database,
  damagedCopy: string,
  nativeBinding: string | undefined,
  withWal: SalvagedMarks,
): SalvagedMarks {
  let alone
  try {
    alone = fileWithoutWal(damagedCopy, fresh.name)
  } catch (error) {
    // Said for the log, which otherwise names only what the first read met (a header refused).
    const copy = `a private copy of the file, to read it past its header and WAL (${errorMessage(error)})`
    return { rows: withWal.rows, unreadable: [...withWal.unreadable, copy] }
  }
  try {
    const fromFile = salvageFrom(fresh, alone.path, nativeBinding)
    return fromFile.rows > 0 ? fromFile : withWal
  } finally {
    alone.remove()
  }
}

/** salvageMarks from `file`, a regular file. */
function salvageFrom(
  fresh: Database.Database,
  file: string,
  nativeBinding: string | undefined,
): SalvagedMarks {
  let damaged: Database.Database
  try {
    const options = { readonly: true, fileMustExist: true }
    damaged = new Database(file, nativeBinding === undefined ? options : { ...options, nativeBinding })
  } catch (error) {
    return { rows: 0, unreadable: [`the file (${errorMessage(error)})`] }
  }
  let rows = 0
  const unreadable: string[] = []
  try {
    // The copy's schema is no longer known to be Standby's: none of its unsafe functions may run,
    // and without that setting nothing is read.
    distrustSchema(damaged)
    readPastSchemaFaults(damaged)
    for (const marks of MARK_TABLES) {
      const { table } = marks
      try {
        rows += copyTable(damaged, fresh, marks)
      } catch (error) {
        unreadable.push(`${table} (${errorMessage(error)})`)
      }
    }
  } catch (error) {
    return { rows, unreadable: [...unreadable, `the file (${errorMessage(error)})`] }
  } finally {
    try {
      damaged.close()
    } catch {
      // A damaged file may fail to close; nothing was written to it.
    }
  }
  return { rows, unreadable }
}

function copyTable(
  from: Database.Database,
  to: Database.Database,
  { table, columns, newest, since = {}, madeBy, most = MAX_ROWS_PER_TABLE, kinds }: MarkTable,
): number {
  const names = columns.map(([name]) => name)
  if (madeBy !== undefined && notYetMade(from, table, madeBy)) return 0
  notATable(from, table)
  const held = new Set<string>()
  for (const [name, hidden] of from
    .prepare(`SELECT name, hidden FROM pragma_table_xinfo('${table}')`)
    .raw()
    .all() as Array<[string, number]>) {
    // A column computed from an expression the copy chose is none the cache wrote, and computing
    // it for each row could take the start any time or memory (a blob of a gigabyte per row).
    if (hidden !== 0 && names.includes(name)) throw new Error(`its column ${name} is computed, not a mark`)
    held.add(name)
  }
  const lacking = (name: string): string | undefined => (held.has(name) ? undefined : since[name])
  const read = names.map((name) => {
    const instead = lacking(name)
    return instead === undefined ? name : `${instead} AS ${name}`
  })
  const where = columns
    .filter(([name]) => lacking(name) === undefined)
    .map(([name, type]) => typeCheck(name, type))
    .join(' AND ')
  // Read in full before writing: a damaged page can fail the read halfway, and then nothing of
  // this table is taken rather than an arbitrary part of it.
  const found = (kinds ?? [{ rows: '1', most }]).flatMap(
    (kind) =>
      from
        .prepare(
          `SELECT ${read.join(', ')} FROM ${table} WHERE ${where} AND (${kind.rows})
           ORDER BY ${newest} DESC LIMIT ${kind.most}`,
        )
        .raw()
        .all() as unknown[][],
  )
  const insert = to.prepare(
    `INSERT OR IGNORE INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
  )
  let copied = 0
  to.transaction(() => {
    // A row the new table's own checks refuse (an alert name too long, an unknown outcome) is skipped.
    for (const row of found) {
      try {
        copied += insert.run(...row).changes
      } catch (error) {
        if (!(error instanceof Database.SqliteError && error.code.startsWith('SQLITE_CONSTRAINT')))
          throw error
      }
    }
  })()
  return copied
}

/** Whether the copy, at a version before `madeBy`, holds no `table`: it had no such marks to keep. */
function notYetMade(from: Database.Database, table: string, madeBy: number): boolean {
  const version = from.pragma('user_version', { simple: true }) as number
  const named = from.prepare(`SELECT 1 FROM sqlite_master WHERE name = ? COLLATE NOCASE`).all(table)
  return version < madeBy && named.length === 0
}

/**
 * Throws unless `table` is a table as the cache makes one. An edited copy can name a view (or a
 * virtual table) like one: reading it runs the copy's own query, which can answer for every invite
 * (each then taken as shown, and a new one never told) or never end.
 */
function notATable(from: Database.Database, table: string): void {
  const held = from
    .prepare(`SELECT type, sql FROM sqlite_master WHERE name = ? COLLATE NOCASE`)
    .raw()
    .all(table) as Array<[unknown, unknown]>
  if (held.length === 0) throw new Error('no such table')
  const [[type, sql]] = held as [[unknown, unknown]]
  if (held.length === 1 && type === 'table' && typeof sql === 'string' && /^CREATE TABLE\b/i.test(sql)) return
  const what =
    held.length > 1
      ? 'a name held twice'
      : type === 'table'
        ? 'a table not as the cache makes one'
        : `a ${String(type)}`
  throw new Error(`${what}, not a table of marks`)
}

/**
 * Have `damaged` read past a schema SQLite cannot read (damage to its page, a statement edited
 * away), which would fail every read, each table of marks intact or not: the tables it can make out
 * are read. The connection is read-only, so this lets nothing be written. Best effort.
 */
function readPastSchemaFaults(damaged: Database.Database): void {
  try {
    damaged.unsafeMode(true)
    damaged.pragma('writable_schema = ON')
  } catch {
    // Then each table is read as SQLite reads it, and one it cannot is named for the log.
  }
}
