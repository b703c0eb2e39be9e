/**
 * A saved sign-in that cannot be used and cannot be removed either (a read-only profile): it is
 * not used, the start goes on signed out, and the log says it stays. The removal is made to fail
 * as a read-only file system fails it, since no folder mode stops a test run as root.
 */
import { writeFileSync } from 'node:fs'
import type * as FsPromises from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { createFileSecrets } from '../../../../../src/main/node/adapters/file-secrets'
import { recordingLog } from '../../../../support/recording-log'
import { useTempDirs } from '../../../../support/temp-dir'

vi.mock('node:fs/promises', async (original) => ({
  ...(await original<typeof FsPromises>()),
  rm: () =>
    Promise.reject(Object.assign(new Error('EROFS: read-only file system, unlink'), { code: 'EROFS' })),
}))

const tempDir = useTempDirs()

describe('Node secrets on a read-only profile', () => {
  it('starts signed out when the saved sign-in is unusable and cannot be removed, and says it stays', async () => {
    const path = join(tempDir(), 'sign-in.json')
    writeFileSync(path, '{"token":', { mode: 0o600 })
    const log = recordingLog()
    const secrets = createFileSecrets({ path, log })
    await expect(secrets.load()).resolves.toBeNull()
    expect(log.text()).toContain('could not be removed (EROFS); it is ignored, sign in again')
    expect(secrets.unusable?.()).toBe(
      'Standby could not use your saved sign-in (it is not valid JSON), nor remove it (EROFS); it is ignored. Sign in again.',
    )
  })
})
