import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createIpcMain, send, type SenderPolicy } from '../../../../../src/main/electron/ipc/ipc-main'
import { createAppOrigin } from '../../../../../src/main/electron/app-origin'
import { type Logger } from '../../../../../src/main/node/log'
import { fake, FakeWebContents, resetFakeElectron } from '../../../../support/fake-electron'

vi.mock('electron', async () => (await import('../../../../support/fake-electron')).electronModule)

const APP_PAGE = 'standby-app://app/'
const log: Logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() }
let ours: FakeWebContents
/** Windows of ours besides `ours`. */
let others: FakeWebContents[]

/** A promise the test settles: a handler still working. */
function held(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined
  const promise = new Promise<void>((settle) => (resolve = settle))
  return { promise, resolve }
}

function ourPolicy(): SenderPolicy {
  const origin = createAppOrigin({})
  return {
    isOwnWebContents: (contents) =>
      Object.is(contents, ours) || others.some((other) => Object.is(contents, other)),
    isAppUrl: origin.isAppUrl,
  }
}

function registrar(): ReturnType<typeof createIpcMain> {
  return createIpcMain({ policy: ourPolicy(), log })
}

/**
 * Send each of `requests` on `channel` from our own page and expect each refused as an invalid
 * payload whose message holds `saying`, and the handler never run.
 */
async function expectEachRefused(
  channel: 'sessions.history' | 'shell.openExternal',
  requests: ReadonlyArray<unknown>,
  saying: string,
): Promise<void> {
  const handler = vi.fn()
  registrar().handle(channel, handler)
  for (const request of requests) {
    const answer = await fake.ipcMain.invoke(channel, { sender: ours, frameUrl: APP_PAGE }, request)
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload', message: expect.stringContaining(saying) },
    })
  }
  expect(handler).not.toHaveBeenCalled()
}

beforeEach(() => {
  resetFakeElectron()
  vi.clearAllMocks()
  ours = new FakeWebContents()
  others = []
})

