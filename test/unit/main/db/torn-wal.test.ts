/**
 * A WAL a power loss tore, told apart from one that lost changes. SQLite takes a WAL's frames only
 * while they carry its header's salts, their running checksum holds, up to the last commit among
 * them (https://sqlite.org/fileformat.html#the_write_ahead_log). It writes a header over old frames
 * only once every one of them is in the file, so a header torn there holds nothing lost; frames
 * passed over that held changes not in what SQLite reads are damage, told and kept as found.
 */
import BetterSqlite from 'better-sqlite3'
import { randomBytes } from 'node:crypto'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { openCache } from '../../../../src/main/db/open-cache'
import { SqliteCacheStore } from '../../../../src/main/db/sqlite-cache-store'
import { frameSum } from '../../../../src/main/db/wal-format'
import { walLosesChanges } from '../../../../src/main/db/wal-lost-changes'
import { leftByUncleanExit, linesLogger, useTempDirs } from './cache-test-kit'

const tempDir = useTempDirs()

type BeforeExit = (db: Database.Database, shown: () => void) => void

/** Everything copied into the file, as a checkpoint with no reader in the way leaves it. */
const checkpointed: BeforeExit = (db, shown) => {
  shown()
  db.pragma('wal_checkpoint(PASSIVE)')
}

/** Copied into the file up to a reader's view, taken before `inv_shown` was marked shown. */
const checkpointedInPart: BeforeExit = (db, shown) => {
  const reader = new BetterSqlite(db.name)
  reader.exec('BEGIN')
  reader.prepare('SELECT count(*) FROM sync_state').get()
  shown()
  db.pragma('wal_checkpoint(PASSIVE)')
  reader.exec('COMMIT')
  reader.close()
}

/** The cache an unclean exit left after `beforeExit`, its WAL as `damage` makes it. */
function left(beforeExit: BeforeExit | undefined, damage: (wal: Buffer) => Buffer): string {
  const path = join(tempDir(), 'cache.db')
  writeFileSync(`${path}-wal`, damage(leftByUncleanExit(tempDir(), path, beforeExit)))
  return path
}

/** What a start as the app makes of the cache at `path`. */
function start(path: string) {
  const opened = openCache({ path, integrityCheck: 'after-unclean-exit', log: linesLogger() })
  const shown = new SqliteCacheStore(opened.db, linesLogger()).shownInvites(['inv_shown'])
  opened.close()
  const copies = readdirSync(join(path, '..')).filter((name) => /^cache\.db\.corrupt-\w+$/.test(name))
  return { rebuilt: opened.rebuilt?.reason ?? null, shown, copies: copies.length }
}

/** Each frame's offset and whether it ends a transaction. */
function frames(wal: Buffer): { at: number; commit: boolean }[] {
  const size = 24 + wal.readUInt32BE(8)
  const found = []
  for (let at = 32; at + size <= wal.length; at += size)
    found.push({ at, commit: wal.readUInt32BE(at + 4) !== 0 })
  return found
}

/** The header SQLite writes when it starts the WAL over, cut before its checksum reached the disk. */
function tornRewrite(wal: Buffer): Buffer {
  wal.writeUInt32BE(wal.readUInt32BE(12) + 1, 12)
  wal.writeUInt32BE((wal.readUInt32BE(16) + 1) >>> 0, 16)
  randomBytes(4).copy(wal, 20)
  return wal
}

/**
 * `wal` after a run that a kill stopped as it wrote a transaction's commit frame: its header (page,
 * commit, salts, the running checksum of the page meant) is in the file, its page is not. SQLite
 * passed over that transaction at the next open, and the frames of later runs stopped short of it.
 */
function commitCut(wal: Buffer): Buffer {
  const last = frames(wal).findLast((f) => f.commit)!
  const size = 24 + wal.readUInt32BE(8)
  const meant = Buffer.from(wal.subarray(last.at, last.at + size))
  meant[24 + 200]! ^= 0xff
  const sum = frameSum(meant, [wal.readUInt32BE(last.at + 16), wal.readUInt32BE(last.at + 20)], false)
  meant.writeUInt32BE(sum[0], 16)
  meant.writeUInt32BE(sum[1], 20)
  meant.fill(0, 24)
  return Buffer.concat([wal.subarray(0, last.at + size), meant])
}

/** `wal` with one byte of the page in frame `index` changed, its running checksum no longer holding. */
function pageGarbled(index: number | 'last commit') {
  return (wal: Buffer): Buffer => {
    const all = frames(wal)
    const frame = index === 'last commit' ? all.findLast((f) => f.commit)! : all[index]!
    wal[frame.at + 24 + 200]! ^= 0xff
    return wal
  }
}

