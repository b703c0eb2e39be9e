// Which updaters let the single-instance lock go before a restart to update: only the AppImage's
// starts the new version while this copy still runs. Windows' installer and macOS's ShipIt start it
// once this copy has ended (ShipIt waiting for every copy to end), so there the lock is kept.
import { AppImageUpdater, MacUpdater, NsisUpdater, type AppUpdater } from 'electron-updater'
import { beforeEach, describe, expect, it } from 'vitest'
import { lockHandOver } from '../../../../../src/main/electron/adapters/update-lock-hand-over'
import { singleInstanceLock } from '../../../../../src/main/electron/single-instance'
import { fake, resetFakeElectron } from '../../../../support/fake-electron'

beforeEach(resetFakeElectron)

describe('the single-instance lock around a restart to update', () => {
  it.each([
    ['Linux (AppImage)', () => new AppImageUpdater(), 'let go of'],
    ['Windows (NSIS)', () => new NsisUpdater(), 'kept'],
    ['macOS (Squirrel)', () => new MacUpdater(), 'kept'],
  ] as Array<[string, () => AppUpdater, 'let go of' | 'kept']>)(
    'on %s: the lock is %s as the restart begins, and held after a restart that failed',
    (_system, updater, asItBegins) => {
      fake.app.requestSingleInstanceLock()
      const handOver = lockHandOver(updater(), singleInstanceLock)
      handOver.before()
      expect(fake.app.hasSingleInstanceLock()).toBe(asItBegins === 'kept')
      handOver.failed()
      expect(fake.app.hasSingleInstanceLock()).toBe(true)
      expect(fake.app.quit).not.toHaveBeenCalled()
    },
  )

  it('quits this copy when the restart failed and another copy took the lock meanwhile', () => {
    fake.app.requestSingleInstanceLock()
    const handOver = lockHandOver(new AppImageUpdater(), singleInstanceLock)
    handOver.before()
    expect(fake.app.anotherCopyStarts()).toBe('runs')
    handOver.failed()
    expect(fake.app.hasSingleInstanceLock()).toBe(false)
    expect(fake.app.quit).toHaveBeenCalledOnce()
  })
})
