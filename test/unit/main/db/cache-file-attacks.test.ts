/**
 * The cache file damaged between two runs, at every page boundary and in every byte of its header:
 * whatever the damage, a start never stops on it, the damaged bytes are kept for support, and the
 * start after a rebuild opens the new cache without rebuilding again (no rebuild at every start).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { openCache } from '../../../../src/main/db/open-cache'
import { SqliteCacheStore } from '../../../../src/main/db/sqlite-cache-store'
import { DatabaseTooNewError } from '../../../../src/shared/sqlite/migrate'
import { anExpert, aSnapshot, FIXTURE_NOW } from '../../../support/fixtures'
import { eventStream } from '../../../support/fixture-streams'
import { leftByUncleanExit, linesLogger, useTempDirs } from './cache-test-kit'

const tempDir = useTempDirs()
const PAGE = 4096
/** Where the header keeps user_version: a change there may read as a newer Standby's file, refused. */
const USER_VERSION_BYTES = [60, 61, 62, 63]

let whole: Buffer
beforeAll(() => {
  const path = join(tempDir(), 'cache.db')
  const opened = openCache({ path, integrityCheck: 'after-unclean-exit' })
  const store = new SqliteCacheStore(opened.db, linesLogger())
  store.applySnapshot(aSnapshot({ expert: anExpert(), cursor: 0 }))
  store.applyEvents(eventStream({ count: 100 }))
  opened.close()
  whole = readFileSync(path)
})

/** What a start as the app opens the cache makes of the file at `path`, having read what it shows. */
function start(path: string): { rebuiltFrom: string | null; damageFound: boolean } {
  const opened = openCache({ path, integrityCheck: 'after-unclean-exit' })
  const store = new SqliteCacheStore(opened.db, linesLogger())
  let damageFound = false
  for (const read of [
    () => store.cursor(),
    () => store.openInvites(FIXTURE_NOW),
    () => store.missedInvites(FIXTURE_NOW, 50),
    () => store.sessionHistory(50),
    () => store.applyEvents(eventStream({ count: 5, firstId: store.cursor() + 1, start: FIXTURE_NOW + 1e9 })),
  ]) {
    try {
      read()
    } catch {
      // Told by the damage watch in the app, which has the next start check the file.
      damageFound = true
      opened.damaged()
    }
  }
  opened.close()
  return { rebuiltFrom: opened.rebuilt?.damagedCopy ?? null, damageFound }
}

/** Starts over the `damaged` bytes until one finds the file whole; each start's damaged copy, if any. */
function startsOver(damaged: Buffer): Array<string | null> {
  const path = join(tempDir(), 'cache.db')
  writeFileSync(path, damaged)
  const rebuilds: Array<string | null> = []
  for (let run = 0; run < 4; run++) {
    const { rebuiltFrom, damageFound } = start(path)
    rebuilds.push(rebuiltFrom)
    // A start that did not see the damage at open has written into the file since.
    if (rebuiltFrom !== null && run === 0) expect(readFileSync(rebuiltFrom).equals(damaged)).toBe(true)
    if (!damageFound && rebuiltFrom === null) return rebuilds
  }
  throw new Error(`still damaged after four starts: ${JSON.stringify(rebuilds)}`)
}

describe('a cache file damaged between two runs', () => {
  it('truncated at any page boundary: rebuilt once at the next start, the truncated file kept', () => {
    const pages = whole.length / PAGE
    expect(pages).toBeGreaterThan(8)
    for (let kept = 1; kept < pages; kept++) {
      const rebuilds = startsOver(whole.subarray(0, kept * PAGE))
      expect(rebuilds, `${kept} pages`).toEqual([expect.any(String), null])
    }
  })

  it.each([1, 2, 50, 99])(
    'cut inside its header, %i bytes left: moved aside, kept and told, never taken for a new cache',
    (bytes) => {
      const path = join(tempDir(), 'cache.db')
      writeFileSync(path, whole.subarray(0, bytes))
      const opened = openCache({ path, integrityCheck: 'after-unclean-exit' })
      expect(opened.rebuilt).toMatchObject({ kind: 'damaged', message: expect.stringMatching(/damaged/) })
      expect(readFileSync(opened.rebuilt!.damagedCopy)).toEqual(whole.subarray(0, bytes))
      opened.close()
    },
  )

  it('with any byte of its header changed: no start stops on it, and at most one rebuilds', () => {
    for (let at = 0; at < 100; at++) {
      const damaged = Buffer.from(whole)
      damaged[at] = (damaged[at] ?? 0) ^ 0xff
      let rebuilds: Array<string | null>
      try {
        rebuilds = startsOver(damaged)
      } catch (error) {
        if (USER_VERSION_BYTES.includes(at) && error instanceof DatabaseTooNewError) continue
        throw new Error(`header byte ${at}: ${String(error)}`, { cause: error })
      }
      expect(rebuilds.filter((copy) => copy !== null).length, `header byte ${at}`).toBeLessThanOrEqual(1)
      expect(rebuilds.at(-1), `header byte ${at}`).toBeNull()
    }
  })

  it('with any page of a table or index garbled: found by a read, a write or the check, and rebuilt once', () => {
    for (let page = 2; page <= whole.length / PAGE; page++) {
      const damaged = Buffer.from(whole)
      // Past a page's own header, where its cells end: the rows or keys, not the page's layout.
      for (let at = (page - 1) * PAGE + 100; at < page * PAGE; at += 37)
        damaged[at] = (damaged[at] ?? 0) ^ 0xa5
      const rebuilds = startsOver(damaged)
      expect(rebuilds.filter((copy) => copy !== null).length, `page ${page}`).toBeLessThanOrEqual(1)
    }
  })
})

