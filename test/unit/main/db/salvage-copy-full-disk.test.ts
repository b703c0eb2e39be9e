// The private copy the salvage reads past a refused header failing on a full disk (a cache of
// gigabytes copied whole where the disk cannot share its blocks): the start must still open the new
// cache, leave no part of the copy behind, and say why no marks were carried over.
import * as fs from 'node:fs'
import { join } from 'node:path'
import { expect, it, vi } from 'vitest'
import { openCache } from '../../../../src/main/db/open-cache'
import { cacheThatShowedOne, useTempDirs } from './cache-test-kit'

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof fs>()
  return { ...real, copyFileSync: vi.fn(real.copyFileSync) }
})

const tempDir = useTempDirs()

it('rebuilds, removes the part copied and says the disk is full when the copy to read the marks from fails', () => {
  const dir = tempDir()
  const path = join(dir, 'cache.db')
  cacheThatShowedOne(path)
  const bytes = fs.readFileSync(path)
  // One damaged byte of the header: its schema format past SQLite's.
  bytes[47] = 5
  fs.writeFileSync(path, bytes)
  const real = vi.mocked(fs.copyFileSync).getMockImplementation()!
  // The disk fills halfway through the copy, as it does for a copy that shares no blocks.
  vi.mocked(fs.copyFileSync).mockImplementation((_from, to) => {
    fs.writeFileSync(to, bytes.subarray(0, bytes.length / 2))
    throw Object.assign(new Error(`ENOSPC: no space left on device, copyfile '${String(to)}'`), {
      code: 'ENOSPC',
    })
  })
  let opened
  try {
    opened = openCache({ path })
  } finally {
    vi.mocked(fs.copyFileSync).mockImplementation(real)
  }
  expect(opened.rebuilt?.salvaged.rows).toBe(0)
  expect(opened.rebuilt?.salvaged.unreadable.join('; ')).toMatch(/copy.*no space left on device/)
  expect(fs.readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([])
  expect(opened.db.open).toBe(true)
  opened.close()
})
