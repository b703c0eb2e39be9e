import { execFileSync } from 'node:child_process'
import { EventEmitter } from 'node:events'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  installLastResort,
  RELAUNCH_RECORD_FILE,
  type LastResortOptions,
} from '../../../../src/main/electron/last-resort'
import {
  KEPT_RUNNING_NOTICE,
  RELAUNCH_SPACING_MS,
  RELAUNCHED_AFTER_ERROR_FLAG,
  RELAUNCHED_NOTICE,
} from '../../../../src/main/core/startup/last-resort'
import { createRelaunchAtQuit } from '../../../../src/main/electron/relaunch-at-quit'
import { createFileLogger } from '../../../../src/main/node/file-log'
import type { Logger } from '../../../../src/main/node/log'
import { fake, FakeBrowserWindow, resetFakeElectron } from '../../../support/fake-electron'

vi.mock('electron', async () => (await import('../../../support/fake-electron')).electronModule)

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined }
let userData: string

beforeEach(() => {
  resetFakeElectron()
  userData = mkdtempSync(join(tmpdir(), 'standby-last-resort-'))
})
afterEach(() => rmSync(userData, { recursive: true, force: true }))

/** One run of the app: a process of its own (the test runner's is left alone), its log in userData. */
function run(
  at: number,
  env: NodeJS.ProcessEnv = {},
  more: Partial<LastResortOptions> & { updater?: () => { autoInstallOnAppQuit: boolean } } = {},
) {
  const process = Object.assign(new EventEmitter(), {
    argv: ['/opt/Standby/standby', '--hidden'],
    execPath: '/opt/Standby/standby',
    env,
  })
  const log = createFileLogger({ dir: join(userData, 'logs'), echo: quiet })
  const tell = vi.fn()
  const { updater = () => undefined, ...options } = more
  const relaunch = createRelaunchAtQuit({ log, updater, process: { ...process, platform: 'linux' } })
  const lastResort = installLastResort({
    userData,
    log,
    clock: { now: () => at },
    quitting: () => false,
    relaunch,
    process,
    ...options,
  })
  lastResort.tellThrough({ show: tell })
  return { process, tell, stop: () => lastResort.stop(), logText: () => readFileSync(log.path, 'utf8') }
}