/**
 * The cache as an unclean exit leaves it, its newest pages (page 1 too) still in the WAL, with one
 * byte of the file's own header then damaged at `at`; one invite shown among those it holds.
 */
function leftInWalWithHeaderByte(at: number, value: number): { path: string; wal: Buffer } {
  const dir = tempDir()
  const left = join(dir, 'left.db')
  const wal = leftByUncleanExit(dir, left)
  const bytes = readFileSync(left)
  bytes[at] = value
  writeFileSync(left, bytes)
  writeFileSync(`${left}-wal`, wal)
  return { path: left, wal }
}

describe('a cache file left by an unclean exit whose own header is damaged while its WAL holds page 1', () => {
  it.each([
    ['read version', 19, 3],
    ['write version', 18, 3],
    ['schema format', 47, 5],
  ])('is opened as SQLite reads it (%s), never moved aside and rebuilt', (_, at, value) => {
    const { path } = leftInWalWithHeaderByte(at, value)
    const opened = openCache({ path, integrityCheck: 'after-unclean-exit' })
    const store = new SqliteCacheStore(opened.db, linesLogger())
    expect(opened.rebuilt).toBeNull()
    expect(store.shownInvites(['inv_shown'])).toEqual(['inv_shown'])
    store.applyEvents(eventStream({ count: 1, firstId: store.cursor() + 1, start: FIXTURE_NOW + 1e9 }))
    opened.close()
  })

  it('is moved aside and rebuilt, as SQLite then reads the header in the file, when no frame of the WAL is whole', () => {
    const { path, wal } = leftInWalWithHeaderByte(47, 5)
    writeFileSync(`${path}-wal`, wal.fill(0xa5, 32))
    const opened = openCache({ path, integrityCheck: 'after-unclean-exit' })
    expect(opened.rebuilt?.reason).toMatch(/schema format \(5\)/)
    opened.close()
  })

  // SQLite writes the checksums in the machine's byte order, and reads a WAL written on either.
  it('is opened as SQLite reads it when the WAL was written with checksums of the other byte order', () => {
    const { path, wal } = leftInWalWithHeaderByte(47, 5)
    wal.writeUInt32BE(wal.readUInt32BE(0) ^ 1, 0)
    writeFileSync(`${path}-wal`, resealed(wal))
    const opened = openCache({ path, integrityCheck: 'after-unclean-exit' })
    expect(opened.rebuilt).toBeNull()
    expect(new SqliteCacheStore(opened.db, linesLogger()).shownInvites(['inv_shown'])).toEqual(['inv_shown'])
    opened.close()
  })

  it('is moved aside and rebuilt when the WAL gives a version of its format SQLite refuses, checksums whole', () => {
    const { path, wal } = leftInWalWithHeaderByte(47, 5)
    wal.writeUInt32BE(3_007_001, 4)
    writeFileSync(`${path}-wal`, resealed(wal))
    const opened = openCache({ path, integrityCheck: 'after-unclean-exit' })
    expect(opened.rebuilt?.reason).toMatch(/schema format \(5\)/)
    opened.close()
  })
})

/** `wal` with its header's and every frame's checksum made whole again (https://sqlite.org/fileformat.html). */
function resealed(wal: Buffer): Buffer {
  const bigEndian = (wal.readUInt32BE(0) & 1) === 1
  const word = (at: number): number => (bigEndian ? wal.readUInt32BE(at) : wal.readUInt32LE(at))
  const sums = [0, 0]
  const seal = (from: number, to: number, at: number): void => {
    for (let i = from; i < to; i += 8) {
      sums[0] = (sums[0]! + word(i) + sums[1]!) >>> 0
      sums[1] = (sums[1]! + word(i + 4) + sums[0]) >>> 0
    }
    wal.writeUInt32BE(sums[0]!, at)
    wal.writeUInt32BE(sums[1]!, at + 4)
  }
  seal(0, 24, 24)
  const frame = 24 + wal.readUInt32BE(8)
  for (let at = 32; at + frame <= wal.length; at += frame) {
    // A frame's checksum runs on from the one before, over its first eight bytes and then its page.
    seal(at, at + 8, at + 16)
    seal(at + 24, at + frame, at + 16)
  }
  return wal
}
