/**
 * Two copies of Standby on one profile for a moment: a restart to update on Linux starts the new
 * version before the old one has quit, and both have the cache open. The old one's clean close must
 * not take away the marker that tells the next start to check the file after the new one crashes.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { once } from 'node:events'
import { expect, it } from 'vitest'
import { openCache } from '../../../../src/main/db/open-cache'
import { SqliteCacheStore } from '../../../../src/main/db/sqlite-cache-store'
import { anInvite, inviteCreated } from '../../../support/fixtures'
import { linesLogger, useTempDirs } from './cache-test-kit'

const tempDir = useTempDirs()
const sqlite = createRequire(import.meta.url).resolve('better-sqlite3')

/** Another process with the cache at `path` open, until `close` is called. */
async function anotherCopyOpens(path: string): Promise<{ close(): Promise<void> }> {
  const script = `
    const db = new (require(${JSON.stringify(sqlite)}))(${JSON.stringify(path)})
    db.prepare('SELECT COUNT(*) FROM sqlite_schema').get()
    process.stdout.write('open\\n')
    process.stdin.resume()
    process.stdin.on('end', () => { db.close(); process.exit(0) })
  `
  const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] })
  const [ready] = (await once(child.stdout, 'data')) as [Buffer]
  expect(ready.toString()).toBe('open\n')
  return {
    close: async () => {
      const exited = once(child, 'exit')
      child.stdin.end()
      await exited
    },
  }
}

it('keeps the open marker at a clean close while another copy still has the cache open', async () => {
  const path = join(tempDir(), 'cache.db')
  const opened = openCache({ path, integrityCheck: 'after-unclean-exit' })
  new SqliteCacheStore(opened.db, linesLogger()).applyEvents([inviteCreated(1, anInvite())])
  const other = await anotherCopyOpens(path)
  try {
    expect(opened.close()).toBeNull()
    expect(existsSync(`${path}-open`)).toBe(true)
  } finally {
    await other.close()
  }
})

it('removes it at a clean close when no other copy has the cache open', () => {
  const path = join(tempDir(), 'cache.db')
  const opened = openCache({ path, integrityCheck: 'after-unclean-exit' })
  new SqliteCacheStore(opened.db, linesLogger()).applyEvents([inviteCreated(1, anInvite())])
  expect(existsSync(`${path}-open`)).toBe(true)
  expect(opened.close()).toBeNull()
  expect(existsSync(`${path}-open`)).toBe(false)
})
