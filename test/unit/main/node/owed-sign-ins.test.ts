/**
 * The file of sign-ins waiting to be revoked is read as hostile input: what is no such list is
 * removed with a line naming the file, never a token; what only cannot be read now (a passing
 * fault) is left for the next start, neither replaced nor removed, so no owed token is lost.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import type * as FsPromises from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import type { StoredSignIn } from '../../../../src/main/core/ports/secrets'
import { createFileSecrets } from '../../../../src/main/node/adapters/file-secrets'
import { MAX_SIGN_IN_FILE_BYTES } from '../../../../src/main/node/bounded-file'
import { owedSignInsFile, PLAIN_TEXT } from '../../../../src/main/node/owed-sign-ins'
import { recordingLog } from '../../../support/recording-log'
import { useTempDirs } from '../../../support/temp-dir'

// The next open fails with `code` when a test says so (too many files open, a disk error).
const opening = vi.hoisted(() => ({ fails: null as string | null }))
vi.mock('node:fs/promises', async (original) => {
  const actual = await original<typeof FsPromises>()
  return {
    ...actual,
    open: (...args: Parameters<typeof actual.open>) => {
      const code = opening.fails
      opening.fails = null
      return code === null
        ? actual.open(...args)
        : Promise.reject(Object.assign(new Error(`${code}: failed, open`), { code }))
    },
  }
})

const tempDir = useTempDirs()
const TOKEN = 'tok_owed-5e1f0a77c3'
const owed: StoredSignIn = { platformUrl: 'https://platform.example', token: TOKEN, expertId: 'exp_ada' }
const later: StoredSignIn = { ...owed, token: 'tok_later-88d2' }

/** The owed file in a fresh folder, holding `content` when given. */
function fileWith(content?: string) {
  const path = join(tempDir(), 'revocations-owed.json')
  if (content !== undefined) writeFileSync(path, content)
  const log = recordingLog()
  return { path, log, file: owedSignInsFile(path, log, PLAIN_TEXT) }
}

describe('the file of sign-ins waiting to be revoked', () => {
  it.each([
    ['not JSON', `[${JSON.stringify(owed)}`],
    ['no list', JSON.stringify(owed)],
    ['larger than any Standby writes', `[${' '.repeat(MAX_SIGN_IN_FILE_BYTES)}]`],
  ])('removes a file that is %s, saying so without its content', async (_, content) => {
    const { path, log, file } = fileWith(content)
    expect(await file.loadOwed()).toEqual([])
    expect(existsSync(path)).toBe(false)
    expect(log.text()).toContain('could not be read')
    expect(log.text()).not.toContain(TOKEN)
  })

  it('keeps the sign-ins of a list, letting go of what is no sign-in with a line', async () => {
    const { log, file } = fileWith(JSON.stringify([owed, { ...owed, token: 'bad token\n' }, 42]))
    expect(await file.loadOwed()).toEqual([owed])
    expect(log.text()).toContain('2 of the sign-ins waiting to be revoked')
    expect(log.text()).not.toContain(TOKEN)
  })

  it('reads nothing from a folder where the file should be, and stops no start', async () => {
    const { path, file } = fileWith()
    mkdirSync(path)
    expect(await file.loadOwed()).toEqual([])
  })

  it('leaves a file it could not read this time for the next start, replacing none of it', async () => {
    const content = JSON.stringify([owed])
    const { path, log, file } = fileWith(content)
    opening.fails = 'EMFILE'
    expect(await file.loadOwed()).toEqual([])
    await file.saveOwed([later])
    await file.saveOwed([])
    expect(readFileSync(path, 'utf8')).toBe(content)
    expect(log.text()).toContain('to be read again at the next start')
    expect(await owedSignInsFile(path, log, PLAIN_TEXT).loadOwed()).toEqual([owed])
  })

  it.skipIf(process.platform === 'win32')(
    'narrows a file others could read to its owner, as the sign-in file is, keeping what it holds',
    async () => {
      const { path, log } = fileWith(JSON.stringify([owed]))
      chmodSync(path, 0o644)
      const secrets = createFileSecrets({ path: join(tempDir(), 'sign-in.json'), owedPath: path, log })
      expect(await secrets.loadOwed!()).toEqual([owed])
      expect(statSync(path).mode & 0o777).toBe(0o600)
      expect(log.text()).toContain('was readable by others (mode 644)')
      expect(log.text()).not.toContain(TOKEN)
    },
  )
})
