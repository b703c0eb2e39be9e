/**
 * A link clicked while Standby quits: the second launch it starts finds the lock still held and
 * quits, so the quitting copy starts Standby again on it once the quit is certain.
 */
import { resolve } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { systemLinks } from '../../../../src/main/electron/link-after-quit'
import { createRelaunchAtQuit } from '../../../../src/main/electron/relaunch-at-quit'
import { fake, resetFakeElectron } from '../../../support/fake-electron'
import { recordingLog } from '../../../support/recording-log'

vi.mock('electron', async () => (await import('../../../support/fake-electron')).electronModule)

beforeEach(resetFakeElectron)

const LINK = 'standby://invite/inv_1'

/** This copy's links, with a quit under way while `quitting` says so. */
function links(
  env: Record<string, string> = {},
  // Started at login, and relaunched after an error, by an earlier link.
  run: { argv: string[]; defaultApp?: boolean; platform?: NodeJS.Platform } = {
    argv: ['/opt/Standby/standby', '--hidden', '--relaunched-after-error', 'standby://invite/old'],
  },
) {
  const state = { quitting: false }
  const inbox = { receive: vi.fn() }
  const updater = { autoInstallOnAppQuit: true }
  const log = recordingLog()
  const relaunch = createRelaunchAtQuit({
    log,
    updater: () => updater,
    process: { platform: 'linux', ...run, env, execPath: run.argv[0]! },
  })
  const system = systemLinks({ log, isQuitting: () => state.quitting, inbox, relaunch })
  fake.app.on('before-quit', () => (state.quitting = true))
  return { state, inbox, updater, log, linkIn: system.secondLaunch, system, relaunch }
}

