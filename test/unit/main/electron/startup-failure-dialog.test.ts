import { beforeEach, describe, expect, it, vi } from 'vitest'
import { failStartup } from '../../../../src/main/electron/startup-failure-dialog'
import type { Logger } from '../../../../src/main/node/log'
import { fake, resetFakeElectron } from '../../../support/fake-electron'

vi.mock('electron', async () => (await import('../../../support/fake-electron')).electronModule)

const log: Logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() }
const locked = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' })

beforeEach(() => {
  resetFakeElectron()
  vi.clearAllMocks()
})

describe('a start that failed', () => {
  it('logs the error, shows what failed and what to do with the log path, then exits with a failure', () => {
    failStartup(locked, { log, logPath: '/logs/standby.log' })
    expect(log.error).toHaveBeenCalledWith('Standby could not start', locked)
    expect(fake.dialog.showErrorBox).toHaveBeenCalledWith(
      "Standby's profile is in use by another program",
      expect.stringMatching(
        /Quit it .* then start Standby again\. The log has the details: \/logs\/standby\.log$/,
      ),
    )
    expect(fake.app.exit).toHaveBeenCalledWith(1)
    expect(fake.dialog.showErrorBox.mock.invocationCallOrder[0]).toBeLessThan(
      fake.app.exit.mock.invocationCallOrder[0]!,
    )
  })

  it('closes what the start opened before the dialog, and still tells and exits when that fails', () => {
    const closeOpened = vi.fn(() => {
      throw new Error('tray gone')
    })
    failStartup(locked, { log, logPath: null, closeOpened })
    expect(closeOpened.mock.invocationCallOrder[0]).toBeLessThan(
      fake.dialog.showErrorBox.mock.invocationCallOrder[0]!,
    )
    expect(log.error).toHaveBeenCalledWith('Could not close what the start opened', expect.any(Error))
    expect(fake.app.exit).toHaveBeenCalledWith(1)
  })

  it('advises reinstalling an installed app whose database module does not match', () => {
    fake.app.isPackaged = true
    failStartup(new Error('was compiled against a different Node.js version'), { log, logPath: null })
    expect(fake.dialog.showErrorBox.mock.calls[0]?.[1]).toContain('Install Standby again')
  })

  it('still exits when the dialog cannot be shown, and keeps the sentence in the log', () => {
    fake.dialog.showErrorBox.mockImplementation(() => {
      throw new Error('no display')
    })
    failStartup(locked, { log, logPath: null })
    expect(fake.app.exit).toHaveBeenCalledWith(1)
    expect(log.error).toHaveBeenLastCalledWith(
      expect.stringContaining("Could not show the start-up failure: Standby's profile is in use"),
      expect.any(Error),
    )
  })
  it('still shows the dialog and exits when the log cannot write the error', () => {
    const failing: Logger = {
      ...log,
      error: vi.fn(() => {
        throw new Error('log gone')
      }),
    }
    failStartup(locked, { log: failing, logPath: null })
    expect(fake.dialog.showErrorBox).toHaveBeenCalledOnce()
    expect(fake.app.exit).toHaveBeenCalledWith(1)
  })
})
