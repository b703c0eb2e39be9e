/**
 * Standby in real Electron, once, end to end: it launches, its window is sandboxed under the CSP,
 * the tray has its menu, an invite becomes a notification, a standby:// link handed to a second
 * launch opens the invite in the first, and it quits. Everything else is tested against the fake
 * of electron; this checks that the fake and the real thing agree where it matters most.
 * It runs wherever an Electron binary was downloaded, and says why it skipped elsewhere.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { _electron, type ElectronApplication } from 'playwright'
import { afterEach, describe, expect, it } from 'vitest'
import { startTestPlatform, type TestPlatform } from '../support/test-platform'
import { findElectronBinary } from '../../scripts/electron-binary'
import { addExpert } from './support/harness'
import { focusLandsOn } from './support/waits'

const electron = findElectronBinary()
const MAIN = join(import.meta.dirname, '../../out/main/index.js')

/** What the recording hooks saw in the main process. */
interface Recorded {
  readonly notifications: ReadonlyArray<{ title: string; body: string }>
  readonly trayMenus: ReadonlyArray<ReadonlyArray<string>>
}

let cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup()
  cleanups = []
})

/** Runs a second copy with `args`, as the OS does for a clicked link, and waits for it to quit. */
function secondLaunch(binary: string, args: ReadonlyArray<string>): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, [MAIN, ...args], { stdio: 'ignore' })
    child.on('error', reject)
    child.on('exit', (code) => resolve(code))
  })
}

