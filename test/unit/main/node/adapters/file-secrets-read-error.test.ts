/**
 * A saved sign-in that cannot be read for a moment (too many open files, an antivirus holding it,
 * a disk error): it is kept, not removed, so the next start reads it and the expert is not made
 * to sign in again for the computer's passing trouble. The read is made to fail as the system
 * fails it, since no file mode stops a test run as root.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import type * as FsPromises from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { createFileSecrets } from '../../../../../src/main/node/adapters/file-secrets'
import { recordingLog } from '../../../../support/recording-log'
import { useTempDirs } from '../../../../support/temp-dir'

const failNextOpen = vi.hoisted(() => ({ code: null as string | null }))

vi.mock('node:fs/promises', async (original) => {
  const real = await original<typeof FsPromises>()
  return {
    ...real,
    open: (...args: Parameters<typeof real.open>) => {
      const code = failNextOpen.code
      if (code === null) return real.open(...args)
      failNextOpen.code = null
      return Promise.reject(Object.assign(new Error(`${code}: failed, open`), { code }))
    },
  }
})

const tempDir = useTempDirs()
const signIn = { platformUrl: 'http://127.0.0.1:4455', token: 'tok_kept', expertId: 'exp_ada' }

describe('Node secrets when the saved sign-in cannot be read for a moment', () => {
  it.each(['EMFILE', 'EIO', 'EBUSY', 'EACCES'])(
    'keeps the file on %s, says so, and reads it at the next start',
    async (code) => {
      const path = join(tempDir(), 'sign-in.json')
      writeFileSync(path, JSON.stringify(signIn), { mode: 0o600 })
      const log = recordingLog()
      const secrets = createFileSecrets({ path, log })
      failNextOpen.code = code
      await expect(secrets.load()).resolves.toBeNull()
      expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(signIn)
      expect(log.text()).toContain(`(${code}); kept it`)
      expect(log.text()).not.toContain('removed it')
      expect(secrets.unusable?.()).toBe(
        `Your saved sign-in is kept, but Standby could not read it (${code}). Restart Standby to try again, or sign in again.`,
      )
      await expect(secrets.load()).resolves.toEqual(signIn)
      expect(secrets.unusable?.()).toBeNull()
    },
  )
})
