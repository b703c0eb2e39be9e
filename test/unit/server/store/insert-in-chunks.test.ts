import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { preparedOnce } from '../../../../server/src/store/prepared-once'
import {
  chunkSize,
  insertInChunks,
  MAX_CHUNK,
  type ChunkedInsert,
} from '../../../../server/src/store/insert-in-chunks'

const INVITES: ChunkedInsert = {
  table: 'invites',
  shared: [
    ['request_id', 'req_1'],
    ['state', 'open'],
  ],
  columns: ['id', 'expert_id'],
}

const rowsOf = (count: number): string[][] =>
  Array.from({ length: count }, (_, i) => [`inv_${String(i).padStart(4, '0')}`, `exp_${i}`])

describe('insertInChunks', () => {
  let db: Database.Database
  let texts: Set<string>
  let sql: Database.Database['prepare']

  beforeEach(() => {
    db = new Database(':memory:')
    db.exec(`CREATE TABLE invites (id TEXT PRIMARY KEY, request_id TEXT NOT NULL, expert_id TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('open', 'taken')))`)
    texts = new Set()
    const once = preparedOnce(db)
    sql = ((source: string) => {
      texts.add(source)
      return once(source)
    }) as Database.Database['prepare']
  })
  afterEach(() => db.close())

  const stored = (): Array<{ id: string; request_id: string; expert_id: string; state: string }> =>
    db.prepare('SELECT id, request_id, expert_id, state FROM invites ORDER BY rowid').all() as never

  it.each([0, 1, 2, 3, 100, MAX_CHUNK, MAX_CHUNK + 1, 1_000])(
    'inserts %i rows in order, each with the shared values',
    (count) => {
      insertInChunks(sql, INVITES, rowsOf(count))
      expect(stored()).toEqual(
        rowsOf(count).map(([id, expertId]) => ({
          id,
          request_id: 'req_1',
          expert_id: expertId,
          state: 'open',
        })),
      )
    },
  )

  it('serves every count with at most one statement per power of two', () => {
    for (let count = 1; count <= 300; count++) {
      db.exec('DELETE FROM invites')
      insertInChunks(sql, INVITES, rowsOf(count))
    }
    expect(texts.size).toBe(Math.log2(MAX_CHUNK) + 1)
  })

  it('takes the largest power of two that fits what is left', () => {
    expect([1, 2, 3, 100, 127, 128, 129, 10_000].map(chunkSize)).toEqual([1, 2, 2, 64, 64, 128, 128, 128])
  })

  it('refuses a row of the wrong width before inserting any', () => {
    const rows = [...rowsOf(200), ['inv_x']]
    expect(() => insertInChunks(sql, INVITES, rows)).toThrow('A row for invites has 1 values for 2 columns')
    expect(stored()).toEqual([])
  })

  it('fails as SQLite does on a constraint, and a transaction around it keeps nothing', () => {
    const rows = [...rowsOf(150), ['inv_0003', 'exp_again']]
    expect(() => db.transaction(() => insertInChunks(sql, INVITES, rows))()).toThrow(
      /UNIQUE constraint failed/,
    )
    expect(stored()).toEqual([])
  })
})
