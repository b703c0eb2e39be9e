// The damaged file itself refusing to move while its companions could (on Windows, another program
// holding it open, as an antivirus scan does): the file must keep its -wal, or the next start opens
// it without the changes still in the WAL, which sit beside a copy of another name.
import * as fs from 'node:fs'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it, vi } from 'vitest'
import { moveAside } from '../../../../src/main/db/quarantine'
import { useTempDirs } from './cache-test-kit'

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof fs>()
  return { ...real, renameSync: vi.fn(real.renameSync) }
})

const tempDir = useTempDirs()

it('leaves the file with its -wal and -shm when the file itself cannot be moved, and says why', () => {
  const path = join(tempDir(), 'cache.db')
  writeFileSync(path, 'main')
  writeFileSync(`${path}-wal`, 'wal')
  writeFileSync(`${path}-shm`, 'shm')
  const real = vi.mocked(fs.renameSync).getMockImplementation()!
  vi.mocked(fs.renameSync).mockImplementation((from, to) => {
    if (from === path)
      throw Object.assign(new Error(`EBUSY: resource busy or locked, rename '${path}'`), { code: 'EBUSY' })
    real(from, to)
  })
  try {
    expect(() => moveAside(path, Date.UTC(2026, 10, 27))).toThrow(/EBUSY/)
  } finally {
    vi.mocked(fs.renameSync).mockImplementation(real)
  }
  expect(readdirSync(join(path, '..')).sort()).toEqual(['cache.db', 'cache.db-shm', 'cache.db-wal'])
  expect(readFileSync(`${path}-wal`, 'utf8')).toBe('wal')
})