describe('handle', () => {
  it('answers our own page with the handler’s value', async () => {
    registrar().handle('app.getInfo', () => ({
      version: '1.0.0',
      platform: 'linux',
      protocolVersion: 1,
      defaultPlatformUrl: null,
    }))
    await expect(fake.ipcMain.invoke('app.getInfo', { sender: ours, frameUrl: APP_PAGE })).resolves.toEqual({
      ok: true,
      value: { version: '1.0.0', platform: 'linux', protocolVersion: 1, defaultPlatformUrl: null },
    })
  })

  it('carries out, in the order sent, the calls a window sent just before it was destroyed', async () => {
    // A press then a read, as a card does: both were sent, so both are done, the press first.
    const done: string[] = []
    const ipc = registrar()
    ipc.handle('shell.openExternal', (url) => void done.push(url))
    ipc.handle('app.getInfo', () => {
      done.push('read')
      return { version: '1.0.0', platform: 'linux', protocolVersion: 1, defaultPlatformUrl: null }
    })
    const from = { sender: ours, frameUrl: APP_PAGE }
    const press = fake.ipcMain.invoke('shell.openExternal', from, 'https://x.example/')
    const read = fake.ipcMain.invoke('app.getInfo', from)
    // Gone before either call's turn came: no part of the answer touches the destroyed contents.
    ours.destroy()
    await expect(press).resolves.toMatchObject({ ok: true })
    await expect(read).resolves.toMatchObject({ ok: true })
    expect(done).toEqual(['https://x.example/', 'read'])
  })

  it('gives the handler the parsed request', async () => {
    const handler = vi.fn(async () => {})
    registrar().handle('shell.openExternal', handler)
    await fake.ipcMain.invoke(
      'shell.openExternal',
      { sender: ours, frameUrl: APP_PAGE },
      'HTTPS://Example.com',
    )
    expect(handler).toHaveBeenCalledWith('https://example.com/', { sender: ours })
  })

  it('refuses a request past the size limit before its schema reads it, saying so, without running the handler', async () => {
    const huge = 'x'.repeat(2_000_000)
    // A sparse list of every length Electron's structured clone carries: the schema would read each slot.
    const long = new Array<unknown>(2 ** 32 - 1)
    await expectEachRefused(
      'sessions.history',
      [
        { limit: 20, filter: { query: huge } },
        { limit: 20, filter: { kinds: long } },
      ],
      'too large',
    )
  })

  it('refuses a page that is not ours, even inside our window, without running the handler', async () => {
    const handler = vi.fn()
    registrar().handle('shell.openExternal', handler)
    const answer = await fake.ipcMain.invoke(
      'shell.openExternal',
      { sender: ours, frameUrl: 'https://evil.example/' },
      'https://example.com',
    )
    expect(answer).toEqual({
      ok: false,
      error: {
        code: 'forbidden_sender',
        message: 'The link was not opened: only Standby’s own windows may ask for this.',
      },
    })
    expect(handler).not.toHaveBeenCalled()
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('https://evil.example/'))
  })

  it('names a refused page by a short, escaped excerpt of its address, however long the address it chose', async () => {
    registrar().handle('shell.openExternal', vi.fn())
    const address = `https://evil.example/\n[error] forged\u202e${'a'.repeat(1_000_000)}`
    await fake.ipcMain.invoke('shell.openExternal', { sender: ours, frameUrl: address }, 'https://x.example')
    const line = String(vi.mocked(log.warn).mock.calls.at(-1)?.[0])
    expect(line.length).toBeLessThan(300)
    expect(line).toContain('https://evil.example/\\u{a}[error] forged\\u{202e}')
    expect(line).not.toMatch(/[\n\u202e]/)
  })

  it('refuses a window that is not ours, even showing our page', async () => {
    const handler = vi.fn()
    registrar().handle('app.getInfo', handler)
    const answer = await fake.ipcMain.invoke('app.getInfo', {
      sender: new FakeWebContents(),
      frameUrl: APP_PAGE,
    })
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } })
    expect(handler).not.toHaveBeenCalled()
  })

  it('refuses a frame that is already gone', async () => {
    const handler = vi.fn()
    registrar().handle('app.getInfo', handler)
    const answer = await fake.ipcMain.invoke('app.getInfo', { sender: ours, frameUrl: null })
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } })
    expect(handler).not.toHaveBeenCalled()
  })

  it('refuses a page that sent its call while it unloaded, or whose frame is already let go of', async () => {
    const handler = vi.fn()
    registrar().handle('app.getInfo', handler)
    for (const frame of ['detached', 'disposed'] as const) {
      const answer = await fake.ipcMain.invoke('app.getInfo', { sender: ours, frameUrl: APP_PAGE, frame })
      expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } })
    }
    expect(handler).not.toHaveBeenCalled()
    expect(vi.mocked(log.warn).mock.calls.map(([line]) => String(line))).toEqual([
      expect.stringMatching(/unloaded/),
      expect.stringMatching(/no longer exists/),
    ])
  })

  it('refuses a frame inside our page, even one showing our own address', async () => {
    const handler = vi.fn()
    registrar().handle('app.getInfo', handler)
    const answer = await fake.ipcMain.invoke('app.getInfo', {
      sender: ours,
      frameUrl: APP_PAGE,
      subFrame: true,
    })
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } })
    expect(handler).not.toHaveBeenCalled()
  })

  it('refuses a window’s calls past the bound while the earlier ones wait, and takes them again once answered', async () => {
    const waiting = held()
    // Each call starts in a turn of its own: the test waits for the fourth to start.
    const fourStarted = held()
    const handler = vi.fn(() => {
      if (handler.mock.calls.length === 4) fourStarted.resolve()
      return waiting.promise
    })
    createIpcMain({ policy: ourPolicy(), log, mostCallsInFlight: 3 }).handle('shell.openExternal', handler)
    const call = (sender: FakeWebContents): Promise<unknown> =>
      fake.ipcMain.invoke('shell.openExternal', { sender, frameUrl: APP_PAGE }, 'https://x.example')
    const first = [call(ours), call(ours), call(ours)]
    const refused = await Promise.all(Array.from({ length: 200 }, () => call(ours)))
    for (const answer of refused) {
      expect(answer).toMatchObject({
        ok: false,
        error: {
          code: 'too_many_calls',
          message: 'The link was not opened: too many requests are waiting. Try again in a moment.',
        },
      })
    }
    // Another window has its own bound.
    const other = new FakeWebContents()
    others.push(other)
    const otherCall = call(other)
    await fourStarted.promise
    expect(handler).toHaveBeenCalledTimes(4)
    // One line for the flood, not one per refused call.
    const floodLines = vi.mocked(log.warn).mock.calls.filter(([line]) => /calls waiting/.test(String(line)))
    expect(floodLines).toHaveLength(1)
    waiting.resolve()
    await Promise.all([...first, otherCall])
    await expect(call(ours)).resolves.toMatchObject({ ok: true })
  })

  it('answers a call whose window was destroyed while it waited, without throwing, and frees its place', async () => {
    const waiting = held()
    createIpcMain({ policy: ourPolicy(), log, mostCallsInFlight: 1 }).handle(
      'shell.openExternal',
      () => waiting.promise,
    )
    const call = fake.ipcMain.invoke(
      'shell.openExternal',
      { sender: ours, frameUrl: APP_PAGE },
      'https://x.example',
    )
    ours.destroy()
    waiting.resolve()
    await expect(call).resolves.toMatchObject({ ok: true })
    expect(ours.send).not.toHaveBeenCalled()
  })

  it('answers a bad payload with invalid_payload and a log line, without running the handler', async () => {
    await expectEachRefused(
      'shell.openExternal',
      ['file:///etc/passwd', 'javascript:alert(1)', 42, undefined, { url: 'https://x.example' }],
      'The link was not opened: Standby could not use what was sent',
    )
    expect(log.warn).toHaveBeenCalledTimes(5)
  })

  it('turns a failing handler into handler_failed and a log entry, not an exception', async () => {
    const failure = new Error('no browser installed')
    registrar().handle('shell.openExternal', async () => Promise.reject(failure))
    const answer = await fake.ipcMain.invoke(
      'shell.openExternal',
      { sender: ours, frameUrl: APP_PAGE },
      'https://x.example',
    )
    expect(answer).toMatchObject({ ok: false, error: { code: 'handler_failed' } })
    expect(log.error).toHaveBeenCalledWith(expect.stringContaining('shell.openExternal'), failure)
  })

  it('logs a bounded number of refused calls, however many a page sends, and still answers each', async () => {
    registrar().handle('shell.openExternal', vi.fn())
    for (let i = 0; i < 1_000; i++) {
      const foreign = await fake.ipcMain.invoke(
        'shell.openExternal',
        { sender: ours, frameUrl: 'https://evil.example/' },
        'https://x.example',
      )
      const bad = await fake.ipcMain.invoke(
        'shell.openExternal',
        { sender: ours, frameUrl: APP_PAGE },
        `file:///${i}`,
      )
      expect([foreign, bad]).toMatchObject([
        { ok: false, error: { code: 'forbidden_sender' } },
        { ok: false, error: { code: 'invalid_payload' } },
      ])
    }
    expect(vi.mocked(log.warn).mock.calls.length).toBeLessThan(100)
    expect(vi.mocked(log.warn).mock.lastCall?.[0]).toContain('not logged')
  })

  it('stops answering once the handler is removed', () => {
    const remove = registrar().handle('app.getInfo', vi.fn())
    remove()
    expect(fake.ipcMain.handlers.has('app.getInfo')).toBe(false)
  })
})

describe('send', () => {
  it('pushes an event to a live window and skips a destroyed one', () => {
    const change = { version: 1, full: true, invites: [], sessions: [], messages: [] }
    send(ours, 'cache.changed', change)
    expect(ours.send).toHaveBeenCalledWith('cache.changed', change)
    ours.destroyed = true
    send(ours, 'cache.changed', change)
    expect(ours.send).toHaveBeenCalledOnce()
  })
})
