// An entry at standby.desktop this user may not read (made with sudo, owned by root, mode 0600):
// Standby never wrote it, so it is the expert's, not a folder Standby cannot write. Root reads
// every file, so the refusal is played through node:fs.
import * as fs from 'node:fs'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it, vi } from 'vitest'
import { LOGIN_ITEM_APPLIED } from '../../../../src/main/core/settings/login-item'
import { AUTOSTART_FILE } from '../../../../src/main/node/autostart-desktop-file'
import { createAutostartEntry, OTHERS_ENTRY_PROBLEM } from '../../../../src/main/node/autostart-entry'
import { recordingLog } from '../../../support/recording-log'
import { useTempDirs } from '../../../support/temp-dir'

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof fs>()
  return { ...real, readFileSync: vi.fn(real.readFileSync) }
})

const tempDir = useTempDirs()

it('takes an entry it may not read for the expert’s: left as it is, and said so, not blamed on the folder', () => {
  const dir = tempDir()
  const path = join(dir, AUTOSTART_FILE)
  writeFileSync(path, '[Desktop Entry]\nExec=/opt/Standby/standby --hidden\n')
  const real = vi.mocked(fs.readFileSync).getMockImplementation()!
  vi.mocked(fs.readFileSync).mockImplementation((file, options) => {
    if (file === path)
      throw Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: 'EACCES' })
    return real(file, options)
  })
  const log = recordingLog()
  const item = createAutostartEntry({ dir, executable: '/opt/Standby/standby', log })
  try {
    // Off, as at every start by default: nothing of Standby's to remove, and no problem to show.
    expect(item.applyAtStart(false)).toEqual(LOGIN_ITEM_APPLIED)
    expect(item.set(true)).toEqual({ applied: false, problem: OTHERS_ENTRY_PROBLEM })
  } finally {
    vi.mocked(fs.readFileSync).mockImplementation(real)
  }
  expect(readFileSync(path, 'utf8')).toContain('Exec=/opt/Standby/standby --hidden')
  expect(log.text()).toMatch(/is not an entry Standby wrote/)
})

it('keeps saying what it last said when a look at the entry fails for a passing reason', () => {
  const dir = tempDir()
  const path = join(dir, AUTOSTART_FILE)
  const item = createAutostartEntry({ dir, executable: '/opt/Standby/standby', log: recordingLog() })
  expect(item.set(true)).toEqual(LOGIN_ITEM_APPLIED)
  const real = vi.mocked(fs.readFileSync).getMockImplementation()!
  vi.mocked(fs.readFileSync).mockImplementation((file, options) => {
    if (file === path)
      throw Object.assign(new Error(`EMFILE: too many open files, open '${path}'`), { code: 'EMFILE' })
    return real(file, options)
  })
  try {
    // The entry is there and on: the line under the switch must not say it is gone.
    expect(item.read(true)).toEqual(LOGIN_ITEM_APPLIED)
  } finally {
    vi.mocked(fs.readFileSync).mockImplementation(real)
  }
  expect(item.read(true)).toEqual(LOGIN_ITEM_APPLIED)
})
