// Windows has no flag that makes an open refuse a symbolic link (O_NOFOLLOW): there the log's own
// open would follow a link put at standby.log and append every entry to the other file. The
// flags are taken away here as Windows lacks them; the link is made as only POSIX lets a test.
import type * as fs from 'node:fs'
import { lstatSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { createFileLogger } from '../../../../src/main/node/file-log'
import { recordingLog } from '../../../support/recording-log'
import { useTempDirs } from '../../../support/temp-dir'

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof fs>()
  return { ...real, constants: { ...real.constants, O_NOFOLLOW: undefined } }
})

const tempDir = useTempDirs()

describe.runIf(process.platform !== 'win32')('the log on a system without O_NOFOLLOW', () => {
  it('never carries an entry through a symbolic link put at the log file while Standby runs', () => {
    const dir = tempDir()
    const other = join(dir, 'other-app.conf')
    writeFileSync(other, 'theirs\n')
    const log = createFileLogger({ dir: join(dir, 'logs'), echo: recordingLog(), now: () => 0 })
    log.info('before the link')
    rmSync(log.path)
    symlinkSync(other, log.path)
    log.info('after the link')
    expect(readFileSync(other, 'utf8')).toBe('theirs\n')
    expect(lstatSync(log.path).isFile()).toBe(true)
    const text = readFileSync(log.path, 'utf8')
    expect(text).toContain(
      'The log file was a link to another file; removed the link and started a file of its own',
    )
    expect(text).toContain('after the link')
  })
})