describe('a link from a second launch', () => {
  it('opens in this copy while it runs, and a launch without one is left to the caller', () => {
    const { inbox, linkIn } = links()
    expect(linkIn(['/opt/Standby/standby', LINK])).toBe(true)
    expect(linkIn(['/opt/Standby/standby'])).toBe(false)
    expect(inbox.receive.mock.calls).toEqual([[LINK, 'a second launch']])
    fake.app.quit()
    expect(fake.app.relaunch).not.toHaveBeenCalled()
  })

  it('while this copy quits, starts Standby again on the latest such link once the quit is certain', () => {
    const { inbox, updater, log, linkIn } = links()
    fake.app.once('will-quit', () => {
      linkIn(['/opt/Standby/standby', 'standby://invite/inv_0'])
      linkIn(['/opt/Standby/standby', LINK])
      expect(fake.app.relaunch).not.toHaveBeenCalled()
    })
    fake.app.quit()
    expect(fake.app.quitDone).toBe(true)
    expect(inbox.receive).not.toHaveBeenCalled()
    // Started as a click with Standby closed starts it: with its window, and without the last
    // run's flags (no "restarted after an unexpected error" notice for a run that did not fail).
    expect(fake.app.relaunch.mock.calls).toEqual([[{ args: [LINK] }]])
    // An update waiting for this quit installs at the relaunched run's quit, not racing it.
    expect(updater.autoInstallOnAppQuit).toBe(false)
    expect(log.text()).toMatch(/Standby starts again on it/)
  })

  it('starts the AppImage file itself again, not its mount that goes with this run', () => {
    const { linkIn } = links({ APPIMAGE: '/home/ana/Standby.AppImage', APPDIR: '/opt/Standby' })
    fake.app.once('will-quit', () => linkIn(['/x', LINK]))
    fake.app.quit()
    expect(fake.app.relaunch.mock.calls).toEqual([[{ args: [LINK], execPath: '/home/ana/Standby.AppImage' }]])
  })

  it('in a development run, starts Electron on the app folder and the link, as the link handler does', () => {
    const { linkIn } = links({}, { argv: ['/dev/electron', 'app', '--inspect'], defaultApp: true })
    fake.app.once('will-quit', () => linkIn(['/x', LINK]))
    fake.app.quit()
    expect(fake.app.relaunch.mock.calls).toEqual([[{ args: [resolve('app'), LINK] }]])
  })

  it('starts Standby on this run’s profile, the one the link’s launch shared to reach it', () => {
    const profile = '--user-data-dir=/home/ana/standby-work'
    const { linkIn } = links({}, { argv: ['/opt/Standby/standby', '--hidden', profile] })
    fake.app.once('will-quit', () => linkIn(['/x', profile, LINK]))
    fake.app.quit()
    expect(fake.app.relaunch.mock.calls).toEqual([[{ args: [profile, LINK] }]])
  })

  it('keeps the profile however Chromium let it be spelt, spaces and = in its path included', () => {
    const cases: Array<[NodeJS.Platform, string]> = [
      ['linux', '-user-data-dir=/home/ana/my work=2'],
      ['win32', '--User-Data-Dir=C:\\Users\\Ana\\Standby Work\\'],
      ['win32', '/user-data-dir=D:\\profiles\\a=b'],
    ]
    for (const [platform, profile] of cases) {
      resetFakeElectron()
      const { linkIn } = links({}, { argv: ['/opt/Standby/standby', '--hidden', profile], platform })
      fake.app.once('will-quit', () => linkIn(['/x', profile, LINK]))
      fake.app.quit()
      expect(fake.app.relaunch.mock.calls).toEqual([[{ args: [profile, LINK] }]])
    }
  })

  it('starts nothing where a restart to update starts the new version itself, saying so in the log', () => {
    const { log, linkIn } = links()
    fake.app.once('will-quit', () => linkIn(['/x', LINK]))
    fake.autoUpdater.emit('before-quit-for-update')
    fake.app.quit()
    expect(fake.app.relaunch).not.toHaveBeenCalled()
    expect(log.text()).toMatch(/restarted to update; it opens when clicked again/)
  })

  it('starts nothing on macOS once Squirrel has an update, which it installs as this copy ends, saying so', () => {
    const { log, system } = links()
    fake.autoUpdater.emit('update-downloaded')
    fake.app.once('will-quit', () => system.receive(LINK, 'macOS'))
    fake.app.quit()
    expect(fake.app.quitDone).toBe(true)
    expect(fake.app.relaunch).not.toHaveBeenCalled()
    expect(log.text()).toMatch(/quit with an update to install; .*Click the link again/)
  })

  it('starts nothing on a link that opens nothing, and keeps the last one that opens something', () => {
    const { log, linkIn } = links()
    const refused = [
      `standby://invite/${'a'.repeat(1_000_000)}`,
      'standby://invite/inv_2\n--gpu-launcher=evil',
      'standby://invite/inv_2?x=1',
    ]
    fake.app.once('will-quit', () => {
      linkIn(['/x', LINK])
      for (const link of refused) expect(linkIn(['/x', link])).toBe(true)
    })
    fake.app.quit()
    expect(fake.app.relaunch.mock.calls).toEqual([[{ args: [LINK] }]])
    // One line, however many came: a page's text, a megabyte of it, a loop of them, do not fill the log.
    expect(log.text().match(/Ignored a link from a second launch as Standby quit/g)).toHaveLength(1)
    expect(log.text().length).toBeLessThan(5_000)
  })

  it('treats a link macOS hands over as it quits as a second launch’s: the latest valid one starts Standby, a refusal is logged once by its source', () => {
    const { log, system, linkIn } = links()
    fake.app.once('will-quit', () => {
      system.receive('standby://session/ses_1', 'macOS')
      linkIn(['/x', LINK])
      system.receive('standby://invite/inv_2?accept=1', 'macOS')
      system.receive('standby://invite/inv_3#x', 'macOS')
    })
    fake.app.quit()
    expect(fake.app.relaunch.mock.calls).toEqual([[{ args: [LINK] }]])
    expect(log.text().match(/Ignored a link from macOS as Standby quit/g)).toHaveLength(1)
  })

  it('starts nothing when every link that came as it quit opens nothing', () => {
    const { linkIn } = links()
    fake.app.once('will-quit', () => linkIn(['/x', 'standby://elsewhere/x']))
    fake.app.quit()
    expect(fake.app.relaunch).not.toHaveBeenCalled()
  })

  it('hands the new run the link as Standby writes it', () => {
    const { linkIn } = links()
    fake.app.once('will-quit', () => linkIn(['/x', 'STANDBY://invite/inv_1/']))
    fake.app.quit()
    expect(fake.app.relaunch.mock.calls).toEqual([[{ args: [LINK] }]])
  })

  it('keeps no link for a later quit when the quit it came in was cancelled', () => {
    const { state, linkIn } = links()
    state.quitting = true
    linkIn(['/x', LINK])
    // A later quit, hours on: the expert's own, which must not start Standby again unasked.
    fake.app.quit()
    expect(fake.app.quitDone).toBe(true)
    expect(fake.app.relaunch).not.toHaveBeenCalled()
  })
})
