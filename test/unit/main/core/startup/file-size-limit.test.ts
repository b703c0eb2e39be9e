/**
 * A disk that refuses a write for a reason Standby cannot see as space or rights: here a file at the
 * largest size allowed, made real by a file-size limit on a child process (`ulimit -f`). Node takes
 * no signal for it and reports EFBIG; SQLite loses that code and reports an I/O error of the write.
 * Both are told as the disk's error with what to check, never as a bug to report or a restart.
 */
import Database from 'better-sqlite3'
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { describeStartupFailure } from '../../../../../src/main/core/startup/startup-failure'
import { storageFaultMessage, storageRemedy } from '../../../../../src/main/core/storage-remedy'
import { useTempDirs } from '../../../../support/temp-dir'

const tempDir = useTempDirs()
const sqlite = createRequire(import.meta.url).resolve('better-sqlite3')

/** What a child limited to files of `kib` KiB met writing a WAL database and a plain file in `dir`. */
function writtenPastLimit(dir: string, kib: number) {
  const script = `
    const Database = require(${JSON.stringify(sqlite)})
    const fs = require('node:fs')
    const db = new Database(${JSON.stringify(join(dir, 'cache.db'))})
    db.pragma('journal_mode = WAL')
    db.exec('CREATE TABLE rows (text TEXT)')
    const insert = db.prepare('INSERT INTO rows VALUES (?)')
    let committed = 0
    let cache = null
    try {
      for (;;) {
        db.transaction(() => { for (let i = 0; i < 50; i++) insert.run('x'.repeat(1000)) })()
        committed += 50
      }
    } catch (error) {
      cache = { code: error.code, message: error.message }
    }
    const kept = db.prepare('SELECT COUNT(*) AS n FROM rows').get().n
    let file = null
    try {
      fs.writeFileSync(${JSON.stringify(join(dir, 'settings.json'))}, Buffer.alloc(${kib + 1} * 1024))
    } catch (error) {
      file = { code: error.code, message: error.message, syscall: error.syscall }
    }
    process.stdout.write(JSON.stringify({ cache, committed, kept, file }))
  `
  const child = spawnSync('bash', ['-c', `ulimit -f ${kib} && exec "$0" -e "$1"`, process.execPath, script], {
    encoding: 'utf8',
  })
  expect(child.stderr).toBe('')
  return JSON.parse(child.stdout) as {
    cache: { code: string; message: string }
    committed: number
    kept: number
    file: { code: string; message: string; syscall: string }
  }
}

describe.skipIf(process.platform === 'win32')('a write past the largest file size allowed', () => {
  let met: ReturnType<typeof writtenPastLimit>
  beforeAll(() => {
    met = writtenPastLimit(tempDir(), 256)
  })

  it('loses nothing committed in the cache, and the write that failed leaves nothing half done', () => {
    expect(met.cache.code).toMatch(/^SQLITE_IOERR/)
    expect(met.kept).toBe(met.committed)
  })

  it('tells the cache’s failed save as the disk’s error, with what to check', () => {
    const failed = new Database.SqliteError(met.cache.message, met.cache.code)
    expect(storageRemedy(failed)).toMatch(
      /^Check the disk that holds your profile: it may be failing or disconnected/,
    )
    expect(storageFaultMessage(failed)).toBe(
      `Standby could not save this on your computer (${met.cache.message}). Check the disk that holds your profile: it may be failing or disconnected, or a file there may have reached the largest size the disk or your account allows, then try again.`,
    )
  })

  it('tells a start whose file could not be written as the disk’s error, not a bug to report', () => {
    const failed = Object.assign(new Error(met.file.message), met.file)
    expect(met.file.code).toBe('EFBIG')
    expect(describeStartupFailure(failed, { logPath: '/logs/standby.log', packaged: true })).toEqual({
      kind: 'disk_error',
      title: 'The disk that holds your profile reported an error',
      message:
        'EFBIG: file too large, write. Check the disk that holds your profile: it may be failing or disconnected, or a file there may have reached the largest size the disk or your account allows, then start Standby again. The log has the details: /logs/standby.log',
    })
  })
})