/** `wal` as a machine that keeps a word's most significant byte first writes it: its checksums read words so. */
function writtenBigEndian(wal: Buffer): Buffer {
  wal.writeUInt32BE(0x377f0683, 0)
  let sum: [number, number] = [0, 0]
  const seal = (from: number, to: number) => {
    for (let at = from; at < to; at += 8) {
      const first = (sum[0] + wal.readUInt32BE(at) + sum[1]) >>> 0
      sum = [first, (sum[1] + wal.readUInt32BE(at + 4) + first) >>> 0]
    }
  }
  const sealed = (at: number) => {
    wal.writeUInt32BE(sum[0], at)
    wal.writeUInt32BE(sum[1], at + 4)
  }
  seal(0, 24)
  sealed(24)
  for (const { at } of frames(wal)) {
    seal(at, at + 8)
    seal(at + 24, at + 24 + wal.readUInt32BE(8))
    sealed(at + 16)
  }
  return wal
}

const DAMAGED = 'the file of its latest changes (its -wal) is damaged'

describe('a WAL whose header a power loss tore as SQLite wrote it over old frames', () => {
  it.each([
    ['torn', tornRewrite],
    ['zeroed', (wal: Buffer) => wal.fill(0, 0, 32)],
  ])('%s, every frame after it in the file, opens as SQLite reads it', (_, damage) => {
    expect(start(left(checkpointed, damage))).toEqual({ rebuilt: null, shown: ['inv_shown'], copies: 0 })
  })

  it('torn over frames all in the file and a commit a kill cut before, loses nothing: opens as SQLite reads it', () => {
    const path = left(checkpointed, (wal) => tornRewrite(commitCut(wal)))
    expect(start(path)).toEqual({ rebuilt: null, shown: ['inv_shown'], copies: 0 })
  })

  it('torn when frames after it were not yet in the file, is damage: moved aside as found', () => {
    expect(start(left(checkpointedInPart, tornRewrite))).toMatchObject({ rebuilt: DAMAGED, copies: 1 })
  })
})

describe('a WAL whose header holds, with a frame SQLite stops at', () => {
  it('followed by whole transactions not in the file, is damage: moved aside, not passed over in silence', () => {
    expect(start(left(undefined, pageGarbled(0)))).toMatchObject({ rebuilt: DAMAGED, copies: 1 })
  })

  it('followed by whole transactions already in the file, loses nothing: opens as SQLite reads it', () => {
    expect(start(left(checkpointed, pageGarbled(0)))).toEqual({
      rebuilt: null,
      shown: ['inv_shown'],
      copies: 0,
    })
  })

  // With synchronous=NORMAL a power loss may cost the last transactions: SQLite's word, no damage.
  it('in its last transaction, opens as SQLite reads it, without that transaction', () => {
    expect(start(left(undefined, pageGarbled('last commit')))).toEqual({
      rebuilt: null,
      shown: [],
      copies: 0,
    })
  })

  it('at a commit frame a kill cut before its page was written, opens with every commit before it', () => {
    expect(start(left(undefined, commitCut))).toEqual({ rebuilt: null, shown: ['inv_shown'], copies: 0 })
  })

  it('after its last commit (a transaction the exit cut), opens with every commit', () => {
    const path = left(undefined, (wal) => Buffer.concat([wal, randomBytes(24 + wal.readUInt32BE(8))]))
    expect(start(path)).toEqual({ rebuilt: null, shown: ['inv_shown'], copies: 0 })
  })
})

describe('a WAL whose checksums read words most significant byte first', () => {
  it('whole, opens as SQLite reads it', () => {
    expect(start(left(undefined, writtenBigEndian))).toEqual({
      rebuilt: null,
      shown: ['inv_shown'],
      copies: 0,
    })
  })

  it('with a frame SQLite stops at, followed by whole transactions not in the file, is damage', () => {
    const path = left(undefined, (wal) => pageGarbled(0)(writtenBigEndian(wal)))
    expect(start(path)).toMatchObject({ rebuilt: DAMAGED, copies: 1 })
  })
})

describe('each byte of a WAL header damaged, the frames after it as left', () => {
  /** Whether the WAL beside `path` is judged to lose changes with each byte of its header damaged in turn. */
  function judgedWithEachHeaderByte(path: string): boolean[] {
    const wal = readFileSync(`${path}-wal`)
    return Array.from({ length: 32 }, (_, at) => {
      const damaged = Buffer.from(wal)
      damaged[at] = damaged[at]! ^ 0xa5
      writeFileSync(`${path}-wal`, damaged)
      return walLosesChanges(`${path}-wal`, path)
    })
  }

  it('loses nothing when every frame is in the file: no byte of the header makes it damage', () => {
    expect(new Set(judgedWithEachHeaderByte(left(checkpointed, (wal) => wal)))).toEqual(new Set([false]))
  })

  it('holding frames not in the file: every byte of the header makes it damage', () => {
    expect(new Set(judgedWithEachHeaderByte(left(undefined, (wal) => wal)))).toEqual(new Set([true]))
  })
})
