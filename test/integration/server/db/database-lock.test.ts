// One platform per database file: a second server on the same file is refused with what to do,
// in this process or another, and a server killed with SIGKILL leaves no lock behind.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { lockPlatformDatabase } from '../../../../server/src/db/database-lock'
import { PlatformDatabaseError } from '../../../../server/src/db/open-database'
import { MemoryLogger } from '../../../../server/src/logger'
import { startPlatformServer, type PlatformServer } from '../../../../server/src/platform-server'
import { ManualClock } from '../../../../src/shared/clock'
import { useBuiltScript } from '../../../support/built-script'

const cli = useBuiltScript(new URL('../../../../server/src/cli.ts', import.meta.url))

describe('one platform server per database file', () => {
  let dir: string
  let dbPath: string
  const running: PlatformServer[] = []
  let child: ChildProcess | undefined

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'standby-db-lock-'))
    dbPath = join(dir, 'platform.db')
  })
  afterEach(async () => {
    child?.kill('SIGKILL')
    for (const server of running.splice(0)) await server.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const start = async (): Promise<PlatformServer> => {
    const server = await startPlatformServer({
      port: 0,
      dbPath,
      clock: new ManualClock(Date.UTC(2026, 11, 2, 12)),
      logger: new MemoryLogger(),
    })
    running.push(server)
    return server
  }

  it('refuses a second server on the file while the first runs, which goes on serving what it had', async () => {
    const first = await start()
    const clientId = first.marketplace.createClient({ name: 'Dana', timeZone: 'UTC' })
    const refusal = start()
    await expect(refusal).rejects.toThrow(PlatformDatabaseError)
    await expect(refusal).rejects.toThrow(
      `Another platform server is using ${dbPath} (it holds ${dbPath}.lock): stop that server first, or point --db at another file.`,
    )
    expect(first.marketplace.createClient({ name: 'Eli', timeZone: 'UTC' })).not.toBe(clientId)
  })

  it('starts on the file once the server before it stopped, with what it wrote', async () => {
    const first = await start()
    const clientId = first.marketplace.createClient({ name: 'Dana', timeZone: 'UTC' })
    await first.close()
    running.splice(0)
    const second = await start()
    expect(() =>
      second.marketplace.createRequest({ clientId, title: 'Still here', kind: 'instant' }),
    ).not.toThrow()
  })

  it('is refused by a server in another process, and free again once that one is killed with SIGKILL', async () => {
    child = spawn(process.execPath, [cli(), '--port', '0', '--db', dbPath], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    const exited = new Promise((resolve) => child!.once('exit', resolve))
    await new Promise<void>((resolve, reject) => {
      child!.once('error', reject)
      child!.once('exit', () =>
        reject(new Error('the server in the other process stopped before it listened')),
      )
      createInterface({ input: child!.stdout! }).on('line', (line) => {
        if (line.startsWith('Standby platform listening on')) resolve()
      })
    })
    await expect(start()).rejects.toThrow(/^Another platform server is using /)
    child.kill('SIGKILL')
    await exited
    await expect(start()).resolves.toMatchObject({ port: expect.any(Number) })
  })

  it('says what to do when the lock file is not a database, and leaves it as it was', () => {
    writeFileSync(`${dbPath}.lock`, 'a note someone left')
    expect(() => lockPlatformDatabase(dbPath)).toThrow(
      /^Cannot lock the platform database .*platform\.db through .*platform\.db\.lock \(.+\): move the lock file aside if no server is running, or point --db at another file\.$/,
    )
    expect(readFileSync(`${dbPath}.lock`, 'utf8')).toBe('a note someone left')
  })

  it('says what to do when the lock file cannot be made', () => {
    const inFolderThatIsAFile = join(dbPath, 'platform.db')
    expect(() => lockPlatformDatabase(inFolderThatIsAFile)).toThrow(
      /^Cannot create the lock file .*platform\.db\.lock beside the platform database \(.+\): check that its folder can be written, or point --db at another file\.$/,
    )
  })
})
