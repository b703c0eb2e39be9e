import { describe, expect, it } from 'vitest'
import { storageRemedy } from '../../../../src/main/core/storage-remedy'

/** A Node fs error as Node makes it. */
function fsError(code: string, syscall: string, path: string, dest?: string): Error {
  return Object.assign(new Error(`${code}: ${syscall} '${path}'`), {
    code,
    syscall,
    path,
    ...(dest ? { dest } : {}),
  })
}

describe('the remedy for a failed write', () => {
  it('names a folder that stands where a file goes, not the rights or the disk', () => {
    const renamed = fsError('EISDIR', 'rename', '/p/settings.json.tmp', '/p/settings.json')
    expect(storageRemedy(renamed)).toBe(
      'Move or rename the folder /p/settings.json, which stands where Standby keeps a file',
    )
    expect(
      storageRemedy(new Error('not saved', { cause: fsError('EISDIR', 'open', '/p/standby.log') })),
    ).toBe('Move or rename the folder /p/standby.log, which stands where Standby keeps a file')
  })

  it('tells a read-only profile and a full disk as before', () => {
    expect(storageRemedy(fsError('EROFS', 'open', '/p/x'))).toMatch(/writable and its disk not read-only/)
    expect(storageRemedy(fsError('ENOSPC', 'write', '/p/x'))).toMatch(/Free some space/)
  })

  it('tells an I/O error of the disk as the disk’s, not as a restart to try', () => {
    expect(storageRemedy(fsError('EIO', 'write', '/p/x'))).toMatch(/^Check the disk that holds your profile/)
    expect(storageRemedy(fsError('EFBIG', 'write', '/p/x'))).toMatch(
      /largest size the disk or your account allows/,
    )
  })
})
