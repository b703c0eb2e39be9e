import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  DAMAGED_COPIES_KEPT,
  fileTimestamp,
  moveAside,
  pruneQuarantined,
  quarantinePath,
} from '../../../../src/main/db/quarantine'
import { useTempDirs } from './cache-test-kit'

const tempDir = useTempDirs()
const at = Date.UTC(2026, 10, 27, 12, 0, 0, 345)

describe('moving a damaged cache aside', () => {
  it('stamps the name with the UTC time, to the second', () => {
    expect(fileTimestamp(at)).toBe('20261127T120000Z')
    expect(quarantinePath('/d/cache.db', at, () => false)).toBe('/d/cache.db.corrupt-20261127T120000Z')
  })

  it('never reuses a name, its companions included', () => {
    const taken = new Set([
      '/d/cache.db.corrupt-20261127T120000Z',
      '/d/cache.db.corrupt-20261127T120000Z-2-wal',
    ])
    expect(quarantinePath('/d/cache.db', at, (p) => taken.has(p))).toBe(
      '/d/cache.db.corrupt-20261127T120000Z-3',
    )
  })

  it('moves the file with its -wal and -shm, keeping their bytes, and deletes nothing', () => {
    const path = join(tempDir(), 'cache.db')
    writeFileSync(path, 'main')
    writeFileSync(`${path}-wal`, 'wal')
    writeFileSync(`${path}-shm`, 'shm')
    const first = moveAside(path, at)
    expect(first).toBe(`${path}.corrupt-20261127T120000Z`)
    expect([
      readFileSync(first, 'utf8'),
      readFileSync(`${first}-wal`, 'utf8'),
      readFileSync(`${first}-shm`, 'utf8'),
    ]).toEqual(['main', 'wal', 'shm'])
    expect([path, `${path}-wal`, `${path}-shm`].some(existsSync)).toBe(false)
    writeFileSync(path, 'second')
    const second = moveAside(path, at)
    expect(second).toBe(`${path}.corrupt-20261127T120000Z-2`)
    expect(readFileSync(first, 'utf8')).toBe('main')
    expect(readFileSync(second, 'utf8')).toBe('second')
  })
})

describe('keeping only the newest damaged copies', () => {
  const hour = 3_600_000

  /** Damage the cache at `path` and move it aside at `when`, with a WAL beside it. */
  function damageAndMove(path: string, when: number): string {
    writeFileSync(path, `damaged at ${when}`)
    writeFileSync(`${path}-wal`, 'wal')
    return moveAside(path, when)
  }

  it('removes the sets beyond the newest few, companions included, and says how many', () => {
    const dir = tempDir()
    const path = join(dir, 'cache.db')
    const copies = [0, 1, 2, 3, 4].map((h) => damageAndMove(path, at + h * hour))
    const newest = copies[4] ?? ''
    expect(pruneQuarantined(path, newest)).toEqual({ removed: 5 - DAMAGED_COPIES_KEPT, left: [] })
    const kept = copies.slice(5 - DAMAGED_COPIES_KEPT)
    expect(readdirSync(dir).sort()).toEqual(
      kept.flatMap((c) => [c, `${c}-wal`]).map((c) => c.slice(dir.length + 1)),
    )
    expect(readFileSync(newest, 'utf8')).toBe(`damaged at ${at + 4 * hour}`)
    // A start that finds nothing beyond the limit removes nothing.
    expect(pruneQuarantined(path, newest)).toEqual({ removed: 0, left: [] })
  })

  it('orders copies of the same second by their -n, and never removes the copy just made', () => {
    const dir = tempDir()
    const path = join(dir, 'cache.db')
    // A clock set back: the copy just made carries the oldest stamp of all.
    for (const n of [1, 2, 3, 4]) damageAndMove(path, at + 5 * hour + n)
    for (const _ of [1, 2, 3]) damageAndMove(path, at + 6 * hour)
    const justMade = damageAndMove(path, at)
    expect(pruneQuarantined(path, justMade)).toEqual({ removed: 8 - DAMAGED_COPIES_KEPT, left: [] })
    expect(readdirSync(dir).filter((name) => !name.endsWith('-wal'))).toEqual([
      'cache.db.corrupt-20261127T120000Z',
      'cache.db.corrupt-20261127T180000Z-2',
      'cache.db.corrupt-20261127T180000Z-3',
    ])
  })

  it('touches nothing but the names it makes, removes a link without following it, and leaves a folder', () => {
    const dir = tempDir()
    const outside = tempDir()
    const path = join(dir, 'cache.db')
    const strangers = [
      'cache.db',
      'cache.db.corrupt-20200101T000000Z.bak',
      'cache.db.corrupt-20200101T000000',
      'cache.db.corrupt-20200101T000000Z-0',
      'cache.db.corrupt-20200101T000000Z-wal.old',
      'cache.dbXcorrupt-20200101T000000Z',
      'other.db.corrupt-20200101T000000Z',
      'notes.txt',
    ]
    for (const name of strangers) writeFileSync(join(dir, name), name)
    const target = join(outside, 'precious')
    writeFileSync(target, 'precious')
    symlinkSync(target, join(dir, 'cache.db.corrupt-20200101T000000Z'))
    mkdirSync(join(dir, 'cache.db.corrupt-20200101T000001Z-wal'))
    const justMade = [1, 2, 3].map((h) => damageAndMove(path, at + h * hour))[2] ?? ''
    writeFileSync(path, 'the fresh cache')
    const result = pruneQuarantined(path, justMade)
    expect(result).toEqual({ removed: 1, left: [join(dir, 'cache.db.corrupt-20200101T000001Z-wal')] })
    expect(readFileSync(target, 'utf8')).toBe('precious')
    expect(existsSync(join(dir, 'cache.db.corrupt-20200101T000000Z'))).toBe(false)
    for (const name of strangers.slice(1)) expect(readFileSync(join(dir, name), 'utf8')).toBe(name)
    expect(readFileSync(path, 'utf8')).toBe('the fresh cache')
  })
})
