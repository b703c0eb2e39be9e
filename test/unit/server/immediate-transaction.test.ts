import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { inImmediateTransaction } from '../../../server/src/db/immediate-transaction'
import { allocatedBy } from '../../support/allocated-by'

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

  // The platform opens one for every change and twice more around a fan-out's sends: garbage per
  // transaction brings the next collection, and its pause, closer.
  it('costs no wrapper of its own each time', () => {
    const db = table()
    const work = (): number => 1
    inImmediateTransaction(db, work)
    const transactions = 5_000
    const bytes = allocatedBy(() => {
      for (let i = 0; i < transactions; i++) inImmediateTransaction(db, work)
    })
    // Four wrapper functions and their property records are a kilobyte or more each time.
    expect(bytes / transactions).toBeLessThan(200)
  })
})
