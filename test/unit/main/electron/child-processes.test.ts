import { beforeEach, describe, expect, it, vi } from 'vitest'
import { logChildProcessEnds } from '../../../../src/main/electron/child-processes'
import { fake, resetFakeElectron } from '../../../support/fake-electron'
import { recordingLog } from '../../../support/recording-log'

vi.mock('electron', async () => (await import('../../../support/fake-electron')).electronModule)

beforeEach(resetFakeElectron)

describe("Chromium's helper processes ending while Standby runs", () => {
  it('puts a GPU crash Electron tells on the app in the log, and leaves a clean exit out', () => {
    const log = recordingLog()
    logChildProcessEnds(fake.app, log)
    fake.app.childProcessGone({ type: 'GPU', reason: 'clean-exit', exitCode: 0 })
    expect(log.lines).toEqual([])
    fake.app.childProcessGone({ type: 'GPU', reason: 'crashed', exitCode: 139 })
    expect(log.lines).toHaveLength(1)
    expect(log.lines[0]).toMatch(/^warn Standby's graphics process \(GPU\), which draws its windows, crashed/)
  })
})
