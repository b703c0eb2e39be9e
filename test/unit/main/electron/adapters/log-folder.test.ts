import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createElectronLogFolder } from '../../../../../src/main/electron/adapters/log-folder'
import type { Logger } from '../../../../../src/main/node/log'
import { fake, resetFakeElectron } from '../../../../support/fake-electron'

vi.mock('electron', async () => (await import('../../../../support/fake-electron')).electronModule)

const log: Logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() }

beforeEach(() => {
  resetFakeElectron()
  vi.clearAllMocks()
})

describe('the log folder in Electron', () => {
  it('opens in the file manager', async () => {
    const folder = createElectronLogFolder('/logs', log, () => null)
    expect(await folder.open()).toBe(true)
    expect(fake.shell.openPath).toHaveBeenCalledWith('/logs')
  })

  it('answers false and logs why when the system cannot open it, so the page shows the path', async () => {
    fake.shell.openPath.mockResolvedValueOnce('Failed to open path')
    expect(await createElectronLogFolder('/logs', log, () => null).open()).toBe(false)
    fake.shell.openPath.mockRejectedValueOnce(new Error('no file manager'))
    expect(await createElectronLogFolder('/logs', log, () => null).open()).toBe(false)
    expect(log.warn).toHaveBeenCalledWith('Could not open the log folder /logs: Failed to open path')
  })
})