describe('Standby in real Electron', () => {
  // The default reporter shows a skipped test only as a count; this line says why.
  if (!electron.found) console.info(`Real-Electron smoke test skipped: ${electron.why}.`)
  const title = electron.found
    ? 'launches locked down, shows its tray menu and a notification, opens a deep link from a second launch, and quits'
    : `is skipped: ${electron.why}`

  it.skipIf(!electron.found)(title, async () => {
    if (!electron.found) return
    const platform: TestPlatform = await startTestPlatform()
    cleanups.push(() => platform.close())
    const ada = addExpert(platform, 'Ada Byron', ['react'])
    const userData = mkdtempSync(join(tmpdir(), 'standby-electron-'))
    cleanups.push(() => rmSync(userData, { recursive: true, force: true }))
    const userDataArg = `--user-data-dir=${userData}`

    const app: ElectronApplication = await _electron.launch({
      executablePath: electron.path,
      args: [MAIN, userDataArg],
      env: { ...process.env, STANDBY_PLATFORM_URL: platform.server.url, ELECTRON_RENDERER_URL: '' },
    })
    let closed = false
    app.on('close', () => (closed = true))
    cleanups.push(async () => {
      if (!closed) await app.close()
    })
    // Recording hooks: what the OS would show, kept where the test can read it.
    await app.evaluate(({ Notification, Tray }) => {
      const recorded = {
        notifications: [] as Array<{ title: string; body: string }>,
        trayMenus: [] as string[][],
        // Called after each recording, so a test waits for what it expects instead of polling.
        changed: new Set<() => void>(),
      }
      const trayMenu: { last: Electron.Menu | null } = { last: null }
      Object.assign(globalThis, { standbyRecorded: recorded, standbyTrayMenu: trayMenu })
      Notification.prototype.show = function (this: Electron.Notification) {
        recorded.notifications.push({ title: this.title, body: this.body })
        for (const listener of recorded.changed) listener()
      }
      const setContextMenu = Tray.prototype.setContextMenu
      Tray.prototype.setContextMenu = function (this: Electron.Tray, menu: Electron.Menu | null) {
        recorded.trayMenus.push(menu?.items.map((item) => item.label) ?? [])
        for (const listener of recorded.changed) listener()
        trayMenu.last = menu
        setContextMenu.call(this, menu)
      }
    })
    const recorded = (): Promise<Recorded> =>
      app.evaluate(() => {
        const { notifications, trayMenus } = (globalThis as unknown as { standbyRecorded: Recorded })
          .standbyRecorded
        return { notifications, trayMenus }
      })
    /**
     * Resolves once the last tray menu (`trayMenu`) or the notifications shown so far
     * (`notifications`, one "title body" a line) contain `text`: waited for in the main process,
     * on each recording, rather than polled for a second of wall time a busy machine overruns.
     */
    const recordedHas = (what: 'trayMenu' | 'notifications', text: string): Promise<void> =>
      app.evaluate(
        (_electron, { what, text }) =>
          new Promise<void>((resolve) => {
            const state = (
              globalThis as unknown as { standbyRecorded: Recorded & { changed: Set<() => void> } }
            ).standbyRecorded
            const shown = (): string =>
              what === 'trayMenu'
                ? (state.trayMenus.at(-1)?.join(' | ') ?? '')
                : state.notifications.map((each) => `${each.title} ${each.body}`).join('\n')
            const check = (): void => {
              if (!shown().includes(text)) return
              state.changed.delete(check)
              resolve()
            }
            state.changed.add(check)
            check()
          }),
        { what, text },
      )

    const window = await app.firstWindow()
    expect(window.url()).toMatch(/^standby-app:\/\/app\//)
    // Sandboxed and isolated: no Node in the page, and the preferences say so.
    expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe(
      'undefined',
    )
    expect(await window.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe(
      'undefined',
    )
    // Electron reports a renderer's sandbox on macOS and Windows; Linux leaves it undefined.
    const sandboxed = await app.evaluate(({ app: electronApp, BrowserWindow }) => {
      const pids = BrowserWindow.getAllWindows().map((each) => each.webContents.getOSProcessId())
      return electronApp
        .getAppMetrics()
        .flatMap((metric) => (pids.includes(metric.pid) ? [metric.sandboxed] : []))
    })
    for (const each of sandboxed) expect(each === undefined || each).toBe(true)
    const policy = await window.evaluate(async () =>
      (await fetch(location.href)).headers.get('content-security-policy'),
    )
    expect(policy).toContain("default-src 'none'")

    await window.getByRole('heading', { name: 'Sign in to Standby' }).waitFor()
    await window.getByLabel('Email').fill(ada.email)
    await window.getByLabel('Password').fill(ada.password)
    await window.getByRole('button', { name: 'Sign in' }).click()
    await window.getByRole('heading', { name: 'Invites' }).waitFor()

    // The tray's menu follows the status line and keeps Open and Quit.
    await recordedHas('trayMenu', 'Online')
    expect((await recorded()).trayMenus.at(-1)).toEqual(
      expect.arrayContaining(['Open Standby', 'Quit Standby']),
    )

    const { request } = platform.inviteDirectly(ada.id, 'Smoke test: a query plan')
    await recordedHas('notifications', request.title)

    // A link clicked in a browser on Windows or Linux: a second launch that hands it over and quits.
    const card = window.getByRole('article', { name: request.title })
    const inviteId = await card.getAttribute('data-invite-id')
    await window.getByRole('button', { name: /^Upcoming/ }).click()
    await card.waitFor({ state: 'detached' })
    expect(await secondLaunch(electron.path, [userDataArg, `standby://invite/${inviteId}`])).toBe(0)
    await focusLandsOn(card)
    expect(await secondLaunch(electron.path, [userDataArg, 'standby://invite/inv_long_gone'])).toBe(0)
    await window.getByText('That invite is no longer open').waitFor()

    // Quit from the tray's menu, as the expert would.
    const quitting = app.waitForEvent('close')
    await app
      .evaluate(() => {
        const { last } = (globalThis as unknown as { standbyTrayMenu: { last: Electron.Menu | null } })
          .standbyTrayMenu
        last?.getMenuItemById('quit')?.click()
      })
      // The answer may be cut off by the exit itself.
      .catch(() => undefined)
    await quitting
    expect(closed).toBe(true)
  })
})
