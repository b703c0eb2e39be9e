// What may sit at the cache's path instead of a file, opened as the app opens it (the full check
// only after an unclean exit, which reads the file's header first).
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readlinkSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CacheUnavailableError, openCache } from '../../../../src/main/db/open-cache'
import { useTempDirs } from './cache-test-kit'

const tempDir = useTempDirs()
const now = () => Date.UTC(2026, 10, 27, 12, 0, 0)
const posix = process.platform !== 'win32'
const open = (path: string) => openCache({ path, now, integrityCheck: 'after-unclean-exit' })

describe('what is at the cache path when it is not a file', () => {
  it('refuses a folder with a sentence that says so, and leaves it and what it holds alone', () => {
    const path = join(tempDir(), 'cache.db')
    mkdirSync(path)
    writeFileSync(join(path, 'notes.txt'), 'the expert’s own')
    expect(() => open(path)).toThrow(CacheUnavailableError)
    expect(() => open(path)).toThrow(
      /a folder is there, where its file should be\. Move or rename that folder/,
    )
    expect(readdirSync(path)).toEqual(['notes.txt'])
  })

  it.runIf(posix && existsSync('/dev/zero'))(
    'moves a link to a device aside, not the device, opens a fresh cache and says so once',
    () => {
      const dir = tempDir()
      const path = join(dir, 'cache.db')
      symlinkSync('/dev/zero', path)
      const opened = open(path)
      expect(opened.rebuilt?.reason).toBe(`${path} is not a regular file`)
      expect(opened.rebuilt?.message).toMatch(/being rebuilt from the platform/)
      expect(readlinkSync(opened.rebuilt?.damagedCopy ?? '')).toBe('/dev/zero')
      expect(lstatSync(path).isFile()).toBe(true)
      opened.close()
      const again = open(path)
      expect(again.rebuilt).toBeNull()
      again.close()
    },
  )

  it.runIf(posix)('moves a link to nothing aside and opens a fresh cache in its place', () => {
    const dir = tempDir()
    const path = join(dir, 'cache.db')
    symlinkSync(join(dir, 'gone', 'cache.db'), path)
    const opened = open(path)
    expect(opened.rebuilt?.reason).toBe(`${path} is a link to nothing`)
    expect(lstatSync(path).isFile()).toBe(true)
    expect(existsSync(join(dir, 'gone'))).toBe(false)
    opened.close()
  })
})
