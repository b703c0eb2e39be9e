/**
 * A cache left by an unclean exit whose WAL (the changes not yet copied into the file: which
 * invites were shown, the cursor) is then damaged by the disk or another program. SQLite passes
 * over a WAL without a valid header in silence, so the start opened the older file as if whole: no
 * word to the expert, no copy kept, and the invites shown since the last copy shown again. The
 * file is moved aside with its WAL as found, and the start says so, as for any damaged cache.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openCache } from '../../../../src/main/db/open-cache'
import { SqliteCacheStore } from '../../../../src/main/db/sqlite-cache-store'
import { leftByUncleanExit, linesLogger, useTempDirs } from './cache-test-kit'

const tempDir = useTempDirs()

/** The cache as an unclean exit leaves it, an invite marked shown in its WAL only; `damage` then applied to the WAL. */
function leftWithWal(damage: (wal: Buffer) => Buffer): { path: string; damaged: Buffer } {
  const left = join(tempDir(), 'cache.db')
  const damaged = damage(leftByUncleanExit(tempDir(), left))
  writeFileSync(`${left}-wal`, damaged)
  return { path: left, damaged }
}

/** What a start as the app makes of the cache at `path`. */
function start(path: string) {
  const opened = openCache({ path, integrityCheck: 'after-unclean-exit', log: linesLogger() })
  const shown = new SqliteCacheStore(opened.db, linesLogger()).shownInvites(['inv_shown'])
  opened.close()
  return { rebuilt: opened.rebuilt, shown }
}

describe('a WAL left by an unclean exit, then damaged', () => {
  it.each([
    ['overwritten with other bytes', (wal: Buffer) => Buffer.alloc(wal.length, 0x41)],
    ['with its header garbled', (wal: Buffer) => wal.fill(0x5a, 0, 32)],
    [
      'cut inside its header with frames left',
      (wal: Buffer) => Buffer.concat([wal.subarray(0, 20), wal.subarray(32)]),
    ],
  ])('%s: the cache is moved aside with its WAL as found, and the start says so', (_, damage) => {
    const { path, damaged } = leftWithWal(damage)
    const { rebuilt } = start(path)
    expect(rebuilt).toMatchObject({
      reason: 'the file of its latest changes (its -wal) is damaged',
      message: expect.stringMatching(/damaged/),
    })
    const copies = readdirSync(join(path, '..')).filter((name) => /^cache\.db\.corrupt-\w+-wal$/.test(name))
    expect(copies).toHaveLength(1)
    expect(readFileSync(join(path, '..', copies[0]!))).toEqual(damaged)
    // The next start opens the new cache as it is: no rebuild at every start.
    expect(start(path).rebuilt).toBeNull()
  })

  it('whole, is read as SQLite reads it, the invite shown there still shown', () => {
    const { path } = leftWithWal((wal) => wal)
    expect(start(path)).toEqual({ rebuilt: null, shown: ['inv_shown'] })
  })

  // SQLite writes the header only to a WAL whose changes are all in the file, and makes it last
  // before any frame: a power loss can cut or tear it, with nothing after it and nothing lost.
  it.each([
    ['cut inside its header', (wal: Buffer) => wal.subarray(0, 20)],
    ['a header of zeros and nothing after it', () => Buffer.alloc(32)],
  ])('%s, nothing after it, is no damage: the file opens as SQLite reads it', (_, damage) => {
    const { path } = leftWithWal(damage)
    expect(start(path).rebuilt).toBeNull()
  })

  it('beside a file cut inside its header by a checkpoint the exit cut short, is read as SQLite reads it', () => {
    const { path } = leftWithWal((wal) => wal)
    writeFileSync(path, readFileSync(path).subarray(0, 50))
    expect(start(path)).toEqual({ rebuilt: null, shown: ['inv_shown'] })
  })

  it('empty (cut back by SQLite before the exit), is no damage', () => {
    const { path } = leftWithWal(() => Buffer.alloc(0))
    expect(start(path).rebuilt).toBeNull()
  })
})
