// Windows has neither O_NOFOLLOW nor O_NONBLOCK: a file read at a path Standby does not own is then
// looked at for a link before it is opened. The flags are taken away here as Windows lacks them;
// the link is made as only POSIX lets a test.
import type * as fs from 'node:fs'
import { closeSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { openRegularFileSync, readBoundedFileSync } from '../../../../src/main/node/bounded-file'
import { useTempDirs } from '../../../support/temp-dir'

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof fs>()
  return { ...real, constants: { ...real.constants, O_NOFOLLOW: undefined, O_NONBLOCK: undefined } }
})

const tempDir = useTempDirs()

describe.runIf(process.platform !== 'win32')('a file read on a system without O_NOFOLLOW', () => {
  it('refuses a link at the file where links are refused, and reads through a linked folder', () => {
    const dir = tempDir()
    const kept = join(dir, 'elsewhere')
    mkdirSync(kept)
    writeFileSync(join(kept, 'update-info.json'), '{"fileName":"x"}')
    const linkedFolder = join(dir, 'pending')
    symlinkSync(kept, linkedFolder)
    const linkedFile = join(dir, 'note.json')
    symlinkSync(join(kept, 'update-info.json'), linkedFile)

    expect(() => readBoundedFileSync(linkedFile, 1024, 'refuse')).toThrow(
      `${linkedFile} is not a regular file`,
    )
    expect(readBoundedFileSync(join(linkedFolder, 'update-info.json'), 1024, 'refuse').toString()).toBe(
      '{"fileName":"x"}',
    )
    const opened = openRegularFileSync(linkedFile, 'follow')
    closeSync(opened.fd)
    expect(opened.stats.size).toBe(16)
    expect(() => openRegularFileSync(join(dir, 'missing'), 'refuse')).toThrow(/ENOENT/)
  })
})
