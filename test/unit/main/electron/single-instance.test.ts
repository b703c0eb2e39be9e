import { beforeEach, describe, expect, it, vi } from 'vitest'
import { claimSingleInstance, onSecondInstance } from '../../../../src/main/electron/single-instance'
import { fake, resetFakeElectron } from '../../../support/fake-electron'

vi.mock('electron', async () => (await import('../../../support/fake-electron')).electronModule)

beforeEach(resetFakeElectron)

describe('the single-instance lock', () => {
  it('makes a second copy of the app quit at once', () => {
    fake.app.lockAvailable = false
    expect(claimSingleInstance()).toBe(false)
    expect(fake.app.quit).toHaveBeenCalledOnce()
  })

  it('lets the first copy run', () => {
    expect(claimSingleInstance()).toBe(true)
    expect(fake.app.quit).not.toHaveBeenCalled()
  })

  it('tells the first copy when a second one is started, with the second’s command line', () => {
    const focus = vi.fn()
    onSecondInstance(focus)
    fake.app.secondInstance()
    fake.app.secondInstance(['C:\\Standby\\Standby.exe', 'standby://invite/inv_1'])
    expect(focus.mock.calls).toEqual([
      [['/opt/standby/standby']],
      [['C:\\Standby\\Standby.exe', 'standby://invite/inv_1']],
    ])
  })
})
