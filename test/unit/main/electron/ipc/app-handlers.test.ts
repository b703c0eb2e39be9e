import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createAppOrigin } from '../../../../../src/main/electron/app-origin'
import type { AppApi } from '../../../../../src/main/core/app-api'
import { appInfo, registerAppApi, toAppPlatform } from '../../../../../src/main/electron/ipc/app-handlers'
import { invokeChannels } from '../../../../../src/shared/ipc/contract'
import { createIpcMain } from '../../../../../src/main/electron/ipc/ipc-main'
import { PROTOCOL_VERSION } from '../../../../../src/shared/protocol/handshake'
import { fake, FakeWebContents, resetFakeElectron } from '../../../../support/fake-electron'

vi.mock('electron', async () => (await import('../../../../support/fake-electron')).electronModule)

const page = { sender: new FakeWebContents(), frameUrl: 'standby-app://app/' }
const openRoom = vi.fn(async ({ sessionId }: { sessionId: string }) => ({
  ok: true as const,
  result: { url: `http://127.0.0.1:4455/rooms/${sessionId}?key=k` },
}))

beforeEach(() => {
  resetFakeElectron()
  openRoom.mockClear()
  const origin = createAppOrigin({})
  const ipc = createIpcMain({
    policy: { isOwnWebContents: (contents) => Object.is(contents, page.sender), isAppUrl: origin.isAppUrl },
    log: { info: vi.fn(), warn: vi.fn(), error: vi.fn() },
  })
  const unused = Object.fromEntries(invokeChannels.map((channel) => [channel, vi.fn()]))
  const api = {
    ...unused,
    'app.getInfo': () => appInfo({ version: '2.3.4', platform: 'darwin' }),
    'shell.openExternal': (url: string) => fake.shell.openExternal(url),
    'sessions.openRoom': openRoom,
  } as unknown as AppApi
  registerAppApi(ipc.handle, api)
})

describe('app.getInfo', () => {
  it('reports the app version, the platform and the protocol version', async () => {
    await expect(fake.ipcMain.invoke('app.getInfo', page)).resolves.toEqual({
      ok: true,
      value: {
        version: '2.3.4',
        platform: 'darwin',
        protocolVersion: PROTOCOL_VERSION,
        defaultPlatformUrl: null,
      },
    })
  })

  it('names platforms the app is not built for "other"', () => {
    expect(toAppPlatform('freebsd')).toBe('other')
    expect(toAppPlatform('win32')).toBe('win32')
  })
})

describe('registration', () => {
  it('registers a handler for every call of the contract', () => {
    for (const channel of invokeChannels) expect(fake.ipcMain.handlers.has(channel), channel).toBe(true)
  })
})

describe('shell.openExternal', () => {
  it('opens a web link in the system browser', async () => {
    await expect(
      fake.ipcMain.invoke('shell.openExternal', page, 'https://example.com/docs'),
    ).resolves.toEqual({
      ok: true,
      value: undefined,
    })
    expect(fake.shell.openExternal).toHaveBeenCalledWith('https://example.com/docs')
  })

  it('refuses anything that is not http(s), and opens nothing', async () => {
    const answer = await fake.ipcMain.invoke(
      'shell.openExternal',
      page,
      'file:///Applications/Calculator.app',
    )
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_payload' } })
    expect(fake.shell.openExternal).not.toHaveBeenCalled()
  })
})

describe('sessions.openRoom', () => {
  it('asks the core to open the session’s room and answers with what it opened', async () => {
    await expect(fake.ipcMain.invoke('sessions.openRoom', page, { sessionId: 'ses_1' })).resolves.toEqual({
      ok: true,
      value: { ok: true, result: { url: 'http://127.0.0.1:4455/rooms/ses_1?key=k' } },
    })
    expect(openRoom).toHaveBeenCalledExactlyOnceWith({ sessionId: 'ses_1' })
  })

  it.each([
    ['no session id', {}],
    ['a URL instead of a session', { sessionId: 'ses_1', url: 'https://evil.example/' }],
    ['an id with spaces', { sessionId: 'ses 1' }],
  ])('refuses %s without asking the core', async (_, request) => {
    const answer = await fake.ipcMain.invoke('sessions.openRoom', page, request)
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_payload' } })
    expect(openRoom).not.toHaveBeenCalled()
  })
})
