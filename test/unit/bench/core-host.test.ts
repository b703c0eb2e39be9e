import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { CoreChild, coreChildExecArgv, type Platform } from '../../../bench/core-host'
import { holdUntilExited } from '../../support/child-state'

describe('coreChildExecArgv', () => {
  it('passes the extra flags however they are spaced, and no empty one', () => {
    const base = ['--import', 'tsx', '--expose-gc']
    expect(coreChildExecArgv(undefined)).toEqual(base)
    expect(coreChildExecArgv('')).toEqual(base)
    expect(coreChildExecArgv('  --trace-gc   --cpu-prof ')).toEqual([...base, '--trace-gc', '--cpu-prof'])
  })
})

describe('CoreChild', () => {
  const dirs: string[] = []
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  })

  it('says the core exited when its process cannot start, instead of waiting for it for ever', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'standby-core-host-'))
    dirs.push(dir)
    // Node refuses a flag it does not know and exits before running the core.
    const core = new CoreChild('--no-such-node-flag-for-the-core')
    const platform = { server: { url: 'http://127.0.0.1:9' } } as Platform
    await expect(core.start(platform, { id: 'exp_1', token: 'token' }, dir)).rejects.toThrow(
      /The core's process exited \(code \d+\) while the bench waited for it/,
    )
    // Every later wait is told at once, and stopping a process already gone is done.
    await expect(core.cpuMicros()).rejects.toThrow(/exited/)
    await expect(core.stop()).resolves.toBeUndefined()
  })

  // On a busy machine the core's process exited before the bench's first message was written: the
  // write failed (EPIPE) before the exit was seen, and the bench said only "could not be reached:
  // write EPIPE", hiding why the core exited.
  it.runIf(existsSync('/proc/self/stat'))(
    'says the core exited when its process is gone before the first message reaches it',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'standby-core-host-'))
      dirs.push(dir)
      const core = new CoreChild('--no-such-node-flag-for-the-core')
      holdUntilExited(core.pid ?? -1)
      const platform = { server: { url: 'http://127.0.0.1:9' } } as Platform
      await expect(core.start(platform, { id: 'exp_1', token: 'token' }, dir)).rejects.toThrow(
        /The core's process exited \(code \d+\) while the bench waited for it/,
      )
      await expect(core.stop()).resolves.toBeUndefined()
    },
  )
})
