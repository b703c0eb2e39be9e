// The composition root at the quit, in a file of its own: the timers a test counts are then this
// app's alone, not those of apps other tests launched and left running.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import { openCache } from '../../../src/main/db/open-cache'
import { SqliteCacheStore } from '../../../src/main/db/sqlite-cache-store'
import { consoleLogger } from '../../../src/main/node/log'
import { encodeSignIn } from '../../../src/main/node/stored-sign-in'
import { fake, resetFakeElectron } from '../../support/fake-electron'
import { aSnapshot, anInvite } from '../../support/fixtures'

vi.mock('electron', async () => (await import('../../support/fake-electron')).electronModule)

let userData: string
// The signals the app listens for on the process, and who listened before: the app's, taken off after.
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const
let signalListenersBefore: ReadonlyArray<ReadonlyArray<unknown>> = []

beforeEach(() => {
  signalListenersBefore = SIGNALS.map((signal) => process.listeners(signal))
  for (const level of ['error', 'info', 'warn'] as const)
    vi.spyOn(console, level).mockImplementation(() => {})
  // Only the timers are played: the start's file and database work runs as it would.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] })
})

afterEach(() => {
  SIGNALS.forEach((signal, i) => {
    for (const listener of process.listeners(signal))
      if (!signalListenersBefore[i]!.includes(listener)) process.off(signal, listener)
  })
  vi.useRealTimers()
  vi.restoreAllMocks()
  rmSync(userData, { recursive: true, force: true })
})

/** Launches Standby for an expert signed in before (to a platform that does not answer), with a cached invite. */
async function launchSignedIn(): Promise<void> {
  resetFakeElectron()
  userData = mkdtempSync(join(tmpdir(), 'standby-userdata-'))
  Object.assign(fake.paths, { userData, appData: join(userData, 'app-data'), logs: join(userData, 'logs') })
  fake.platform = process.platform
  const opened = openCache({ path: join(userData, 'cache.db') })
  const snapshot = aSnapshot({ openInvites: [anInvite({ id: 'inv_open' })] })
  new SqliteCacheStore(opened.db, consoleLogger).applySnapshot(snapshot)
  opened.close()
  const signIn = { platformUrl: 'http://127.0.0.1:4', token: 't'.repeat(43), expertId: snapshot.expert.id }
  writeFileSync(join(userData, 'sign-in.bin'), fake.safeStorage.sealed(encodeSignIn(signIn)))
  vi.resetModules()
  await (
    await import('../../../src/main/index')
  ).started
  expect(fake.app.exit).not.toHaveBeenCalled()
}

it('leaves no timer of its own and no ear on the machine’s power events after a quit, signed in and after a link', async () => {
  await launchSignedIn()
  // A link starts a burst of links, timed for a while after it.
  fake.app.openUrl('standby://invite/inv_open')
  // A click on the icon before the popover's page painted waits for it; a page stops answering.
  fake.trays[0]!.clickIcon()
  fake.windows[0]!.webContents.emit('unresponsive')
  // A page flooding navigations away and IPC calls from a frame not ours: past the bound, each
  // refusal log counts the rest, to be said as its window ends.
  const contents = fake.windows[0]!.webContents
  for (let i = 0; i < 60; i++) {
    contents.navigate('https://elsewhere.invalid/')
    await fake.ipcMain.invoke('app.getInfo', { sender: contents, frameUrl: 'https://elsewhere.invalid/' })
  }
  fake.trays[0]!.clickMenuItem('quit')
  expect(fake.app.quitDone).toBe(true)
  expect(vi.getTimerCount()).toBe(0)
  for (const event of ['suspend', 'resume', 'lock-screen', 'unlock-screen'])
    expect(fake.powerMonitor.listenerCount(event)).toBe(0)
  // A wake after the quit reaches nothing: no tray, window or notification of the closed app is touched.
  expect(() => fake.powerMonitor.play('resume')).not.toThrow()
})
