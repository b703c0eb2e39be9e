import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createAppOrigin } from '../../../../src/main/electron/app-origin'
import { createMainWindow } from '../../../../src/main/electron/main-window'
import { MOST_RELOADS, RELOAD_WINDOW_MS } from '../../../../src/main/electron/page-recovery'
import { createPopover } from '../../../../src/main/electron/popover-window'
import { ManualClock } from '../../../../src/shared/clock'
import { fake, resetFakeElectron, type FakeBrowserWindow } from '../../../support/fake-electron'
import { recordingLog } from '../../../support/recording-log'

vi.mock('electron', async () => (await import('../../../support/fake-electron')).electronModule)

const clock = new ManualClock(1_000_000)

function windowOptions() {
  return {
    preloadPath: '/app/out/preload/index.cjs',
    origin: createAppOrigin({}),
    openExternal: fake.shell.openExternal,
    log: recordingLog(),
    clock,
  }
}

function lastWindow(): FakeBrowserWindow {
  const window = fake.windows.at(-1)
  if (!window) throw new Error('no window was created')
  return window
}

beforeEach(resetFakeElectron)

describe('a window whose page is lost', () => {
  it('reloads the popover’s page when its renderer crashes, is killed or runs out of memory', () => {
    createPopover(windowOptions())
    const contents = lastWindow().webContents
    contents.renderProcessGone('crashed')
    expect(contents.reload).toHaveBeenCalledOnce()
    expect(contents.isCrashed()).toBe(false)
    clock.advance(RELOAD_WINDOW_MS)
    contents.renderProcessGone('oom')
    expect(contents.reload).toHaveBeenCalledTimes(2)
  })

  it('reloads the main window’s page when it could not load, which then shows once painted', () => {
    const options = windowOptions()
    createMainWindow({ ...options, isQuitting: () => false })
    const window = lastWindow()
    window.webContents.failLoad('standby-app://app/')
    expect(window.webContents.reload).toHaveBeenCalledOnce()
    expect(options.log.text()).toMatch(/main window's page could not load \(ERR_FAILED\); reloading it/)
    window.readyToShow()
    expect(window.visible).toBe(true)
  })

  it('leaves alone a clean exit, an aborted load and a frame inside the page', () => {
    createPopover(windowOptions())
    const contents = lastWindow().webContents
    contents.failLoad('standby-app://app/', -3)
    contents.failLoad('https://example.com/', -2, false)
    contents.renderProcessGone('clean-exit')
    expect(contents.reload).not.toHaveBeenCalled()
  })

  it(`reloads at most ${MOST_RELOADS} times a minute, then says what to do`, () => {
    const options = windowOptions()
    createPopover(options)
    const contents = lastWindow().webContents
    for (let crash = 0; crash < MOST_RELOADS + 2; crash++) contents.renderProcessGone('crashed')
    expect(contents.reload).toHaveBeenCalledTimes(MOST_RELOADS)
    expect(options.log.text()).toMatch(/left empty\. Quit Standby from the tray and start it again/)
    clock.advance(RELOAD_WINDOW_MS)
    contents.renderProcessGone('crashed')
    expect(contents.reload).toHaveBeenCalledTimes(MOST_RELOADS + 1)
  })
})
