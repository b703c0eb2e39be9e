// What else may be at or around the cache's path (a file, or a link to nothing, where its folder
// goes; an empty file): the expert gets a sentence that says what is there and what to do, nothing
// that could be kept is lost, and the start never waits.
import { existsSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { describeStartupFailure } from '../../../../src/main/core/startup/startup-failure'
import { CacheUnavailableError, openCache } from '../../../../src/main/db/open-cache'
import { SqliteCacheStore } from '../../../../src/main/db/sqlite-cache-store'
import { anInvite, FIXTURE_NOW, inviteCreated } from '../../../support/fixtures'
import { linesLogger, useTempDirs } from './cache-test-kit'

const tempDir = useTempDirs()
const open = (path: string) => openCache({ path, integrityCheck: 'after-unclean-exit' })

for (const depth of ['its folder', 'a folder above it'] as const) {
  it(`names a file where ${depth} should be, says to move it, and leaves it as it was`, () => {
    const dir = tempDir()
    const inTheWay = join(dir, 'profile')
    writeFileSync(inTheWay, 'the expert’s own notes')
    const path = depth === 'its folder' ? join(inTheWay, 'cache.db') : join(inTheWay, 'db', 'cache.db')
    let refused: unknown
    try {
      open(path)
    } catch (error) {
      refused = error
    }
    expect(refused).toBeInstanceOf(CacheUnavailableError)
    expect((refused as Error).message).toContain(
      `${inTheWay} is a file, where a folder should be. Move or rename that file`,
    )
    // The start's dialog says the same, not that a folder cannot be written.
    const shown = describeStartupFailure(refused, { logPath: null, packaged: true })
    expect(shown.message).toContain(`${inTheWay} is a file`)
    expect(shown.message).not.toMatch(/writable/)
    expect(readFileSync(inTheWay, 'utf8')).toBe('the expert’s own notes')
  })
}

for (const kind of ['to nothing', 'in a loop'] as const) {
  it(`names a link ${kind} where its folder should be, says what to do, and leaves it as it was`, () => {
    const dir = tempDir()
    const inTheWay = join(dir, 'profile')
    const target = kind === 'to nothing' ? join(dir, 'unmounted', 'profile') : join(dir, 'other')
    symlinkSync(target, inTheWay)
    if (kind === 'in a loop') symlinkSync(inTheWay, target)
    let refused: unknown
    try {
      open(join(inTheWay, 'cache.db'))
    } catch (error) {
      refused = error
    }
    expect(refused).toBeInstanceOf(CacheUnavailableError)
    expect((refused as Error).message).toContain(
      `${inTheWay} is a link to ${target}, which leads to no folder (a disk or shared folder not connected`,
    )
    const shown = describeStartupFailure(refused, { logPath: null, packaged: true })
    expect(shown.message).toContain(`${inTheWay} is a link to ${target}`)
    expect(readlinkSync(inTheWay)).toBe(target)
    expect(existsSync(join(dir, 'unmounted'))).toBe(false)
  })
}

it('opens an empty file (zero bytes) as a new cache, as SQLite would have made it, and says nothing', () => {
  const path = join(tempDir(), 'cache.db')
  writeFileSync(path, '')
  const opened = open(path)
  expect(opened.rebuilt).toBeNull()
  const store = new SqliteCacheStore(opened.db, linesLogger())
  const invite = anInvite()
  store.applyEvents([inviteCreated(1, invite)])
  expect(store.openInvites(FIXTURE_NOW)).toEqual([invite])
  opened.close()
  expect(existsSync(`${path}-wal`)).toBe(false)
})
