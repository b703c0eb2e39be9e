/**
 * What the saved sign-in's path may hold instead of the file Standby wrote: a folder, a link to a
 * device, a file far larger than any sign-in. Each reads as "not signed in", at once, and nothing
 * at the path's target is changed.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, lstatSync, mkdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createFileSecrets } from '../../../../../src/main/node/adapters/file-secrets'
import { MAX_SIGN_IN_FILE_BYTES } from '../../../../../src/main/node/bounded-file'
import { recordingLog } from '../../../../support/recording-log'
import { useTempDirs } from '../../../../support/temp-dir'

const tempDir = useTempDirs()
const posix = process.platform !== 'win32'
const signIn = { platformUrl: 'http://127.0.0.1:4455', token: 'tok_big', expertId: 'exp_ada' }

function setup() {
  const path = join(tempDir(), 'sign-in.json')
  const log = recordingLog()
  return { path, log, secrets: createFileSecrets({ path, log }) }
}

describe('Node secrets when the path holds something Standby did not write', () => {
  it.runIf(posix)('leaves a folder at the path as it was, its mode included', async () => {
    const { secrets, path, log } = setup()
    mkdirSync(path, { mode: 0o755 })
    expect(await secrets.load()).toBeNull()
    expect(statSync(path).mode & 0o777).toBe(0o755)
    expect(log.text()).not.toContain('restricted it to you')
    expect(log.text()).toContain('(ENOTREGULAR); removed it, sign in again')
  })

  it.runIf(posix && existsSync('/dev/zero'))(
    'never reads an endless device through a link, nor changes the device',
    async () => {
      const { secrets, path, log } = setup()
      const deviceMode = statSync('/dev/zero').mode
      symlinkSync('/dev/zero', path)
      expect(await secrets.load()).toBeNull()
      expect(statSync('/dev/zero').mode).toBe(deviceMode)
      // The link is removed, not what it points to.
      expect(() => lstatSync(path)).toThrow(/ENOENT/)
      expect(log.text()).toContain('(ENOTREGULAR)')
    },
  )

  it.runIf(posix)('refuses a named pipe at the path at once instead of waiting for a writer', async () => {
    const { secrets, path, log } = setup()
    execFileSync('mkfifo', [path])
    expect(await secrets.load()).toBeNull()
    expect(log.text()).toContain('(ENOTREGULAR); removed it, sign in again')
    expect(() => lstatSync(path)).toThrow(/ENOENT/)
  })

  it('refuses a file larger than any sign-in, even one that parses', async () => {
    const { secrets, path, log } = setup()
    writeFileSync(path, ' '.repeat(MAX_SIGN_IN_FILE_BYTES) + JSON.stringify(signIn), { mode: 0o600 })
    expect(await secrets.load()).toBeNull()
    expect(log.text()).toContain('(EFBIG); removed it, sign in again')
    expect(() => statSync(path)).toThrow(/ENOENT/)
  })
})
