import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BrowserShell } from '../../../src/browser-shell/browser-shell'
import { OPENED_PAGES_HOOK_PATH, POWER_HOOK_PATH } from '../../../src/browser-shell/test-hooks'
import { hashPassword } from '../../../server/src/auth'
import { openShellPage as openPage, request, shellCloseCode, startBareShell } from '../../support/shell-page'
import { useTestPlatform } from '../../support/test-platform'
import { IPC_SOCKET_PATH, WRONG_KEY_CLOSE } from '../../../src/shared/ipc/shell-socket'
import WebSocket from 'ws'

describe('the browser shell', () => {
  const platform = useTestPlatform()
  let shell: BrowserShell
  let bare: Awaited<ReturnType<typeof startBareShell>>

  beforeAll(async () => {
    platform().server.marketplace.createExpert({
      id: 'exp_shell',
      name: 'Shell Expert',
      email: 'shell@example.test',
      passwordHash: await hashPassword('pw'),
      timeZone: 'Europe/Paris',
    })
    bare = await startBareShell({ defaultPlatformUrl: platform().server.url })
    shell = bare.shell
  })
  afterAll(() => bare.close())

  it('serves the renderer with the strict Content-Security-Policy, and nothing outside it', async () => {
    const page = await fetch(`${shell.origin}/`)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'")
    expect(await page.text()).toContain('<title>Standby</title>')
    const escape = await fetch(`${shell.origin}/..%2f..%2fdata/sign-in.json`)
    expect(escape.status).not.toBe(200)
    const malformed = await fetch(`${shell.origin}/%E0%A4%A`)
    expect(malformed.status).toBe(400)
    expect((await fetch(`${shell.origin}/`)).status).toBe(200)
  })

  it('may not be shown inside another site’s page, where a click on it would be that site’s', async () => {
    for (const path of ['/', '/missing.js']) {
      const page = await fetch(`${shell.origin}${path}`)
      expect(page.headers.get('x-frame-options')).toBe('DENY')
    }
  })

  it('answers every refusal as plain text with the page headers, echoing at most a short part of the address', async () => {
    const port = new URL(shell.origin).port
    const answers = await Promise.all([
      request(`${shell.origin}/`, 'GET', { host: `attacker.example:${port}` }),
      request(`${shell.origin}/`, 'POST'),
      request(`${shell.origin}/${'a'.repeat(5_000)}<script>alert(1)</script>`, 'GET'),
      request(`${shell.origin}/%E0%A4%A`, 'GET'),
    ])
    expect(answers.map((answer) => answer.status)).toEqual([421, 405, 404, 400])
    for (const answer of answers) {
      expect(answer.headers['content-type']).toBe('text/plain; charset=utf-8')
      expect(answer.headers['x-content-type-options']).toBe('nosniff')
      expect(answer.headers['content-security-policy']).toContain("default-src 'none'")
      expect(answer.body.length).toBeLessThan(300)
    }
  })

  it('carries the contract: sign in, then the page hears the connection come online', async () => {
    const page = await openPage(shell)
    expect(await page.call('app.getInfo')).toMatchObject({
      ok: true,
      value: { defaultPlatformUrl: platform().server.url },
    })
    expect(await page.call('connection.getState')).toEqual({
      ok: true,
      value: { status: 'signed_out', reason: null },
    })
    const signIn = await page.call('auth.signIn', {
      platformUrl: platform().server.url,
      email: 'shell@example.test',
      password: 'pw',
    })
    expect(signIn).toMatchObject({ ok: true, value: { ok: true, expert: { id: 'exp_shell' } } })
    await new Promise<void>((resolve) => {
      const check = (): void => {
        if (
          page.pushes.some(
            (p) =>
              p.event === 'connection.stateChanged' && (p.payload as { status: string }).status === 'online',
          )
        )
          resolve()
        else page.ws.once('message', check)
      }
      check()
    })
    const wrong = await page.call('auth.signIn', {
      platformUrl: platform().server.url,
      email: 'shell@example.test',
      password: 'nope',
    })
    expect(wrong).toMatchObject({
      ok: true,
      value: { ok: false, reason: 'wrong_credentials', message: 'Wrong email or password.' },
    })
    page.ws.close()
  })

  it('tells every page when the settings change, whichever page changed them', async () => {
    const [changer, other] = [await openPage(shell), await openPage(shell)]
    const heard = new Promise<unknown>((resolve) => {
      other.ws.on('message', (data) => {
        const message = JSON.parse(String(data)) as { event?: string; payload?: unknown }
        if (message.event === 'settings.changed') resolve(message.payload)
      })
    })
    expect(await changer.call('settings.update', { remindersEnabled: false })).toMatchObject({ ok: true })
    expect(await heard).toMatchObject({ remindersEnabled: false })
    await changer.call('settings.update', { remindersEnabled: true })
    changer.ws.close()
    other.ws.close()
  })

  it('parses every call: a bad payload gets invalid_payload, an unknown channel a clear error', async () => {
    const page = await openPage(shell)
    expect(await page.call('sessions.history', { limit: 'all' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload' },
    })
    expect(await page.call('invites.accept', { inviteId: 42 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload' },
    })
    expect(await page.call('fs.readFile', '/etc/passwd')).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload' },
    })
    page.ws.send(JSON.stringify({ id: 99, channel: 7 }))
    page.ws.send('not json at all')
    expect(await page.call('connection.getState')).toMatchObject({ ok: true })
    page.ws.close()
  })

  it('refuses a connection from another origin or without this run’s secret', async () => {
    await expect(openPage(shell, { origin: 'http://evil.example' })).rejects.toThrow(/403/)
    await expect(shellCloseCode(shell, { origin: 'http://evil.example' }, 'guess')).rejects.toThrow(/403/)
    // Its own page with another run's key is told so, in a way the page can read, and served nothing.
    expect(await shellCloseCode(shell, { origin: shell.origin }, 'guess')).toBe(WRONG_KEY_CLOSE.code)
    expect(await shellCloseCode(shell, { origin: shell.origin }, '')).toBe(WRONG_KEY_CLOSE.code)
  })

  it('reads a request’s address as a path: "//x/standby-ipc" is not the IPC socket, "//x/" not the page', async () => {
    const sneaky = new WebSocket(
      `${shell.origin.replace('http', 'ws')}//x${IPC_SOCKET_PATH}?secret=${shell.secret}`,
      {
        headers: { origin: shell.origin },
      },
    )
    const answer = await new Promise<unknown>((resolve) => {
      sneaky.once('open', () => resolve('opened'))
      sneaky.once('unexpected-response', (_req, res) => resolve(res.statusCode))
      sneaky.once('error', (error) => resolve(error.message))
    })
    sneaky.terminate()
    expect(answer).toBe(403)
    expect((await request(`${shell.origin}//x/`)).status).toBe(404)
  })

  it('refuses a connection addressed to another host name, as its pages are refused', async () => {
    // A page that rebinds its own name to 127.0.0.1 sends that name as Host, whatever Origin says.
    const { port } = new URL(shell.origin)
    for (const host of [
      'evil.example',
      `evil.example:${port}`,
      `127.0.0.1.:${port}`,
      `localhost:${port}`,
      '127.0.0.1:1',
    ])
      await expect(openPage(shell, { origin: shell.origin, host })).rejects.toThrow(/403|421/)
    const page = await openPage(shell)
    expect(await page.call('connection.getState')).toMatchObject({ ok: true })
    page.ws.close()
  })

  it('plays power events from its test hook, only with the secret', async () => {
    let resumed = 0
    shell.adapters.power.onResume(() => resumed++)
    const denied = await fetch(`${shell.origin}${POWER_HOOK_PATH}`, {
      method: 'POST',
      body: '{"event":"resume"}',
    })
    expect(denied.status).toBe(403)
    const ok = await fetch(`${shell.origin}${POWER_HOOK_PATH}`, {
      method: 'POST',
      body: '{"event":"resume"}',
      headers: { 'x-standby-secret': shell.secret },
    })
    expect(ok.status).toBe(204)
    expect(resumed).toBe(1)
  })

  it('lists the pages handed to the browser on its test hook, only for the run’s secret', async () => {
    expect((await fetch(`${shell.origin}${OPENED_PAGES_HOOK_PATH}`)).status).toBe(403)
    await shell.runtime.api['shell.openExternal']('https://example.com/docs')
    const listed = await fetch(`${shell.origin}${OPENED_PAGES_HOOK_PATH}`, {
      headers: { 'x-standby-secret': shell.secret },
    })
    expect(await listed.json()).toEqual({ opened: ['https://example.com/docs'] })
  })
})
