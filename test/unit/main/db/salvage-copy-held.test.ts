// The private copy the salvage reads without the WAL refusing to go once read (on Windows, a virus
// scan holding the file just written): the start must still open the new cache with the marks
// carried over (a later start removes the copy, salvage-kill-9.test.ts).
import * as fs from 'node:fs'
import { join } from 'node:path'
import { expect, it, vi } from 'vitest'
import { openCache } from '../../../../src/main/db/open-cache'
import { cacheThatShowedOne, putOtherDatabasesWal, useTempDirs } from './cache-test-kit'

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof fs>()
  return { ...real, rmSync: vi.fn(real.rmSync) }
})

const tempDir = useTempDirs()

it('opens with the marks carried over when the copy will not go', () => {
  const dir = tempDir()
  const path = join(dir, 'cache.db')
  cacheThatShowedOne(path)
  putOtherDatabasesWal(dir, `${path}-wal`)
  const real = vi.mocked(fs.rmSync).getMockImplementation()!
  // Every removal refused while the start opens the cache.
  vi.mocked(fs.rmSync).mockImplementation((target) => {
    throw Object.assign(new Error(`EBUSY: resource busy or locked, rm '${String(target)}'`), {
      code: 'EBUSY',
    })
  })
  let opened
  try {
    opened = openCache({ path })
  } finally {
    vi.mocked(fs.rmSync).mockImplementation(real)
  }
  expect(opened.rebuilt?.salvaged).toEqual({ rows: 1, unreadable: [] })
  expect(opened.db.open).toBe(true)
  opened.close()
})
