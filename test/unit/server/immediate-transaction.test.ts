import Database from 'better-sqlite3'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { inImmediateTransaction } from '../../../server/src/db/immediate-transaction'

const opened: Database.Database[] = []

function table(): Database.Database {
  const db = new Database(':memory:')
  opened.push(db)
  db.exec('CREATE TABLE t (n INTEGER NOT NULL)')
  return db
}

const count = (db: Database.Database): unknown => db.prepare('SELECT COUNT(*) FROM t').pluck().get()

afterEach(() => {
  for (const db of opened.splice(0)) db.close()
})

describe('a transaction begun immediately', () => {
  it('keeps what its work wrote, and hands back what the work returned', () => {
    const db = table()
    const result = inImmediateTransaction(db, () => {
      db.prepare('INSERT INTO t VALUES (1)').run()
      return 'done'
    })
    expect(result).toBe('done')
    expect(count(db)).toBe(1)
    expect(db.inTransaction).toBe(false)
  })

  it('writes nothing when its work throws, and rethrows', () => {
    const db = table()
    expect(() =>
      inImmediateTransaction(db, () => {
        db.prepare('INSERT INTO t VALUES (1)').run()
        throw new Error('broken')
      }),
    ).toThrow('broken')
    expect(count(db)).toBe(0)
  })

  it('inside an open one, undoes only its own part when it throws', () => {
    const db = table()
    inImmediateTransaction(db, () => {
      db.prepare('INSERT INTO t VALUES (1)').run()
      expect(() =>
        inImmediateTransaction(db, () => {
          db.prepare('INSERT INTO t VALUES (2)').run()
          throw new Error('inner')
        }),
      ).toThrow('inner')
    })
    expect(db.prepare('SELECT n FROM t').pluck().all()).toEqual([1])
  })

  // The platform opens one for every change and twice more around a fan-out's sends: better-sqlite3
  // builds four wrapper functions and their properties on each `transaction` call, so the wrapper is
  // built once per database. Counted, not weighed: the bytes a transaction allocates also hold the
  // statements' results, which move with the V8 and better-sqlite3 versions and the machine's load.
  it('builds its wrapper once per database, however many transactions it runs', () => {
    const first = table()
    const second = table()
    const built = [vi.spyOn(first, 'transaction'), vi.spyOn(second, 'transaction')]
    for (let i = 0; i < 3; i++) {
      inImmediateTransaction(first, () => first.prepare('INSERT INTO t VALUES (1)').run())
      inImmediateTransaction(second, () => second.prepare('INSERT INTO t VALUES (2)').run())
    }
    expect(built.map((spy) => spy.mock.calls.length)).toEqual([1, 1])
    expect([count(first), count(second)]).toEqual([3, 3])
  })

  it('refuses work that returns a promise, and writes nothing of it', () => {
    const db = table()
    expect(() =>
      inImmediateTransaction(db, async () => {
        db.prepare('INSERT INTO t VALUES (1)').run()
      }),
    ).toThrow('Transaction function cannot return a promise')
    expect(count(db)).toBe(0)
    expect(db.inTransaction).toBe(false)
  })

  it('says the database is closed when run on one that has been closed', () => {
    const db = table()
    inImmediateTransaction(db, () => 1)
    db.close()
    expect(() => inImmediateTransaction(db, () => 1)).toThrow('The database connection is not open')
  })
})
