/**
 * A page of ours that calls in a loop (a bug, or a compromised renderer) through Electron's IPC:
 * each call may cost the main process only a bounded amount of work, whatever the page sends.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createAppOrigin } from '../../../../../src/main/electron/app-origin'
import { createIpcMain } from '../../../../../src/main/electron/ipc/ipc-main'
import { pageOpens, PAGE_OPEN_LIMITS } from '../../../../../src/main/core/ipc/page-opens'
import { CALL_SLICE_MS } from '../../../../../src/main/core/ipc/call-turns'
import { ToldError } from '../../../../../src/main/core/ipc/told-error'
import { REFUSAL_LOG_LIMITS } from '../../../../../src/main/core/ipc/refusal-log'
import {
  createSettingsStore,
  SETTINGS_WRITE_GAP_MS,
} from '../../../../../src/main/core/settings/settings-store'
import { ManualClock } from '../../../../../src/shared/clock'
import { fake, FakeWebContents, resetFakeElectron } from '../../../../support/fake-electron'
import { memoryFile } from '../../../../support/memory-settings-file'
import { holdThread } from '../../../../support/hold-thread'
import { recordingLog } from '../../../../support/recording-log'

vi.mock('electron', async () => (await import('../../../../support/fake-electron')).electronModule)

const APP_PAGE = 'standby-app://app/'
let ours: FakeWebContents

beforeEach(() => {
  resetFakeElectron()
  ours = new FakeWebContents()
})

/** The IPC helper over our one window, logging to `log`, its bounds timed by `clock`. */
function registrar(log: ReturnType<typeof recordingLog>, clock: ManualClock) {
  const origin = createAppOrigin({})
  return createIpcMain({
    policy: { isOwnWebContents: (contents) => Object.is(contents, ours), isAppUrl: origin.isAppUrl },
    log,
    clock,
  })
}

const call = (channel: string, request?: unknown) =>
  fake.ipcMain.invoke(channel, { sender: ours, frameUrl: APP_PAGE }, request)

describe('a page of ours calling in a loop over Electron’s IPC', () => {
  it('has its settings applied at once and the file written once for the lot', async () => {
    const clock = new ManualClock(0)
    const file = memoryFile()
    const settings = createSettingsStore(file, recordingLog(), false, { clock, gapMs: SETTINGS_WRITE_GAP_MS })
    registrar(recordingLog(), clock).handle('settings.update', (patch) => settings.update(patch))
    const before = file.writes
    for (let i = 0; i < 300; i += 1) {
      await expect(call('settings.update', { soundEnabled: i % 2 === 1 })).resolves.toMatchObject({
        ok: true,
      })
    }
    expect(file.writes - before).toBe(1)
    clock.advance(SETTINGS_WRITE_GAP_MS)
    expect(file.writes - before).toBe(2)
    expect(file.content['soundEnabled']).toBe(true)
  })

  it('costs a bounded number of log lines for opens refused past the burst', async () => {
    const clock = new ManualClock(0)
    const log = recordingLog()
    const opens = pageOpens(clock, log)
    const opened: string[] = []
    registrar(log, clock).handle('shell.openExternal', (url) => {
      const refusal = opens.take('open the link')
      if (refusal !== null) throw new ToldError(refusal)
      opened.push(url)
    })
    const answers = []
    for (let i = 0; i < 500; i += 1)
      answers.push(await call('shell.openExternal', `https://example.com/${i}`))
    expect(opened).toHaveLength(PAGE_OPEN_LIMITS.most)
    expect(answers.at(-1)).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/try again/) },
    })
    expect(log.lines.length).toBeLessThanOrEqual(REFUSAL_LOG_LIMITS.lines + 1)
  })

  it('costs a bounded number of log lines for calls that fail, and logs the first of them as errors', async () => {
    const clock = new ManualClock(0)
    const log = recordingLog()
    registrar(log, clock).handle('messages.markRead', () => {
      throw new Error('SQLITE_IOERR: disk I/O error')
    })
    for (let i = 0; i < 500; i += 1) {
      await expect(call('messages.markRead', { requestId: 'req_1' })).resolves.toMatchObject({
        ok: false,
        error: { code: 'handler_failed' },
      })
    }
    expect(log.lines.length).toBe(REFUSAL_LOG_LIMITS.lines)
    expect(log.lines[0]).toMatch(/^error IPC messages.markRead failed/)
    clock.advance(REFUSAL_LOG_LIMITS.windowMs)
    await call('messages.markRead', { requestId: 'req_1' })
    expect(log.lines.at(-2)).toBe(
      `error ${500 - REFUSAL_LOG_LIMITS.lines} more failures like those above were not logged.`,
    )
  })

  it('runs a flood of calls one at a time, taking the other window’s call and the process’s other work between them', async () => {
    const clock = new ManualClock(0)
    const popover = new FakeWebContents()
    const origin = createAppOrigin({})
    const started: string[] = []
    createIpcMain({
      policy: {
        isOwnWebContents: (c) => Object.is(c, ours) || Object.is(c, popover),
        isAppUrl: origin.isAppUrl,
      },
      log: recordingLog(),
      clock,
    }).handle('sessions.history', (_request, { sender }) => {
      started.push(Object.is(sender, popover) ? 'popover' : 'window')
      holdThread(CALL_SLICE_MS)
      return { sessions: [], more: false }
    })
    // Other work of the main process, already waiting when the flood comes (the platform's bytes).
    const timer = new Promise<void>((resolve) => setImmediate(() => resolve(void started.push('timer'))))
    const flood = Array.from({ length: 40 }, () => call('sessions.history', { limit: 50 }))
    const other = fake.ipcMain.invoke(
      'sessions.history',
      { sender: popover, frameUrl: APP_PAGE },
      { limit: 50 },
    )
    await Promise.all([timer, other, ...flood])
    // Without turns the window's forty ran back to back before either.
    expect(started.indexOf('popover')).toBeLessThan(5)
    expect(started.indexOf('timer')).toBeLessThan(started.length - 1)
  })
})
