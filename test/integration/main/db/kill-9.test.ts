// kill -9 in the middle of a sync must leave a consistent cache: the file passes quick_check, the
// cursor is the last id of a batch that fully committed, and every invite up to it is there.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openCache } from '../../../../src/main/db/open-cache'
import { SqliteCacheStore } from '../../../../src/main/db/sqlite-cache-store'
import { linesLogger, useTempDirs } from '../../../unit/main/db/cache-test-kit'
import { useBuiltScript } from '../../../support/built-script'
import { childLines, goOn, LINES_STDIO } from '../../../support/child-lines'
import { holdUntilExitedOrWaiting } from '../../../support/child-state'
import { FIXTURE_NOW } from '../../../support/fixtures'

const tempDir = useTempDirs()
const writer = useBuiltScript(new URL('./cache-writer-child.ts', import.meta.url))
const BATCH = 250

/**
 * Run the writer and SIGKILL it as soon as it says batch `killAt` has begun; resolves with the
 * cursor of the last batch it reported committed. `readLate` holds this thread from the start until
 * the writer can go no further without the test, as a busy machine can.
 */
function writeAndKill(path: string, killAt: number, check = 'quick', readLate = false): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer(), path, String(BATCH), '40', check], {
      stdio: LINES_STDIO,
    })
    let committed = 0
    let killed = false
    childLines(child).on('line', (line) => {
      const [word, value] = line.split(' ')
      if (word === 'committed' && !killed) {
        committed = Number(value)
        goOn(child)
      }
      if (word === 'begin' && Number(value) === killAt && !killed) {
        killed = true
        process.kill(child.pid as number, 'SIGKILL')
      }
    })
    child.once('error', reject)
    if (readLate) holdUntilExitedOrWaiting(child.pid ?? -1)
    child.once('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(committed)
      else reject(new Error(`the writer finished before it was killed (signal ${signal})`))
    })
  })
}

describe('a cache killed with SIGKILL in the middle of a sync', () => {
  it('reopens consistent: quick_check ok, cursor at a batch boundary, every invite up to it present', async () => {
    const path = join(tempDir(), 'cache.db')
    // Twice on the same file: the second run starts from what the first one left.
    for (const killAt of [4, 3]) {
      const reported = await writeAndKill(path, killAt)
      const { db, rebuilt } = openCache({ path })
      expect(rebuilt).toBeNull()
      const store = new SqliteCacheStore(db, linesLogger())
      const cursor = store.cursor()
      expect(cursor % BATCH).toBe(0)
      // Everything reported committed is durable; the batch in flight is either all there or not at all.
      expect([reported, reported + BATCH]).toContain(cursor)
      const ids = db.prepare('SELECT id FROM invites').pluck().all() as string[]
      expect(ids.length).toBe(cursor)
      expect(new Set(ids)).toEqual(new Set(Array.from({ length: cursor }, (_, i) => `inv_${i + 1}`)))
      expect(store.openInvites(FIXTURE_NOW)).toHaveLength(cursor)
      db.close()
    }
  })

  it('reopens consistent when the test reads what the writer says late, as on a busy machine', async () => {
    const path = join(tempDir(), 'cache.db')
    const reported = await writeAndKill(path, 2, 'quick', true)
    const { db } = openCache({ path })
    const cursor = new SqliteCacheStore(db, linesLogger()).cursor()
    db.close()
    expect([reported, reported + BATCH]).toContain(cursor)
  })

  it('leaves the marker of an unclean exit when killed after its first write, on a file it opened without one', async () => {
    const path = join(tempDir(), 'cache.db')
    // Closed cleanly first, so the killed run's open finds nothing to check and writes nothing.
    openCache({ path, integrityCheck: 'after-unclean-exit' }).close()
    expect(existsSync(`${path}-open`)).toBe(false)
    await writeAndKill(path, 2, 'after-unclean-exit')
    expect(existsSync(`${path}-open`)).toBe(true)
    const next = openCache({ path, integrityCheck: 'after-unclean-exit' })
    expect(next).toMatchObject({ checked: true, rebuilt: null })
    next.close()
    expect(existsSync(`${path}-open`)).toBe(false)
  })
})
