import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createAppOrigin } from '../../../../src/main/electron/app-origin'
import { bringToFront, createMainWindow } from '../../../../src/main/electron/main-window'
import { HANG_BOUND_MS, MOST_RELOADS, RELOAD_WINDOW_MS } from '../../../../src/main/electron/page-recovery'
import { createPopover } from '../../../../src/main/electron/popover-window'
import { ManualClock } from '../../../../src/shared/clock'
import { fake, newestMade, resetFakeElectron, type FakeBrowserWindow } from '../../../support/fake-electron'
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
  return newestMade(fake.windows, 'window')
}

beforeEach(resetFakeElectron)

/** Electron tells a renderer ended by forcefullyCrashRenderer once its process is gone, not within the call. */
async function rendererEnded(): Promise<void> {
  await Promise.resolve()
}

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

  it('opens the popover once its page has loaded again after its renderer was lost or its load failed, not empty meanwhile', () => {
    const popover = createPopover(windowOptions())
    const window = lastWindow()
    window.readyToShow()
    for (const lose of [
      () => window.webContents.renderProcessGone('oom'),
      () => window.webContents.failLoad('standby-app://app/?view=popover'),
    ]) {
      lose()
      popover.open({ x: 1000, y: 0, width: 24, height: 24 })
      expect(window.visible).toBe(false)
      window.webContents.finishLoad()
      expect(window).toMatchObject({ visible: true, focused: true })
      popover.hide()
    }
    // Loaded again while put away: the next open shows it at once.
    window.webContents.renderProcessGone('crashed')
    window.webContents.finishLoad()
    popover.open({ x: 1000, y: 0, width: 24, height: 24 })
    expect(window.visible).toBe(true)
  })

  it('keeps an opened popover waiting through the error page of a reload that failed again, not shown empty', () => {
    const popover = createPopover(windowOptions())
    const window = lastWindow()
    window.readyToShow()
    window.webContents.renderProcessGone('crashed')
    popover.open({ x: 1000, y: 0, width: 24, height: 24 })
    // The reload fails too: Chromium's error page finishes loading, and Standby reloads once more.
    window.webContents.failLoad('standby-app://app/?view=popover')
    expect(window.webContents.reload).toHaveBeenCalledTimes(2)
    expect(window.visible).toBe(false)
    window.webContents.finishLoad()
    expect(window).toMatchObject({ visible: true, focused: true })
    // Put away, a load that failed (its error page finished) is not taken for the page.
    popover.hide()
    window.webContents.failLoad('standby-app://app/?view=popover')
    popover.open({ x: 1000, y: 0, width: 24, height: 24 })
    expect(window.visible).toBe(false)
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

  it('lets a window close whose renderer is lost or hangs between its close and its end, not reloading it', () => {
    fake.pendingCloses = true
    for (const open of [
      (options: ReturnType<typeof windowOptions>) => createPopover(options),
      (options: ReturnType<typeof windowOptions>) =>
        createMainWindow({ ...options, isQuitting: () => false }),
    ]) {
      const options = windowOptions()
      open(options)
      const window = lastWindow()
      window.readyToShow()
      const contents = window.webContents
      // The close went ahead; its page is unloading when its renderer crashes, or hangs.
      window.close()
      contents.hang()
      clock.advance(HANG_BOUND_MS)
      contents.renderProcessGone('crashed')
      contents.failLoad('standby-app://app/')
      expect(contents.forcefullyCrashRenderer).not.toHaveBeenCalled()
      expect(contents.reload).not.toHaveBeenCalled()
      expect(options.log.text()).not.toMatch(/reloading|restarting/)
      // Chromium stops waiting for the unload of a page with no renderer: the window goes.
      window.finishClose()
      expect(window.destroyed).toBe(true)
    }
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
    expect(options.log.text()).toMatch(
      /left empty until its window is opened after this minute\. If it stays empty, quit Standby from the tray and start it again/,
    )
    clock.advance(RELOAD_WINDOW_MS)
    contents.renderProcessGone('crashed')
    expect(contents.reload).toHaveBeenCalledTimes(MOST_RELOADS + 1)
  })
})

