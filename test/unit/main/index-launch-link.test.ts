// The composition root started by a click on a standby:// link it refuses: any page can send one,
// so the start must not bring up a window that takes the keyboard from the app the expert types in.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import { fake, resetFakeElectron } from '../../support/fake-electron'

vi.mock('electron', async () => (await import('../../support/fake-electron')).electronModule)

/** The process events the app listens for (its last resort, the signals that quit it). */
const EVENTS = ['uncaughtException', 'unhandledRejection', 'SIGINT', 'SIGTERM', 'SIGHUP'] as const
let listenersBefore: ReadonlyArray<ReadonlyArray<unknown>> = []
/** The process as the emitter it is, whichever event is asked of it. */
const emitter = process as NodeJS.EventEmitter
let userData: string
let argv: string[]

beforeEach(() => {
  listenersBefore = EVENTS.map((event) => emitter.listeners(event))
  for (const level of ['error', 'info', 'warn'] as const)
    vi.spyOn(console, level).mockImplementation(() => {})
  argv = process.argv
})

afterEach(() => {
  EVENTS.forEach((event, i) => {
    for (const listener of emitter.listeners(event))
      if (!listenersBefore[i]!.includes(listener)) emitter.off(event, listener as () => void)
  })
  process.argv = argv
  vi.restoreAllMocks()
  rmSync(userData, { recursive: true, force: true })
})

/** Starts Standby from scratch on the command line `args`, as a click with Standby closed does. */
async function launchWith(args: string[]): Promise<void> {
  resetFakeElectron()
  userData = mkdtempSync(join(tmpdir(), 'standby-userdata-'))
  Object.assign(fake.paths, { userData, appData: join(userData, 'app-data'), logs: join(userData, 'logs') })
  fake.platform = process.platform
  process.argv = ['/opt/Standby/standby', ...args]
  vi.resetModules()
  await (
    await import('../../../src/main/index')
  ).started
  expect(fake.app.exit).not.toHaveBeenCalled()
}

it.each([
  ['a link it refuses', ['standby://invite/../session/ses_1']],
  ['a link split at its spaces', ['standby://invite/inv_1', 'x']],
])('started by %s, builds no window of its own and says why by a notification', async (_what, args) => {
  await launchWith(args)
  // The popover is built at every start, hidden; the main window is not, so nothing takes the keyboard.
  expect(fake.windows.map((window) => window.loaded)).toEqual([{ url: 'standby-app://app/?view=popover' }])
  expect(fake.windows.some((window) => window.visible || window.focused)).toBe(false)
  expect(fake.notifications.map((notification) => String(notification.options.title))).toEqual([
    'Could not open the link',
  ])
})

it('started plainly, still shows its window', async () => {
  await launchWith([])
  expect(fake.windows.map((window) => window.loaded)).toContainEqual({ url: 'standby-app://app/' })
})
