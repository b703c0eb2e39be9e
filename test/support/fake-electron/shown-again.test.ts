// What Electron does with a call made out of the usual order: a notification shown again, another
// copy of the app started before this one is ready. The fake must do the same, or the tests that
// use it pass against a kinder Electron.
import { beforeEach, describe, expect, it } from 'vitest'
import { fake, FakeNotification, resetFakeElectron } from './'

beforeEach(resetFakeElectron)

describe('the fake Notification shown again', () => {
  it('closes what it showed before, as Electron’s show() does: macOS tells that close, then the new show', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      resetFakeElectron()
      fake.platform = platform
      const notification = new FakeNotification({ title: 'Hooks question' })
      const told: string[] = []
      for (const event of ['show', 'close']) notification.on(event, () => told.push(event))
      notification.show()
      notification.show()
      expect([platform, told, notification.onScreen]).toEqual([
        platform,
        platform === 'darwin' ? ['show', 'close', 'show'] : ['show', 'show'],
        true,
      ])
    }
  })
})

describe('the fake app started again before it is ready', () => {
  it("tells 'second-instance' only once the app is ready, after what the app does as it becomes ready", async () => {
    const release = fake.app.holdReady()
    const told: string[] = []
    void fake.app.whenReady().then(() => fake.app.on('second-instance', (_event, argv) => told.push(...argv)))
    fake.app.lockAvailable = false
    fake.app.holdsLock = true
    expect(fake.app.anotherCopyStarts(['standby', 'standby://invite/inv_1'])).toBe('quits')
    await Promise.resolve()
    expect(told).toEqual([])
    release()
    await fake.app.whenReady()
    await Promise.resolve()
    expect(told).toEqual(['standby', 'standby://invite/inv_1'])
  })
})
