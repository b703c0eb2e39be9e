/**
 * The text the cache holds, cleaned again as the app now reads it. Cleaning grew stricter (more
 * invisible characters dropped, braille blanks trimmed, text of only joiners, marks or selectors
 * taken for empty), but a row keeps the text as the version that wrote it cleaned it: the window
 * showed "Sam" and an invisible character as stored, and History's index held it, so a search for
 * Sam never found that client. Each stored entity is read again through its protocol schema, as a
 * platform event is read (leniently: what holds nothing to read becomes U+FFFD), and the rows that
 * reading changes are written again, with the search text of every session whose text changed
 * (its own, or its request's).
 *
 * Only rows with a character past ASCII, or an escape (\u…) in their JSON, are read: cleaning
 * leaves printable ASCII as it was but for trimming, which every version did, so the rest, nearly
 * every row of most caches, costs a scan and no parse; and only those of them with a string that
 * cleaning changes (strings-to-clean.ts, which cleans only the strings past printable ASCII, and
 * no whole row) are parsed and read through their schema. Multi-line cleaning stands for both
 * kinds there: a one-line field never held a line break or a tab, as every version made them
 * spaces, and on other text the two clean alike. A row whose JSON does not parse, is larger than
 * its entity can be, or no longer fits its schema is left as it is: the reader skips it with a log
 * line and the next sync fetches it again (repositories/stored-json.ts), and one damaged row must
 * neither fail the migration nor cost the others their cleaning. The reader checks only a row's
 * shape, so one whose text would be cleaned but whose schema refuses it may still be shown as
 * stored: those are told in one log line, a few of them named.
 */
import type Database from 'better-sqlite3'
import type { z } from 'zod'
import type { Migration } from '../../../shared/sqlite/migrate'
import { Expert, HelpRequest, Invite, Message, Session } from '../../../shared/protocol'
import { describeValue } from '../../../shared/describe-untrusted'
import { STORED } from '../repositories/stored-json'
import { indexAgain } from './search-indexed-again'
import { holdsTextToClean } from './strings-to-clean'

/** Rows read at a time: a page's JSON, not the whole table's, is held at once. */
const ROWS_PER_READ = 500

// What a row must hold for reading it again to change it: a character past ASCII (more bytes
// than characters), or an escape (\u…: a control, a broken character), or DEL. Counting is a
// tight loop in SQLite, far cheaper than matching a pattern against every character. A BLOB
// (another program's write) counts bytes as its length, so it is always read: the app reads it
// as text (repositories/stored-json.ts) and shows what it holds.
const MAY_CHANGE = `(typeof(json) = 'blob' OR length(json) <> octet_length(json)
  OR instr(json, '\\u') > 0 OR instr(json, char(127)) > 0)`

/** A table of stored entities, with the schema its JSON is read with and the most bytes it can be. */
interface CleanedTable {
  readonly table: 'requests' | 'invites' | 'sessions' | 'messages' | 'expert'
  readonly schema: z.ZodType
  readonly mostBytes: number
}

/**
 * The tables read again, built when the migration runs, not at every start: deriving a schema
 * walks it. Invites and sessions are stored without their request, which `requests` holds once;
 * a request is never larger than an invite, which holds one.
 */
function cleanedTables(): ReadonlyArray<CleanedTable> {
  return [
    { table: 'requests', schema: HelpRequest, mostBytes: STORED.invite.mostBytes },
    { table: 'invites', schema: Invite.omit({ request: true }), mostBytes: STORED.invite.mostBytes },
    { table: 'sessions', schema: Session.omit({ request: true }), mostBytes: STORED.session.mostBytes },
    { table: 'messages', schema: Message, mostBytes: STORED.message.mostBytes },
    { table: 'expert', schema: Expert, mostBytes: STORED.expert.mostBytes },
  ]
}

