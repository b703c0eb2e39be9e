import Database from 'better-sqlite3'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { preparedOnUse } from '../../../../src/main/db/repositories/prepared-on-use'

describe('preparedOnUse', () => {
  let db: Database.Database | undefined
  afterEach(() => db?.close())

  it('compiles nothing until the statement is first used, then reuses what it compiled', () => {
    db = new Database(':memory:')
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)')
    const prepare = vi.spyOn(db, 'prepare')
    const insert = preparedOnUse<[number, string]>(db, 'INSERT INTO t (id, name) VALUES (?, ?)')
    const names = preparedOnUse<[], { name: string }>(db, 'SELECT name FROM t ORDER BY id')
    expect(prepare).not.toHaveBeenCalled()

    insert.run(1, 'Ada')
    insert.run(2, 'Grace')
    expect(names.all()).toEqual([{ name: 'Ada' }, { name: 'Grace' }])
    expect(names.pluck().all()).toEqual(['Ada', 'Grace'])
    expect(prepare).toHaveBeenCalledTimes(2)
  })

  it('reports a statement SQLite cannot compile when it is first used, as prepare would', () => {
    db = new Database(':memory:')
    const broken = preparedOnUse(db, 'SELECT * FROM no_such_table')
    expect(() => broken.all()).toThrow(/no such table: no_such_table/)
  })
})
