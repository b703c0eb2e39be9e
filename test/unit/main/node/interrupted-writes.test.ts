// A write interrupted between its temporary file and the rename (a crash, a kill, a power cut)
// leaves that file beside the real one, holding what was being written: a sign-in's token, a
// whole cache. The next write, a sign-out and the next start (once the cache is open) remove it; a
// running process's stays.
import Database from 'better-sqlite3'
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { CHECKPOINT_EVERY_MS, openCache } from '../../../../src/main/db/open-cache'
import { createFileSecrets } from '../../../../src/main/node/adapters/file-secrets'
import { writeFileAtomically, writeFileAtomicallySync } from '../../../../src/main/node/atomic-file'
import { recordingLog } from '../../../support/recording-log'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs()
/** A process id no system hands out (past every pid_max), so no process runs under it. */
const GONE_PID = 2 ** 31 - 2
const TOKEN = 'tok_left-behind-7f9a1c44'

/** The temporary file an interrupted write of `path` by process `pid` would have left. */
function leftBy(path: string, pid: number, content = TOKEN): string {
  const temp = `${path}.${pid}-0123456789ab.tmp`
  writeFileSync(temp, content, { mode: 0o600 })
  return temp
}

describe('what an interrupted write left', () => {
  it('is removed once the next write of the file is done; a running process’s, or another file’s, stays', async () => {
    const dir = tempDir()
    const path = join(dir, 'settings.json')
    const gone = leftBy(path, GONE_PID)
    const running = leftBy(path, process.ppid)
    const another = leftBy(join(dir, 'other.json'), GONE_PID)
    await writeFileAtomically(path, '{}')
    expect(existsSync(gone)).toBe(false)
    expect(existsSync(running)).toBe(true)
    expect(existsSync(another)).toBe(true)
    const again = leftBy(path, GONE_PID)
    writeFileAtomicallySync(path, '{}')
    expect(existsSync(again)).toBe(false)
  })

  it('is removed with the sign-in at a sign-out, so no token is left on disk', async () => {
    const path = join(tempDir(), 'sign-in.json')
    const secrets = createFileSecrets({ path, log: recordingLog() })
    await secrets.save({ platformUrl: 'http://127.0.0.1:4455', token: 'tok_current', expertId: 'exp_ada' })
    const gone = leftBy(path, GONE_PID)
    await secrets.clear()
    expect(existsSync(path)).toBe(false)
    expect(existsSync(gone)).toBe(false)
  })

  it('is removed beside the cache once it is open, at its first checkpoint: a whole copy of an earlier expert’s cache', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    try {
      const path = join(tempDir(), 'cache.db')
      const gone = leftBy(path, GONE_PID, 'SQLite format 3\u0000')
      const opened = openCache({ path })
      expect(opened.db).toBeInstanceOf(Database)
      // Not by the open itself: listing the profile folder for it would hold up the first page.
      expect(existsSync(gone)).toBe(true)
      vi.advanceTimersByTime(CHECKPOINT_EVERY_MS)
      expect(existsSync(gone)).toBe(false)
      opened.close()
    } finally {
      vi.useRealTimers()
    }
  })

  it('is removed beside the cache’s marker at the close of a run that closed before any checkpoint: a record of damage killed before its rename', () => {
    const path = join(tempDir(), 'cache.db')
    const gone = leftBy(`${path}-open`, GONE_PID, 'damaged\n')
    const running = leftBy(`${path}-open`, process.ppid, 'damaged\n')
    const opened = openCache({ path, integrityCheck: 'after-unclean-exit' })
    expect(existsSync(gone)).toBe(true)
    opened.close()
    expect(existsSync(gone)).toBe(false)
    expect(existsSync(running)).toBe(true)
  })
})
