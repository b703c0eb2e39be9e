// What may sit at the cache's path instead of a file, opened as the app opens it (the full check
// only after an unclean exit, which reads the file's header first).
import { execFileSync } from 'node:child_process'
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { foundAt, keepPrivate } from '../../../../src/main/db/cache-file-state'
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

  it.runIf(posix)(
    'moves a named pipe aside and opens a fresh cache at once, reading no marks from the pipe',
    () => {
      const path = join(tempDir(), 'cache.db')
      execFileSync('mkfifo', [path])
      const opened = open(path)
      expect(opened.rebuilt?.reason).toBe(`${path} is not a regular file`)
      expect(opened.rebuilt?.salvaged).toEqual({
        rows: 0,
        unreadable: [`the file (${opened.rebuilt?.damagedCopy ?? ''} is not a regular file)`],
      })
      expect(lstatSync(opened.rebuilt?.damagedCopy ?? '').isFIFO()).toBe(true)
      opened.close()
    },
  )

  it.runIf(posix)(
    'leaves the mode and bytes of the file a link points to alone when it is not a cache, and narrows one that is',
    () => {
      const dir = tempDir()
      const path = join(dir, 'cache.db')
      const shared = join(dir, 'shared-notes.txt')
      writeFileSync(shared, 'notes the expert shares with a group', { mode: 0o664 })
      chmodSync(shared, 0o664)
      symlinkSync(shared, path)
      const opened = open(path)
      expect(opened.rebuilt?.reason).toMatch(/not a database/)
      expect(readlinkSync(opened.rebuilt?.damagedCopy ?? '')).toBe(shared)
      expect(statSync(shared).mode & 0o777).toBe(0o664)
      expect(readFileSync(shared, 'utf8')).toBe('notes the expert shares with a group')
      opened.close()

      // A cache kept elsewhere behind a link is the expert's choice: it is narrowed like any.
      const elsewhere = join(dir, 'elsewhere.db')
      openCache({ path: elsewhere }).close()
      chmodSync(elsewhere, 0o644)
      const linked = join(dir, 'linked.db')
      symlinkSync(elsewhere, linked)
      const again = open(linked)
      expect(again.rebuilt).toBeNull()
      expect(statSync(elsewhere).mode & 0o777).toBe(0o600)
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

describe('what is at the path of the marker of an open cache (cache.db-open)', () => {
  it('opens past a folder there, checking the file every time, and leaves the folder and what it holds alone', () => {
    const path = join(tempDir(), 'cache.db')
    open(path).close()
    mkdirSync(`${path}-open`)
    writeFileSync(join(`${path}-open`, 'notes.txt'), 'the expert’s own')
    const opened = open(path)
    expect(opened).toMatchObject({ checked: true, rebuilt: null })
    expect(() => opened.close()).not.toThrow()
    expect(readdirSync(`${path}-open`)).toEqual(['notes.txt'])
  })

  it.runIf(posix)(
    'opens past a named pipe there at once, where the start waited for a reader for ever',
    () => {
      const path = join(tempDir(), 'cache.db')
      open(path).close()
      execFileSync('mkfifo', [`${path}-open`])
      const opened = open(path)
      expect(opened).toMatchObject({ checked: true, rebuilt: null })
      opened.close()
      expect(lstatSync(`${path}-open`).isFIFO()).toBe(true)
    },
  )

  it.runIf(posix)(
    'checks the file at every open while a link to nothing is there, and leaves the link',
    () => {
      const dir = tempDir()
      const path = join(dir, 'cache.db')
      open(path).close()
      symlinkSync(join(dir, 'gone'), `${path}-open`)
      for (const _ of [1, 2]) {
        const opened = open(path)
        expect(opened).toMatchObject({ checked: true, rebuilt: null })
        opened.close()
      }
      expect(readlinkSync(`${path}-open`)).toBe(join(dir, 'gone'))
      expect(existsSync(join(dir, 'gone'))).toBe(false)
    },
  )

  it.runIf(posix)('never writes through a link there into the file it points to', () => {
    const dir = tempDir()
    const path = join(dir, 'cache.db')
    writeFileSync(join(dir, 'elsewhere.txt'), 'kept')
    symlinkSync(join(dir, 'elsewhere.txt'), `${path}-open`)
    open(path).close()
    expect(readFileSync(join(dir, 'elsewhere.txt'), 'utf8')).toBe('kept')
    expect(readlinkSync(`${path}-open`)).toBe(join(dir, 'elsewhere.txt'))
  })
})

describe("what is at the paths of the cache's -wal, -shm and -journal", () => {
  for (const suffix of ['-wal', '-shm', '-journal']) {
    it(`moves a folder at ${suffix} aside with the file, what it holds kept, and opens a fresh cache`, () => {
      const path = join(tempDir(), 'cache.db')
      open(path).close()
      mkdirSync(path + suffix)
      writeFileSync(join(path + suffix, 'notes.txt'), 'the expert’s own')
      const opened = open(path)
      expect(opened.rebuilt?.reason).toBe(`${path}${suffix} is a folder`)
      expect(readdirSync(`${opened.rebuilt?.damagedCopy ?? ''}${suffix}`)).toEqual(['notes.txt'])
      expect(existsSync(path + suffix) && lstatSync(path + suffix).isDirectory()).toBe(false)
      opened.db.exec('CREATE TABLE written (x); INSERT INTO written VALUES (1)')
      opened.close()
      expect(open(path).rebuilt).toBeNull()
    })
  }

  it.runIf(posix)(
    'moves a named pipe at -wal aside, where writes to the cache would wait on it for ever',
    () => {
      const path = join(tempDir(), 'cache.db')
      open(path).close()
      execFileSync('mkfifo', [`${path}-wal`])
      const opened = open(path)
      expect(opened.rebuilt?.reason).toBe(`${path}-wal is not a regular file`)
      expect(lstatSync(`${opened.rebuilt?.damagedCopy ?? ''}-wal`).isFIFO()).toBe(true)
      opened.db.exec(`CREATE TABLE written (x); INSERT INTO written VALUES (zeroblob(1000000))`)
      opened.close()
    },
  )

  // SQLite opens them without following a link (O_NOFOLLOW): every open failed, told as a full disk.
  for (const suffix of posix ? ['-wal', '-shm'] : [])
    it(`moves a link at ${suffix} aside, never what it leads to, where every open failed`, () => {
      const path = join(tempDir(), 'cache.db')
      open(path).close()
      writeFileSync(`${path}.elsewhere`, '')
      symlinkSync(`${path}.elsewhere`, path + suffix)
      const opened = open(path)
      expect(opened.rebuilt?.reason).toBe(`${path}${suffix} is a link, which SQLite does not open there`)
      expect(lstatSync(`${opened.rebuilt?.damagedCopy ?? ''}${suffix}`).isSymbolicLink()).toBe(true)
      expect(readFileSync(`${path}.elsewhere`, 'utf8')).toBe('')
      opened.close()
    })
})

describe('what is at the path when the open narrows it, looked at once before', () => {
  const modeOf = (file: string) => statSync(file).mode & 0o777

  it.runIf(posix)('narrows, and never empties, a cache made there since it was looked at', () => {
    const path = join(tempDir(), 'cache.db')
    const lookedAt = foundAt(path)
    writeFileSync(path, 'made by another start')
    chmodSync(path, 0o644)
    keepPrivate(path, lookedAt)
    expect(readFileSync(path, 'utf8')).toBe('made by another start')
    expect(modeOf(path)).toBe(0o600)
  })

  it.runIf(posix)(
    'never narrows through a link put there since: what it points to is any file of the user’s',
    () => {
      const dir = tempDir()
      const path = join(dir, 'cache.db')
      writeFileSync(path, 'an older version’s cache')
      chmodSync(path, 0o644)
      const lookedAt = foundAt(path)
      const shared = join(dir, 'shared-with-the-team.txt')
      writeFileSync(shared, 'theirs to read')
      chmodSync(shared, 0o644)
      rmSync(path)
      symlinkSync(shared, path)
      keepPrivate(path, lookedAt)
      expect(modeOf(shared)).toBe(0o644)
    },
  )
})

describe('a -wal or -journal left without the database it belongs to', () => {
  /** The bytes of a WAL that holds writes not yet copied into its file. */
  function walWithWrites(path: string): Buffer {
    const opened = open(path)
    opened.db.exec('CREATE TABLE written (x); INSERT INTO written VALUES (zeroblob(10000))')
    const wal = readFileSync(`${path}-wal`)
    opened.db.close()
    rmSync(path)
    rmSync(`${path}-open`, { force: true })
    return wal
  }

  for (const database of ['missing', 'empty'] as const) {
    it(`keeps a -wal aside byte for byte, and says so, when its database is ${database}`, () => {
      const path = join(tempDir(), 'cache.db')
      const wal = walWithWrites(path)
      if (database === 'empty') writeFileSync(path, '')
      writeFileSync(`${path}-wal`, wal)
      const opened = open(path)
      const copy = opened.rebuilt?.damagedCopy ?? ''
      expect(opened.rebuilt?.reason).toBe(`${path}-wal is there without the database it belongs to`)
      expect(readFileSync(`${copy}-wal`)).toEqual(wal)
      // The copy the expert is told of is one that is there.
      expect(opened.rebuilt?.message).toContain(database === 'empty' ? `${copy}: ` : `${copy}-wal: `)
      opened.close()
      expect(open(path).rebuilt).toBeNull()
    })
  }

  it('keeps a -journal aside when its database is missing', () => {
    const path = join(tempDir(), 'cache.db')
    writeFileSync(`${path}-journal`, 'a rollback journal of another run')
    const opened = open(path)
    expect(readFileSync(`${opened.rebuilt?.damagedCopy ?? ''}-journal`, 'utf8')).toBe(
      'a rollback journal of another run',
    )
    opened.close()
  })

  it('opens past an empty -wal or a -shm left alone: they hold nothing', () => {
    const path = join(tempDir(), 'cache.db')
    writeFileSync(`${path}-wal`, '')
    writeFileSync(`${path}-shm`, 'index')
    const opened = open(path)
    expect(opened.rebuilt).toBeNull()
    opened.close()
  })
})
