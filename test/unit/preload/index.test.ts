import { describe, expect, it, vi } from 'vitest'
import { invokeChannels, pushEvents } from '../../../src/shared/ipc/contract'
import { type StandbyApi } from '../../../src/shared/ipc/standby-api'
import { fake, resetFakeElectron } from '../../support/fake-electron'

vi.mock('electron', async () => (await import('../../support/fake-electron')).electronModule)

/** Runs the preload script as Electron would, and returns what it gave the page. */
async function runPreload(): Promise<{ name: string; api: StandbyApi }> {
  resetFakeElectron()
  vi.resetModules()
  await import('../../../src/preload/index')
  expect(fake.contextBridge.exposeInMainWorld).toHaveBeenCalledOnce()
  const [name, api] = fake.contextBridge.exposeInMainWorld.mock.calls[0]!
  return { name, api: api as StandbyApi }
}

/** The shape of an object: namespaces and their method names, with values' types. */
function shapeOf(api: object): Record<string, Record<string, string>> {
  return Object.fromEntries(
    Object.entries(api).map(([name, methods]) => [
      name,
      Object.fromEntries(Object.entries(methods as object).map(([method, value]) => [method, typeof value])),
    ]),
  )
}

describe('the preload', () => {
  it('exposes window.standby with exactly the contract’s domain API, and nothing generic', async () => {
    const { name, api } = await runPreload()
    expect(name).toBe('standby')
    expect(shapeOf(api)).toEqual({
      app: {
        getInfo: 'function',
        getTime: 'function',
        showWindow: 'function',
        reportFocus: 'function',
      },
      shell: { openExternal: 'function' },
      logs: { getFolder: 'function', openFolder: 'function' },
      connection: { getState: 'function', onStateChanged: 'function' },
      auth: { signIn: 'function', signOut: 'function' },
      expert: { get: 'function' },
      invites: {
        list: 'function',
        pastSessionsWithClient: 'function',
        accept: 'function',
        decline: 'function',
      },
      focus: { take: 'function', onRequested: 'function' },
      sessions: {
        upcoming: 'function',
        remindersSent: 'function',
        onRemindersSentChanged: 'function',
        history: 'function',
        historyClients: 'function',
        join: 'function',
        openRoom: 'function',
        addToCalendar: 'function',
        cancel: 'function',
        proposeTime: 'function',
        startBilling: 'function',
        end: 'function',
        setNote: 'function',
      },
      messages: {
        list: 'function',
        send: 'function',
        unread: 'function',
        markRead: 'function',
        onUnreadChanged: 'function',
      },
      availability: { set: 'function' },
      cache: { onChanged: 'function' },
      settings: {
        get: 'function',
        update: 'function',
        getLoginItem: 'function',
        onChanged: 'function',
        onLoginItemChanged: 'function',
      },
      clock: { onChanged: 'function' },
      notices: { onShown: 'function' },
      notifications: { getHealth: 'function', sendTest: 'function', onHealthChanged: 'function' },
      updates: { get: 'function', check: 'function', restart: 'function', onChanged: 'function' },
    })
    // And it is built from the contract: every entry shows up under its namespace.
    for (const channel of invokeChannels) {
      const [name = '', method = ''] = channel.split('.')
      expect(shapeOf(api)[name]?.[method], channel).toBe('function')
    }
    for (const event of pushEvents) {
      const [name = '', method = ''] = event.split('.')
      expect(shapeOf(api)[name]?.[`on${method[0]?.toUpperCase()}${method.slice(1)}`], event).toBe('function')
    }
  })

  it('is typed from the contract: no argument for void requests, the request type otherwise', async () => {
    const { api } = await runPreload()
    // Compile-time checks (tsc runs over tests); the calls themselves resolve with the fake's answer.
    // @ts-expect-error getInfo takes no request
    void api.app.getInfo('extra')
    // @ts-expect-error openExternal needs a URL
    void api.shell.openExternal()
    // @ts-expect-error there is no generic invoke on the API
    void api.app.invoke
    expect(fake.ipcRenderer.invoke).toHaveBeenCalledTimes(2)
  })

  it('turns each call into an invoke of its channel and hands back the envelope', async () => {
    const { api } = await runPreload()
    fake.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: { version: '1.0.0' } })
    await expect(api.app.getInfo()).resolves.toEqual({ ok: true, value: { version: '1.0.0' } })
    fake.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: undefined })
    await api.shell.openExternal('https://example.com')
    expect(fake.ipcRenderer.invoke.mock.calls).toEqual([
      ['app.getInfo', undefined],
      ['shell.openExternal', 'https://example.com'],
    ])
  })

  it('answers with transport_failed when the main process has no handler', async () => {
    const { api } = await runPreload()
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    fake.ipcRenderer.invoke.mockRejectedValueOnce(new Error("No handler registered for 'app.getInfo'"))
    await expect(api.app.getInfo()).resolves.toMatchObject({
      ok: false,
      error: {
        code: 'transport_failed',
        message: expect.stringMatching(/^Standby's version was not read: /),
      },
    })
    // The channel and Electron's own words are kept for maintainers, in the console.
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('No handler registered'))
    warn.mockRestore()
  })

  it('delivers pushed payloads (and only the payload) until the listener unsubscribes', async () => {
    const { api } = await runPreload()
    const listener = vi.fn()
    const unsubscribe = api.cache.onChanged(listener)
    fake.ipcRenderer.push('cache.changed', {})
    unsubscribe()
    fake.ipcRenderer.push('cache.changed', {})
    expect(listener.mock.calls).toEqual([[{}]])
    expect(fake.ipcRenderer.listenerCount('cache.changed')).toBe(0)
  })
})

describe('the preload, given what a page script may pass', () => {
  it('keeps delivering a push to every listener when one of them throws', async () => {
    const { api } = await runPreload()
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const after = vi.fn()
    api.cache.onChanged(() => {
      throw new Error('a broken listener')
    })
    api.cache.onChanged(after)
    expect(() => fake.ipcRenderer.push('cache.changed', { full: true })).not.toThrow()
    expect(after).toHaveBeenCalledWith({ full: true })
    expect(errors).toHaveBeenCalledOnce()
    errors.mockRestore()
  })

  it('refuses a listener that is not a function when it is added, not at every push', async () => {
    const { api } = await runPreload()
    const onChanged = api.cache.onChanged as (listener: unknown) => unknown
    expect(() => onChanged(42)).toThrow(/standby\.cache\.onChanged takes a function/)
    expect(() => onChanged(undefined)).toThrow(TypeError)
    expect(fake.ipcRenderer.listenerCount('cache.changed')).toBe(0)
  })
})
