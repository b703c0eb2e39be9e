import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fileTimestamp, moveAside, quarantinePath } from '../../../../src/main/db/quarantine'
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
