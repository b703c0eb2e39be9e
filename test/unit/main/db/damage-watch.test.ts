import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { isDamage, reportingDamage } from '../../../../src/main/db/damage-watch'

class Store {
  private readonly calls: string[] = []
  read(what: string): string[] {
    this.calls.push(what)
    return [...this.calls]
  }
  fail(error: Error): never {
    throw error
  }
}

describe("watching a store's calls for a damaged file", () => {
  it('passes calls and answers through, its own fields included', () => {
    const damage: Error[] = []
    const store = reportingDamage(new Store(), (error) => damage.push(error))
    expect(store.read('a')).toEqual(['a'])
    expect(store.read('b')).toEqual(['a', 'b'])
    expect(store.read).toBe(store.read)
    expect(damage).toEqual([])
  })

  it('calls a method set on the store after it was first used, and the store’s own once it is gone', () => {
    const store = reportingDamage(new Store(), () => {})
    expect(store.read('a')).toEqual(['a'])
    Object.assign(store, { read: () => ['replaced'] })
    expect(store.read('b')).toEqual(['replaced'])
    delete (store as unknown as Record<string, unknown>)['read']
    expect(store.read('c')).toEqual(['a', 'c'])
  })

  it("tells SQLite's word that the file is damaged, and throws every failure on as it was", () => {
    const damage: Error[] = []
    const store = reportingDamage(new Store(), (error) => damage.push(error))
    const corrupt = new Database.SqliteError('database disk image is malformed', 'SQLITE_CORRUPT')
    const notADatabase = new Database.SqliteError('file is not a database', 'SQLITE_NOTADB')
    const full = new Database.SqliteError('database or disk is full', 'SQLITE_FULL')
    const other = new Error('not the file')
    for (const error of [corrupt, notADatabase, full, other]) expect(() => store.fail(error)).toThrow(error)
    expect(damage).toEqual([corrupt, notADatabase])
    expect([corrupt, notADatabase, full, other].map(isDamage)).toEqual([true, true, false, false])
    expect(isDamage(new Database.SqliteError('index', 'SQLITE_CORRUPT_INDEX'))).toBe(true)
  })
})
