// On Windows a rename over a file another program holds open for a moment (a virus scan of the
// file just written, the search indexer, a sync client) fails with EPERM, EACCES or EBUSY until it
// lets go. conf's own write tried again for a while; the settings' own write, and every other
// private file's, must too, or a change of a setting the expert made is refused for nothing.
import * as fs from 'node:fs'
import * as fsPromises from 'node:fs/promises'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createNodeSettingsStore } from '../../../../src/main/node/adapters/settings-store'
import { createFileSecrets } from '../../../../src/main/node/adapters/file-secrets'
import { FileHeldError, writeFileAtomicallySync } from '../../../../src/main/node/atomic-file'
import { settingsFilePath } from '../../../../src/main/node/settings-file'
import { storageFaultMessage } from '../../../../src/main/core/storage-remedy'
import { errorMessage } from '../../../../src/shared/error-message'
import { recordingLog } from '../../../support/recording-log'
import { useTempDirs } from '../../../support/temp-dir'

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof fs>()
  return { ...real, renameSync: vi.fn(real.renameSync), rmSync: vi.fn(real.rmSync) }
})
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof fsPromises>()
  return { ...real, rename: vi.fn(real.rename) }
})

const tempDir = useTempDirs()

/** The error Windows gives a rename over a file another program holds. */
function held(target: fs.PathLike): Error {
  return Object.assign(new Error(`EPERM: operation not permitted, rename -> '${String(target)}'`), {
    code: 'EPERM',
  })
}

/** Renames over `path` are refused as held `times` times, then go through. */
function holdFor(path: string, times: number): void {
  let refused = 0
  const realSync = vi.mocked(fs.renameSync).getMockImplementation()!
  vi.mocked(fs.renameSync).mockImplementation((from, to) => {
    if (to === path && refused < times) {
      refused++
      throw held(to)
    }
    realSync(from, to)
  })
  const real = vi.mocked(fsPromises.rename).getMockImplementation()!
  vi.mocked(fsPromises.rename).mockImplementation(async (from, to) => {
    if (to === path && refused < times) {
      refused++
      throw held(to)
    }
    await real(from, to)
  })
}

afterEach(() => {
  vi.mocked(fs.renameSync).mockReset()
  vi.mocked(fs.rmSync).mockReset()
  vi.mocked(fsPromises.rename).mockReset()
})

describe('a private file held by another program for a moment', () => {
  it('takes a change of a setting once the program lets go, with nothing left beside it', () => {
    const dir = tempDir()
    const settings = createNodeSettingsStore({ dir, log: recordingLog() })
    holdFor(settingsFilePath(dir), 2)
    expect(settings.update({ soundEnabled: false, remindersEnabled: false })).toMatchObject({
      soundEnabled: false,
      remindersEnabled: false,
    })
    expect(JSON.parse(readFileSync(settingsFilePath(dir), 'utf8'))).toMatchObject({
      soundEnabled: false,
      remindersEnabled: false,
    })
    expect(readdirSync(dir)).toEqual(['settings.json'])
  })

  it('saves the sign-in once the program lets go', async () => {
    const path = join(tempDir(), 'sign-in.json')
    const secrets = createFileSecrets({ path, log: recordingLog() })
    holdFor(path, 2)
    const signIn = { platformUrl: 'http://127.0.0.1:4455', token: 'tok_held', expertId: 'exp_ada' }
    await secrets.save(signIn)
    expect(await secrets.load()).toEqual(signIn)
  })

  it('refuses the change with the reason when the file stays held, and leaves nothing beside it', () => {
    const dir = tempDir()
    const settings = createNodeSettingsStore({ dir, log: recordingLog() })
    holdFor(settingsFilePath(dir), Number.POSITIVE_INFINITY)
    expect(() => settings.update({ remindersEnabled: false })).toThrow(
      /could not save your settings \(settings\.json is held/,
    )
    expect(readdirSync(dir)).toEqual(['settings.json'])
    expect(JSON.parse(readFileSync(settingsFilePath(dir), 'utf8'))).toMatchObject({ remindersEnabled: true })
  })

  it('tells the expert to free the file that stays held, not to check a folder it just wrote in', async () => {
    const dir = tempDir()
    const settings = createNodeSettingsStore({ dir, log: recordingLog() })
    holdFor(settingsFilePath(dir), Number.POSITIVE_INFINITY)
    const refused = (() => {
      try {
        settings.update({ remindersEnabled: false })
      } catch (error) {
        return errorMessage(error)
      }
      return 'saved'
    })()
    expect(refused).toContain('settings.json is held by another program or read-only: EPERM')
    expect(refused).toContain('Quit any other program using Standby’s files')
    expect(refused).not.toMatch(/writable|\.tmp/)

    const path = join(dir, 'sign-in.json')
    holdFor(path, Number.POSITIVE_INFINITY)
    const signIn = { platformUrl: 'http://127.0.0.1:4455', token: 'tok_held', expertId: 'exp_ada' }
    const told = await createFileSecrets({ path, log: recordingLog() })
      .save(signIn)
      .then(
        () => null,
        (error: unknown) => storageFaultMessage(error),
      )
    expect(told).toContain('Quit any other program using Standby’s files')
  })

  it('holds the app no longer than the tries allow when the clock is set back while a file stays held', () => {
    const path = join(tempDir(), 'login-item.json')
    holdFor(path, Number.POSITIVE_INFINITY)
    // A steady time that moves only by the pauses taken, and a wall clock set back an hour at the first.
    let waited = 0
    const start = Date.now()
    const steady = performance.now()
    vi.spyOn(Atomics, 'wait').mockImplementation((_array, _index, _value, pause = 0) => {
      waited += pause
      return 'timed-out'
    })
    vi.spyOn(performance, 'now').mockImplementation(() => steady + waited)
    vi.spyOn(Date, 'now').mockImplementation(() => start + waited - (waited > 0 ? 3_600_000 : 0))
    try {
      expect(() => writeFileAtomicallySync(path, '{}')).toThrow(FileHeldError)
    } finally {
      vi.restoreAllMocks()
    }
    expect(waited).toBeLessThanOrEqual(1_000)
  })

  it('tells why the write failed when the file just written is held too, and removes it at the next write', () => {
    const dir = tempDir()
    const path = join(dir, 'login-item.json')
    holdFor(path, Number.POSITIVE_INFINITY)
    const realRm = vi.mocked(fs.rmSync).getMockImplementation()!
    vi.mocked(fs.rmSync).mockImplementation((target, options) => {
      if (String(target).endsWith('.tmp'))
        throw Object.assign(new Error('EBUSY: resource busy'), { code: 'EBUSY' })
      realRm(target, options)
    })
    expect(() => writeFileAtomicallySync(path, '{"n":1}')).toThrow(FileHeldError)
    vi.mocked(fs.renameSync).mockReset()
    vi.mocked(fs.rmSync).mockReset()
    writeFileAtomicallySync(path, '{"n":2}')
    expect(readdirSync(dir)).toEqual(['login-item.json'])
    expect(readFileSync(path, 'utf8')).toBe('{"n":2}')
  })
})
