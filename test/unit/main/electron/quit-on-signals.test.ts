import { EventEmitter } from 'node:events'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { quitOnSignals } from '../../../../src/main/electron/quit-on-signals'
import { fake, FakeBrowserWindow, resetFakeElectron } from '../../../support/fake-electron'
import { recordingLog } from '../../../support/recording-log'

vi.mock('electron', async () => (await import('../../../support/fake-electron')).electronModule)

beforeEach(resetFakeElectron)

/** The process as Standby's main process sees it, and whether its quit's shutdown ran. */
function listening(process = new EventEmitter()) {
  const log = recordingLog()
  quitOnSignals(process, log)
  const shutdowns: string[] = []
  fake.app.on('will-quit', () => shutdowns.push('shutdown'))
  return { process, log, shutdowns }
}

/** Like conf's `atomically` through `when-exit`: once, it raises the signal again after its emit. */
function echoingOnce(signal: string): EventEmitter {
  const process = new EventEmitter()
  process.once(signal, () => setImmediate(() => process.emit(signal, signal)))
  return process
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

describe('Standby asked to stop by a signal', () => {
  it.each(['SIGTERM', 'SIGINT', 'SIGHUP'])(
    'quits as the tray’s Quit does on %s, its shutdown run',
    (signal) => {
      const { process, shutdowns } = listening()
      process.emit(signal, signal)
      expect(fake.app.quit).toHaveBeenCalledOnce()
      expect(shutdowns).toEqual(['shutdown'])
      expect(fake.app.exit).not.toHaveBeenCalled()
    },
  )

  it.each(['SIGINT', 'SIGHUP'])(
    'quits once, not at once, on one %s that electron-store’s when-exit sends again',
    async (signal) => {
      const { process, shutdowns, log } = listening(echoingOnce(signal))
      process.emit(signal, signal)
      await nextTurn()
      expect(fake.app.quit).toHaveBeenCalledOnce()
      expect(shutdowns).toEqual(['shutdown'])
      expect(fake.app.exit).not.toHaveBeenCalled()
      expect(log.text()).not.toContain('again')
    },
  )

  it('exits at once on a second Ctrl-C after that echo, while a window holds the quit back', async () => {
    const window = new FakeBrowserWindow()
    window.on('close', (event: Electron.Event) => event.preventDefault())
    const { process, shutdowns } = listening(echoingOnce('SIGINT'))
    process.emit('SIGINT', 'SIGINT')
    await nextTurn()
    expect(fake.app.exit).not.toHaveBeenCalled()
    process.emit('SIGINT', 'SIGINT')
    expect(fake.app.quit).toHaveBeenCalledOnce()
    expect(fake.app.exit).toHaveBeenCalledOnce()
    expect(fake.app.exit.mock.calls[0]![0]).not.toBe(0)
    expect(window.isDestroyed()).toBe(true)
    expect(shutdowns).toEqual([])
  })
})

it('leaves the other signals electron-store’s when-exit takes (SIGQUIT, SIGUSR2…) to end Standby as they end any process', () => {
  const { process } = listening()
  for (const signal of ['SIGQUIT', 'SIGUSR2', 'SIGALRM', 'SIGPWR', 'SIGABRT'])
    expect([signal, process.listenerCount(signal)]).toEqual([signal, 0])
  expect(fake.app.quit).not.toHaveBeenCalled()
})
