import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DATA_DIR_LOCK, dataDirHeld, lockDataDir, processRuns } from '../../../scripts/data-dir-lock'
import { useTempDirs } from '../../support/temp-dir'

const tempDir = useTempDirs()

describe('one npm start per data folder', () => {
  it('stops a second start while the first runs, and lets the next one in once it released', () => {
    const dir = tempDir()
    const first = lockDataDir(dir, 1001, () => true)
    expect(lockDataDir(dir, 1002, () => true)).toEqual({ heldBy: 1001 })
    if (!('release' in first)) throw new Error('the first start should hold the folder')
    first.release()
    expect(existsSync(join(dir, DATA_DIR_LOCK))).toBe(false)
    expect(lockDataDir(dir, 1002, () => true)).toHaveProperty('release')
  })

  it('takes over a lock whose holder is gone, or that cannot be read', () => {
    const dir = tempDir()
    lockDataDir(dir, 1001, () => true)
    expect(lockDataDir(dir, 1002, (pid) => pid !== 1001)).toHaveProperty('release')
    writeFileSync(join(dir, DATA_DIR_LOCK), 'not a pid')
    expect(lockDataDir(dir, 1003, () => true)).toHaveProperty('release')
  })

  it('never releases a lock another start took over', () => {
    const dir = tempDir()
    const stale = lockDataDir(dir, 1001, () => true)
    lockDataDir(dir, 1002, (pid) => pid !== 1001)
    if ('release' in stale) stale.release()
    expect(lockDataDir(dir, 1003, () => true)).toEqual({ heldBy: 1002 })
  })

  it('knows this process runs', () => {
    expect(processRuns(process.pid)).toBe(true)
  })

  it('says who holds the folder and the three ways on', () => {
    expect(dataDirHeld('/home/ada/.standby-dev', 4242)).toBe(
      'Another Standby start (process 4242) runs from /home/ada/.standby-dev: use the address it printed, ' +
        'or stop it (Ctrl+C in its terminal), or give this one its own folder (STANDBY_DATA_DIR=another/folder). ' +
        'Two at once would share one platform database and one profile.',
    )
  })
})
