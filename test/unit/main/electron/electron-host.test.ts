// What the runtime is told of Electron as its host (electron-host.ts): the version Electron
// reports, the platform an unconfigured build connects to, and the log folder with its problem.
import { beforeEach, expect, it, vi } from 'vitest'
import { electronHost } from '../../../../src/main/electron/electron-host'
import { fake, resetFakeElectron } from '../../../support/fake-electron'
import { recordingLog } from '../../../support/recording-log'

vi.mock('electron', async () => (await import('../../../support/fake-electron')).electronModule)

beforeEach(resetFakeElectron)

function host(env: NodeJS.ProcessEnv) {
  return electronHost({
    openExternal: async () => undefined,
    showWindow: () => undefined,
    logDir: '/var/log/standby',
    logProblem: () => 'The log file could not be written',
    env,
    log: recordingLog(),
  })
}

it('tells the version Electron reports and the platform an unconfigured build connects to', () => {
  fake.app.version = '4.5.6'
  const { info } = host({ STANDBY_PLATFORM_URL: 'https://platform.standby.test' })
  expect(info).toMatchObject({ version: '4.5.6', defaultPlatformUrl: 'https://platform.standby.test' })
  expect(host({}).info.defaultPlatformUrl).toBeNull()
})

it('gives the log folder with what went wrong with the log', () => {
  const { logs, calendar } = host({})
  expect(logs?.path).toBe('/var/log/standby')
  expect(logs?.problem()).toBe('The log file could not be written')
  expect(calendar).toBeDefined()
})