describe('a window whose page hangs', () => {
  it('restarts the page’s renderer and reloads it once it stayed unresponsive for the bound', async () => {
    const options = windowOptions()
    createPopover(options)
    const contents = lastWindow().webContents
    contents.hang()
    // Electron says so again while it lasts: still one wait, not one per word.
    contents.hang()
    clock.advance(HANG_BOUND_MS - 1)
    expect(contents.forcefullyCrashRenderer).not.toHaveBeenCalled()
    clock.advance(1)
    expect(contents.forcefullyCrashRenderer).toHaveBeenCalledOnce()
    await rendererEnded()
    expect(contents.reload).toHaveBeenCalledOnce()
    expect(contents).toMatchObject({ crashed: false, responsive: true })
    expect(options.log.text()).toMatch(/popover window's page did not answer for 30 seconds; restarting it/)
  })

  it('leaves a page that answers again before the bound (a busy one) as it is', () => {
    createMainWindow({ ...windowOptions(), isQuitting: () => false })
    const contents = lastWindow().webContents
    contents.hang()
    clock.advance(HANG_BOUND_MS - 1)
    contents.answerAgain()
    clock.advance(HANG_BOUND_MS)
    expect(contents.forcefullyCrashRenderer).not.toHaveBeenCalled()
    expect(contents.reload).not.toHaveBeenCalled()
  })

  it('leaves alone a window closed while it hung', () => {
    createPopover(windowOptions())
    const window = lastWindow()
    const contents = window.webContents
    contents.hang()
    window.destroy()
    clock.advance(HANG_BOUND_MS)
    expect(contents.forcefullyCrashRenderer).not.toHaveBeenCalled()
  })

  it(`counts with the crashes: past ${MOST_RELOADS} reloads a minute it is left frozen, and says what to do`, async () => {
    const options = windowOptions()
    createPopover(options)
    const contents = lastWindow().webContents
    for (let crash = 0; crash < MOST_RELOADS; crash++) contents.renderProcessGone('crashed')
    contents.reload.mockClear()
    contents.hang()
    clock.advance(HANG_BOUND_MS)
    expect(contents.forcefullyCrashRenderer).not.toHaveBeenCalled()
    expect(options.log.text()).toMatch(
      /did not answer for 30 seconds again, 3 times within a minute, so it is left frozen/,
    )
    // Once the minute has passed, a page that hangs again gets its reload.
    clock.advance(RELOAD_WINDOW_MS)
    contents.hang()
    clock.advance(HANG_BOUND_MS)
    await rendererEnded()
    expect(contents.reload).toHaveBeenCalledOnce()
  })
})

describe('a window whose page was given up on', () => {
  const icon = { x: 1000, y: 0, width: 24, height: 24 }

  /** Its renderer lost past the bound: the page is left empty. */
  function loseFor(contents: FakeBrowserWindow['webContents']): void {
    for (let crash = 0; crash <= MOST_RELOADS; crash++) contents.renderProcessGone('killed')
    expect(contents.reload).toHaveBeenCalledTimes(MOST_RELOADS)
  }

  it('loads the popover’s page again as the expert opens it after the minute, and shows it once loaded', () => {
    const popover = createPopover(windowOptions())
    const window = lastWindow()
    window.readyToShow()
    loseFor(window.webContents)
    // Within the minute, an open gets no reload past the bound.
    popover.open(icon)
    expect(window.webContents.reload).toHaveBeenCalledTimes(MOST_RELOADS)
    popover.hide()
    clock.advance(RELOAD_WINDOW_MS)
    popover.open(icon)
    expect(window.webContents.reload).toHaveBeenCalledTimes(MOST_RELOADS + 1)
    // Not shown empty while its page loads.
    expect(window.visible).toBe(false)
    window.webContents.finishLoad()
    expect(window).toMatchObject({ visible: true, focused: true })
    // A page that loaded stays as it is at the next open.
    popover.hide()
    clock.advance(RELOAD_WINDOW_MS)
    popover.open(icon)
    expect(window.webContents.reload).toHaveBeenCalledTimes(MOST_RELOADS + 1)
    expect(window.visible).toBe(true)
  })

  it('loads the main window’s page again as the expert brings the window forward after the minute', () => {
    const options = windowOptions()
    const window = (createMainWindow({ ...options, isQuitting: () => false }), lastWindow())
    loseFor(window.webContents)
    expect(window.visible).toBe(true)
    clock.advance(RELOAD_WINDOW_MS)
    bringToFront(window)
    expect(window.webContents.reload).toHaveBeenCalledTimes(MOST_RELOADS + 1)
    expect(options.log.text()).toMatch(
      /main window's page was left empty and its window is opened; reloading it/,
    )
  })

  it('restarts a popover page left frozen as the expert opens it after the minute, shown once loaded', async () => {
    const popover = createPopover(windowOptions())
    const window = lastWindow()
    window.readyToShow()
    const contents = window.webContents
    // Each crash is reloaded, and the page loads again, until it hangs with no reload left.
    for (let crash = 0; crash < MOST_RELOADS; crash++) {
      contents.renderProcessGone('crashed')
      contents.finishLoad()
    }
    contents.hang()
    clock.advance(HANG_BOUND_MS)
    expect(contents.forcefullyCrashRenderer).not.toHaveBeenCalled()
    clock.advance(RELOAD_WINDOW_MS)
    popover.open(icon)
    expect(contents.forcefullyCrashRenderer).toHaveBeenCalledOnce()
    // Not shown frozen, then empty as its renderer ends, while it is restarted.
    expect(window.visible).toBe(false)
    await rendererEnded()
    expect(contents.reload).toHaveBeenCalledTimes(MOST_RELOADS + 1)
    expect(contents).toMatchObject({ crashed: false, responsive: true })
    expect(window.visible).toBe(false)
    contents.finishLoad()
    expect(window).toMatchObject({ visible: true, focused: true })
  })
})
