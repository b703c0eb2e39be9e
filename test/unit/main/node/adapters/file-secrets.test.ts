import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { StoredSignIn } from '../../../../../src/main/core/ports/secrets'
import { createFileSecrets } from '../../../../../src/main/node/adapters/file-secrets'
import { recordingLog } from '../../../../support/recording-log'
import { useTempDirs } from '../../../../support/temp-dir'

const tempDir = useTempDirs()
const TOKEN = 'tok_s3cr3t-7f9a1c44e2b0'
const signIn: StoredSignIn = { platformUrl: 'http://127.0.0.1:4455', token: TOKEN, expertId: 'exp_ada' }
const posix = process.platform !== 'win32'
const modeOf = (path: string): number => statSync(path).mode & 0o777

function setup() {
  const dir = tempDir()
  const path = join(dir, 'sign-in.json')
  const log = recordingLog()
  return { dir, path, log, secrets: createFileSecrets({ path, log }) }
}

describe('Node secrets (a 0600 file)', () => {
  it('saves and loads the sign-in', async () => {
    const { secrets, path } = setup()
    expect(await secrets.load()).toBeNull()
    expect(secrets.unusable?.()).toBeNull()
    await secrets.save(signIn)
    expect(await secrets.load()).toEqual(signIn)
    expect(secrets.unusable?.()).toBeNull()
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(signIn)
  })

  it.runIf(posix)(
    'creates the file readable by its owner only, with no temporary file left over',
    async () => {
      const { secrets, path, dir } = setup()
      await secrets.save(signIn)
      expect(modeOf(path)).toBe(0o600)
      await secrets.save({ ...signIn, token: 'tok_second' })
      expect(modeOf(path)).toBe(0o600)
      expect(readdirSync(dir)).toEqual(['sign-in.json'])
    },
  )

  it.runIf(posix)('restricts an existing file that others could read, and says so', async () => {
    const { secrets, path, log } = setup()
    writeFileSync(path, JSON.stringify(signIn))
    chmodSync(path, 0o644)
    expect(await secrets.load()).toEqual(signIn)
    expect(modeOf(path)).toBe(0o600)
    expect(log.lines).toEqual([
      `warn The sign-in file ${path} was readable by others (mode 644); restricted it to you (600)`,
    ])
  })

  it('clears a file that is not JSON, without logging what was in it', async () => {
    const { secrets, path, log } = setup()
    writeFileSync(path, `{"token": "${TOKEN}", oops`, { mode: 0o600 })
    expect(await secrets.load()).toBeNull()
    expect(() => statSync(path)).toThrow(/ENOENT/)
    expect(log.text()).toContain('could not be used (it is not valid JSON); removed it, sign in again')
    expect(log.text()).not.toContain(TOKEN)
    expect(secrets.unusable?.()).toBe(
      'Standby could not use your saved sign-in (it is not valid JSON) and removed it. Sign in again.',
    )
    // Told of the load that found it only: the next finds nothing saved.
    expect(await secrets.load()).toBeNull()
    expect(secrets.unusable?.()).toBeNull()
  })

  it('refuses a stored sign-in that would send the token in clear to another computer', async () => {
    const { secrets, path, log } = setup()
    const stored = { platformUrl: 'http://platform.example.com', token: TOKEN, expertId: 'exp_ada' }
    writeFileSync(path, JSON.stringify(stored), { mode: 0o600 })
    expect(await secrets.load()).toBeNull()
    expect(log.text()).toContain('missing or invalid: platformUrl')
    expect(log.text()).not.toContain(TOKEN)
  })

  it('clears a file of the wrong shape, naming the fields only', async () => {
    const { secrets, path, log } = setup()
    writeFileSync(path, JSON.stringify({ token: TOKEN, platformUrl: 'ftp://x' }), { mode: 0o600 })
    expect(await secrets.load()).toBeNull()
    expect(() => statSync(path)).toThrow(/ENOENT/)
    expect(log.text()).toContain('missing or invalid: platformUrl, expertId')
    expect(log.text()).not.toContain(TOKEN)
  })

  it('forgets the sign-in on clear, twice over', async () => {
    const { secrets, path } = setup()
    await secrets.save(signIn)
    await secrets.clear()
    await secrets.clear()
    expect(() => statSync(path)).toThrow(/ENOENT/)
    expect(await secrets.load()).toBeNull()
  })

  it('runs operations in the order they were asked', async () => {
    const { secrets } = setup()
    const saving = secrets.save(signIn)
    const clearing = secrets.clear()
    const loading = secrets.load()
    await Promise.all([saving, clearing])
    expect(await loading).toBeNull()
  })

  it('refuses to store an invalid sign-in without echoing the token', async () => {
    const { secrets, path } = setup()
    const attempt = secrets.save({ ...signIn, platformUrl: 'not a url' })
    await expect(attempt).rejects.toThrow(
      'Refused to store an invalid sign-in (missing or invalid: platformUrl)',
    )
    await attempt.catch((error: Error) => expect(error.message).not.toContain(TOKEN))
    expect(() => statSync(path)).toThrow(/ENOENT/)
  })

  it('creates its directory when it does not exist yet', async () => {
    const path = join(tempDir(), 'nested', 'data', 'sign-in.json')
    const secrets = createFileSecrets({ path, log: recordingLog() })
    await secrets.save(signIn)
    expect(await secrets.load()).toEqual(signIn)
  })

  it('never writes the token to the log, whatever happens', async () => {
    const { secrets, path, log } = setup()
    await secrets.save(signIn)
    chmodSync(path, 0o666)
    await secrets.load()
    writeFileSync(path, `${TOKEN}\n`)
    await secrets.load()
    writeFileSync(path, JSON.stringify({ ...signIn, expertId: 42 }))
    await secrets.load()
    await secrets.clear()
    expect(log.lines.length).toBeGreaterThanOrEqual(2)
    expect(log.text()).not.toContain(TOKEN)
  })
})
