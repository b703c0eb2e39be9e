// Two copies of Standby write one log while a restart to update has both running. When the disk
// stops this copy's write part-way, the half entry is cut away, but an entry the other copy added
// meanwhile is theirs and stays whole.
import type * as fs from 'node:fs'
import { readFileSync } from 'node:fs'
import { describe, expect, it, vi } from 'vitest'
import { createFileLogger } from '../../../../src/main/node/file-log'
import { recordingLog } from '../../../support/recording-log'
import { useTempDirs } from '../../../support/temp-dir'

const disk = vi.hoisted(() => ({ full: false, otherWriter: '' }))

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof fs>()
  return {
    ...real,
    // A disk that fills as this copy writes: the other copy's entry lands first, then half of this one.
    writeFileSync: (...args: Parameters<typeof real.writeFileSync>) => {
      const [file, data] = args
      if (!disk.full || typeof file !== 'number' || typeof data !== 'string')
        return real.writeFileSync(...args)
      real.appendFileSync(disk.otherWriter, '2026-01-01T00:00:00.000Z INFO  the other copy quits\n')
      real.writeSync(file, data.slice(0, data.length / 2))
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })
    },
  }
})

const tempDir = useTempDirs()

describe('a log write the disk stops part-way while another copy writes the file', () => {
  it('cuts away only its own half entry, keeping the other copy’s whole', () => {
    const log = createFileLogger({ dir: tempDir(), echo: recordingLog(), now: () => 0 })
    log.info('before the disk filled')
    disk.otherWriter = log.path
    disk.full = true
    log.info('this entry the disk stops part-way')
    disk.full = false
    const text = readFileSync(log.path, 'utf8')
    expect(text).toContain('the other copy quits\n')
    expect(text).not.toContain('this entry the disk')
  })
})