describe('the main process’s last resort', () => {
  it('logs an uncaught error redacted, shows no box with its stack, and relaunches flagged through a quit', () => {
    const { process, logText } = run(1_000)
    process.emit('uncaughtException', new Error('sign-in failed: token=s3cr3t-t0ken'))
    expect(fake.dialog.showErrorBox).not.toHaveBeenCalled()
    expect(logText()).toContain('An unexpected error reached the top of the main process')
    expect(logText()).not.toContain('s3cr3t-t0ken')
    expect(fake.app.relaunch).toHaveBeenCalledWith({ args: ['--hidden', RELAUNCHED_AFTER_ERROR_FLAG] })
    expect(fake.app.quit).toHaveBeenCalledOnce()
    expect(fake.app.quitDone).toBe(true)
    expect(statSync(join(userData, RELAUNCH_RECORD_FILE)).mode & 0o777).toBe(0o600)
  })

  it('asks for the relaunch only once the quit is certain: after every will-quit went through', () => {
    const relaunchedBy: string[] = []
    fake.app.on('will-quit', () => relaunchedBy.push(`will-quit: ${fake.app.relaunch.mock.calls.length}`))
    run(1_000).process.emit('uncaughtException', new Error('boom'))
    expect(relaunchedBy).toEqual(['will-quit: 0'])
    expect(fake.app.relaunch).toHaveBeenCalledOnce()
  })

  it('after a quit that was cancelled, the expert’s own Quit later does not start Standby again', () => {
    const window = new FakeBrowserWindow()
    let keepWindow = true
    window.on('close', (event: Electron.Event) => {
      if (keepWindow) event.preventDefault()
    })
    const { process, logText } = run(1_000)
    process.emit('uncaughtException', new Error('boom'))
    expect(fake.app.quitting).toBe(false)
    keepWindow = false
    // Hours later, Quit from the tray.
    fake.app.quit()
    expect(fake.app.quitDone).toBe(true)
    expect(fake.app.relaunch).not.toHaveBeenCalled()
    expect(logText()).toContain('The quit to relaunch after an unexpected error was cancelled')
  })

  it('after a quit stopped at will-quit, the next quit does not relaunch either', () => {
    fake.app.once('will-quit', (event: Electron.Event) => event.preventDefault())
    run(1_000).process.emit('uncaughtException', new Error('boom'))
    fake.app.quit()
    expect(fake.app.quitDone).toBe(true)
    expect(fake.app.relaunch).not.toHaveBeenCalled()
  })

  it('quits all the same, saying in the log that nothing starts again, when Electron cannot relaunch', () => {
    fake.app.relaunch.mockImplementation(() => {
      throw new Error('no helper process')
    })
    const { process, logText } = run(1_000)
    process.emit('uncaughtException', new Error('boom'))
    expect(fake.app.quitDone).toBe(true)
    expect(logText()).toContain('Standby could not start again after an unexpected error: no helper process')
  })

  it('from an AppImage, relaunches the AppImage file, as its mount goes with this run', () => {
    const env = { APPIMAGE: '/home/ada/Standby.AppImage', APPDIR: '/opt' }
    run(1_000, env).process.emit('uncaughtException', new Error('boom'))
    expect(fake.app.relaunch).toHaveBeenCalledWith({
      args: ['--hidden', RELAUNCHED_AFTER_ERROR_FLAG],
      execPath: '/home/ada/Standby.AppImage',
    })
  })

  it('with an update waiting to install at quit, relaunches without installing it as this run exits: the next quit does', () => {
    const updater = { autoInstallOnAppQuit: true }
    let installingAtQuit: boolean | undefined
    // electron-updater's own 'quit' listener, added as the download completed.
    fake.app.on('quit', () => (installingAtQuit = updater.autoInstallOnAppQuit))
    run(1_000, {}, { updater: () => updater }).process.emit('uncaughtException', new Error('boom'))
    expect(fake.app.relaunch).toHaveBeenCalledOnce()
    expect(installingAtQuit).toBe(false)
  })

  it('with an update waiting, a quit that was cancelled leaves it to install at the expert’s own Quit', () => {
    const updater = { autoInstallOnAppQuit: true }
    let installingAtQuit: boolean | undefined
    fake.app.on('quit', () => (installingAtQuit = updater.autoInstallOnAppQuit))
    fake.app.once('before-quit', (event: Electron.Event) => event.preventDefault())
    run(1_000, {}, { updater: () => updater }).process.emit('uncaughtException', new Error('boom'))
    fake.app.quit()
    expect(installingAtQuit).toBe(true)
    expect(fake.app.relaunch).not.toHaveBeenCalled()
  })

  it('in the run relaunched soon after, keeps running and tells the expert instead of relaunching again', () => {
    run(1_000).process.emit('uncaughtException', new Error('first'))
    fake.app.relaunch.mockClear()
    const next = run(1_000 + RELAUNCH_SPACING_MS - 1)
    next.process.emit('uncaughtException', new Error('second'))
    expect(fake.app.relaunch).not.toHaveBeenCalled()
    expect(next.tell).toHaveBeenCalledWith(KEPT_RUNNING_NOTICE)
  })

  it('relaunches when the record on disk is not one (damaged, or huge)', () => {
    writeFileSync(join(userData, RELAUNCH_RECORD_FILE), `{"relaunchedAt": ${'9'.repeat(10_000)}}`)
    run(1_000).process.emit('uncaughtException', new Error('boom'))
    expect(fake.app.relaunch).toHaveBeenCalledOnce()
  })

  it.runIf(process.platform !== 'win32')(
    'with a named pipe where the record goes, keeps running and says so at once, instead of waiting on the pipe',
    () => {
      execFileSync('mkfifo', [join(userData, RELAUNCH_RECORD_FILE)])
      const { process: run1, tell, logText } = run(1_000)
      run1.emit('uncaughtException', new Error('boom'))
      expect(fake.app.relaunch).not.toHaveBeenCalled()
      expect(tell).toHaveBeenCalledWith(KEPT_RUNNING_NOTICE)
      expect(logText()).toContain('could not read when the app last relaunched')
    },
  )

  it('keeps what it has to tell for the notifier when the error came before it, after why this run started', () => {
    run(1_000).process.emit('uncaughtException', new Error('first'))
    const process = Object.assign(new EventEmitter(), {
      argv: ['/opt/Standby/standby', RELAUNCHED_AFTER_ERROR_FLAG],
      execPath: '/opt/Standby/standby',
      env: {},
    })
    const log = createFileLogger({ dir: join(userData, 'logs'), echo: quiet })
    const clock = { now: () => 2_000 }
    const relaunch = createRelaunchAtQuit({ log, process: { ...process, platform: 'linux' } })
    const early = installLastResort({ userData, log, clock, quitting: () => false, relaunch, process })
    process.emit('uncaughtException', new Error('early in the start'))
    const show = vi.fn()
    early.tellThrough({ show })
    expect(show.mock.calls).toEqual([[RELAUNCHED_NOTICE], [KEPT_RUNNING_NOTICE]])
    early.stop()
  })

  it('logs an unhandled rejection and goes on: no relaunch, no box', () => {
    const { process, logText, tell } = run(1_000)
    process.emit('unhandledRejection', new Error('the platform went away'), Promise.resolve())
    expect(logText()).toContain('A promise failed with no one to handle it')
    expect(fake.app.relaunch).not.toHaveBeenCalled()
    expect(fake.dialog.showErrorBox).not.toHaveBeenCalled()
    expect(tell).not.toHaveBeenCalled()
  })

  it('stops listening when asked', () => {
    const { process, stop } = run(1_000)
    stop()
    expect([process.listenerCount('uncaughtException'), process.listenerCount('unhandledRejection')]).toEqual(
      [0, 0],
    )
  })
})
