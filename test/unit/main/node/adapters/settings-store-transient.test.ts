// A read of the settings that fails for a moment (EIO, EMFILE, a file an antivirus holds on
// Windows) is no file to replace: the first save would write the defaults over the expert's
// settings. Root reads every file, so the failure is played through node:fs.
import * as fs from 'node:fs'
import { readFileSync } from 'node:fs'
import { expect, it, vi } from 'vitest'
import {
  createNodeSettingsStore,
  openNodeSettingsConf,
} from '../../../../../src/main/node/adapters/settings-store'
import { openSettingsStore, settingsFilePath } from '../../../../../src/main/node/settings-file'
import { recordingLog } from '../../../../support/recording-log'
import { useTempDirs } from '../../../../support/temp-dir'

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof fs>()
  return { ...real, openSync: vi.fn(real.openSync) }
})

const tempDir = useTempDirs()

it.each(['EIO', 'EMFILE', 'EBUSY'])(
  'never writes the defaults over the settings when reading them failed for a moment (%s)',
  (code) => {
    const dir = tempDir()
    const path = settingsFilePath(dir)
    createNodeSettingsStore({ dir, log: recordingLog() }).update({ platformUrl: 'https://platform.example' })
    const before = readFileSync(path, 'utf8')
    const real = vi.mocked(fs.openSync).getMockImplementation()!
    let failOnce = false
    vi.mocked(fs.openSync).mockImplementation((file, ...rest) => {
      if (failOnce && file === path) {
        failOnce = false
        throw Object.assign(new Error(`${code}: the file could not be read, open '${path}'`), { code })
      }
      return real(file, ...rest)
    })
    const log = recordingLog()
    let notKept: string | undefined
    try {
      const settings = openSettingsStore({
        dir,
        log,
        open: () => {
          const conf = openNodeSettingsConf(dir)
          // The store is open; the next read fails, once.
          failOnce = true
          return conf
        },
      })
      notKept = settings.notKept
      settings.update({ soundEnabled: false })
    } finally {
      vi.mocked(fs.openSync).mockImplementation(real)
    }
    expect(readFileSync(path, 'utf8')).toBe(before)
    // Told, as a store that could not be opened is: the change lasts this run only.
    expect(notKept).toContain(code)
    // The next start reads them as they were.
    expect(createNodeSettingsStore({ dir, log: recordingLog() }).get().platformUrl).toBe(
      'https://platform.example',
    )
  },
)
