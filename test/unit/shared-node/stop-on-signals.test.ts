import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import {
  HANG_UP_TOO,
  STOP_FAILED_EXIT_CODE,
  STOP_SIGNALS,
  stopOnSignals,
} from '../../../src/shared-node/stop-on-signals'
import { recordingLog } from '../../support/recording-log'

/** A host whose stop ends when the test says, and the exit codes it asked for. */
function stoppingHost(
  stop: () => Promise<void>,
  target = new EventEmitter(),
  signals: ReadonlyArray<NodeJS.Signals> = STOP_SIGNALS,
) {
  const exits: number[] = []
  let exited: () => void = () => {}
  const exit = new Promise<void>((resolve) => (exited = resolve))
  const log = recordingLog()
  stopOnSignals(target, { stop, log, exit: (code) => (exits.push(code), exited()), signals })
  return { target, exits, exit, log }
}

/** Send `sent` to a host whose stop ends when the test says: it waits for that stop, then exits with success. */
async function stopsCleanlyAfter(
  target: EventEmitter,
  sent: ReadonlyArray<NodeJS.Signals>,
  signals: ReadonlyArray<NodeJS.Signals> = STOP_SIGNALS,
) {
  let finish: () => void = () => {}
  const host = stoppingHost(() => new Promise<void>((resolve) => (finish = resolve)), target, signals)
  for (const signal of sent) target.emit(signal, signal)
  await new Promise((resolve) => setImmediate(resolve))
  expect(host.exits).toEqual([])
  finish()
  await host.exit
  expect(host.exits).toEqual([0])
  return host
}

describe('a plain-Node host asked to stop by a signal', () => {
  it('exits with success once what it holds is closed, not before', async () => {
    let finish: () => void = () => {}
    const host = stoppingHost(() => new Promise<void>((resolve) => (finish = resolve)))
    host.target.emit('SIGTERM', 'SIGTERM')
    await Promise.resolve()
    expect(host.exits).toEqual([])
    finish()
    await host.exit
    expect(host.exits).toEqual([0])
  })

  it('exits at once on a second Ctrl-C while a stop hangs', () => {
    const host = stoppingHost(() => new Promise<void>(() => {}))
    host.target.emit('SIGINT', 'SIGINT')
    host.target.emit('SIGINT', 'SIGINT')
    expect(host.exits).toEqual([STOP_FAILED_EXIT_CODE])
  })

  it('logs a stop that failed and exits with a failure all the same', async () => {
    const host = stoppingHost(() => Promise.reject(new Error('disk full')))
    host.target.emit('SIGINT', 'SIGINT')
    await host.exit
    expect(host.exits).toEqual([STOP_FAILED_EXIT_CODE])
    expect(host.log.lines.join('\n')).toMatch(/Stopping did not finish/)
  })

  // conf's atomically, through when-exit, listens once for each signal and raises the one that
  // came at the process again, as Node delivers it: after the emit that ran it.
  it('stops cleanly, not at once, on one Ctrl-C that a listener loaded before it sends again', async () => {
    const target = new EventEmitter()
    target.once('SIGINT', () => setImmediate(() => target.emit('SIGINT', 'SIGINT')))
    const host = await stopsCleanlyAfter(target, ['SIGINT'])
    expect(host.log.text()).not.toContain('again')
  })

  it('still exits at once on a second Ctrl-C after that echo', async () => {
    const target = new EventEmitter()
    target.once('SIGINT', () => setImmediate(() => target.emit('SIGINT', 'SIGINT')))
    const host = stoppingHost(() => new Promise<void>(() => {}), target)
    target.emit('SIGINT', 'SIGINT')
    await new Promise((resolve) => setImmediate(resolve))
    target.emit('SIGINT', 'SIGINT')
    expect(host.exits).toEqual([STOP_FAILED_EXIT_CODE])
  })

  // when-exit raises the first signal again once, and is done with every later one.
  function withWhenExit(): EventEmitter {
    const target = new EventEmitter()
    let exited = false
    for (const signal of HANG_UP_TOO)
      target.once(signal, () => {
        if (exited) return
        exited = true
        setImmediate(() => target.emit(signal, signal))
      })
    return target
  }

  it("goes on stopping through a logout's SIGHUP sent right after its SIGTERM", async () => {
    await stopsCleanlyAfter(withWhenExit(), ['SIGTERM', 'SIGHUP'], HANG_UP_TOO)
  })

  it("goes on stopping when a closed terminal's shell passes its hang-up on too", async () => {
    await stopsCleanlyAfter(withWhenExit(), ['SIGHUP', 'SIGHUP'], HANG_UP_TOO)
  })

  it('still exits at once on a Ctrl-C while a hung-up stop hangs', async () => {
    const target = withWhenExit()
    const host = stoppingHost(() => new Promise<void>(() => {}), target, HANG_UP_TOO)
    target.emit('SIGHUP', 'SIGHUP')
    await new Promise((resolve) => setImmediate(resolve))
    target.emit('SIGINT', 'SIGINT')
    expect(host.exits).toEqual([STOP_FAILED_EXIT_CODE])
  })
})
