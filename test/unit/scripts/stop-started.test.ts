import { EventEmitter } from 'node:events'
import { expect, it } from 'vitest'
import { stopStarted, type Started, type StartedElectron } from '../../../scripts/stop-started'

/** What stopping did, in order. */
function recorded() {
  const steps: string[] = []
  const platform = { stop: async () => void steps.push('platform stopped') }
  const shell = { close: async () => void steps.push('shell closed') }
  return { steps, platform, shell }
}

it('a stop asked while the browser shell is still starting closes it once started, before the platform', async () => {
  const { steps, platform, shell } = recorded()
  let startedUp: (value: typeof shell) => void = () => undefined
  const started: Started = { shell: new Promise((resolve) => (startedUp = resolve)) }
  const stop = stopStarted(started, platform)
  const stopping = stop()
  startedUp(shell)
  await stopping
  expect(steps).toEqual(['shell closed', 'platform stopped'])
})

it('a shell that failed to start leaves the platform to stop', async () => {
  const { steps, platform } = recorded()
  const started: Started = { shell: Promise.reject(new Error('port taken')) }
  await stopStarted(started, platform)()
  expect(steps).toEqual(['platform stopped'])
})

it('Electron is asked to quit once and the platform stops only after it is gone, however often stop is asked', async () => {
  const { steps, platform } = recorded()
  const events = new EventEmitter()
  const electron: StartedElectron & { exitCode: number | null } = {
    exitCode: null,
    signalCode: null,
    kill: () => (steps.push('Electron asked to quit'), true),
    once: (event, listener) => events.once(event, listener),
  }
  const stop = stopStarted({ electron }, platform)
  const first = stop()
  const second = stop()
  await Promise.resolve()
  expect(steps).toEqual(['Electron asked to quit'])
  electron.exitCode = 0
  events.emit('exit')
  await Promise.all([first, second])
  expect(steps).toEqual(['Electron asked to quit', 'platform stopped'])
  // Gone already (its own exit asked for the stop): nothing to ask it.
  const { steps: after, platform: again } = recorded()
  await stopStarted({ electron }, again)()
  expect(after).toEqual(['platform stopped'])
})