/** Reads every cached entity's text again as the app now does, and indexes the changed sessions again. */
export const m0021TextCleanedAgain: Migration<Database.Database> = {
  version: 21,
  name: '0021-text-cleaned-again',
  up(db, note) {
    const unfit: UnfitRows = { count: 0, named: [] }
    const changed = new Map(cleanedTables().map((each) => [each.table, cleanTable(db, each, unfit)]))
    if (unfit.count > 0) note(unfitLine(unfit))
    const sessions = new Set(changed.get('sessions')?.map((row) => row.rowid))
    const ofRequest = db.prepare<[string], number>('SELECT rowid FROM sessions WHERE request_id = ?').pluck()
    for (const { id } of changed.get('requests') ?? [])
      for (const rowid of ofRequest.all(id)) sessions.add(rowid)
    indexAgain(db, sessions)
  },
}

/** A row written again: sessions are indexed by rowid, and a request is found by the id its sessions name. */
interface WrittenRow {
  readonly rowid: number
  readonly id: string
}

/** The rows whose text cleaning changes but which no longer fit their schema, and so are left as stored. */
interface UnfitRows {
  count: number
  /** The first few, as "sessions ses_1", for the log line. */
  readonly named: string[]
}

const MOST_ROWS_NAMED = 5

/**
 * The one line that says which rows were left uncleaned: a few of them named, however many there
 * are, since every such row would otherwise be left without a word (the reader may still show it).
 */
function unfitLine({ count, named }: UnfitRows): string {
  return (
    `Left ${count} cached ${count === 1 ? 'row' : 'rows'} as ${count === 1 ? 'it was' : 'they were'} ` +
    `while cleaning the cache's text again (${named.join(', ')}${count > named.length ? ', …' : ''}): ` +
    'the text holds characters Standby now drops, but the row does not read as what its table holds; ' +
    'it is shown as stored, or skipped, until the platform sends it again.'
  )
}

/** Writes again each row of `table` whose JSON reading changes, and returns them; counts the unfit ones. */
function cleanTable(
  db: Database.Database,
  { table, schema, mostBytes }: CleanedTable,
  unfit: UnfitRows,
): WrittenRow[] {
  // Named: a table whose key is an integer (the expert's slot) gives rowid that key's name.
  const read = db.prepare<[number, number], { rowid: number; id: string; json: unknown }>(
    `SELECT rowid AS rowid, id, CAST(json AS TEXT) AS json FROM ${table}
     WHERE rowid > ? AND octet_length(json) <= ${mostBytes} AND ${MAY_CHANGE} ORDER BY rowid LIMIT ?`,
  )
  const write = db.prepare<[string, number]>(`UPDATE ${table} SET json = ? WHERE rowid = ?`)
  const written: WrittenRow[] = []
  // Read a page, then write it: better-sqlite3 runs no statement while another is being read.
  let page = read.all(Number.MIN_SAFE_INTEGER, ROWS_PER_READ)
  while (page.length > 0) {
    for (const { rowid, id, json } of page) {
      const cleaned = readAgain(json, schema)
      if (cleaned === UNFIT) {
        unfit.count += 1
        // An id is visible ASCII as the protocol has it; another program's row may hold anything.
        if (unfit.named.length < MOST_ROWS_NAMED) unfit.named.push(`${table} ${describeValue(id)}`)
        continue
      }
      if (cleaned === null) continue
      write.run(cleaned, rowid)
      written.push({ rowid, id })
    }
    page = read.all(page.at(-1)!.rowid, ROWS_PER_READ)
  }
  return written
}

/** What readAgain gives for a row whose text cleaning changes but which its schema refuses. */
const UNFIT = Symbol('unfit')

/**
 * `json` as `schema` now reads it, when that differs from what is stored; null when the same or not
 * JSON (the reader skips and logs such a row), UNFIT when it has text to clean but its schema refuses it.
 */
function readAgain(json: unknown, schema: z.ZodType): string | null | typeof UNFIT {
  // Looked for in the text, not the parsed value: nearly every row past ASCII holds only clean
  // text (a name in Japanese), and parsing it cost the migration most of its time.
  if (typeof json !== 'string' || !holdsTextToClean(json)) return null
  let stored: unknown
  try {
    stored = JSON.parse(json)
  } catch {
    return null
  }
  const read = schema.safeParse(stored)
  if (!read.success) return UNFIT
  // A string that cleaning changes changes the entity: no comparison of the whole is needed.
  const cleaned = JSON.stringify(read.data)
  return cleaned === json ? null : cleaned
}
