import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { answerAppRequest, APP_ENTRY_URL } from '../../../../src/main/electron/app-protocol'
import type { AppApi } from '../../../../src/main/core/app-api'
import { createRendererPages } from '../../../../src/main/node/renderer-pages/renderer-pages'
import type { FirstFrame } from '../../../../src/shared/first-frame'
import { PRODUCTION_CONTENT_SECURITY_POLICY } from '../../../../src/main/node/content-security-policy'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs()
const quiet = { info: () => {}, warn: () => {}, error: () => {} }

/** Pages over a small built renderer whose pre-render writes the frame's surface and locale. */
function options(locale = 'de-DE') {
  const dir = join(tempDir(), 'renderer')
  mkdirSync(join(dir, 'assets'), { recursive: true })
  writeFileSync(join(dir, 'index.html'), '<html><head></head><body><div id="root"></div></body></html>')
  writeFileSync(join(dir, 'assets', 'index-abc.js'), 'console.log(1)')
  // Only the handlers the first frame reads; each answers something the frame carries.
  const api = {
    'app.getTime': () => ({ now: 1, clock: { offsetMs: 0, measured: false } }),
    'app.getInfo': () => ({}),
    'connection.getState': () => ({ status: 'signed_out', reason: null }),
    'expert.get': () => null,
    'invites.list': () => ({ open: [], missed: [] }),
    'sessions.upcoming': () => ({ sessions: [], later: false }),
    'sessions.remindersSent': () => [],
    'settings.get': () => ({}),
  } as unknown as AppApi
  const pages = createRendererPages({
    rendererDir: dir,
    renderFirstFrame: (frame: FirstFrame) =>
      `<p>${frame.surface} ${frame.locale} ${String(frame.inBrowser)}</p>`,
    api,
    inBrowser: false,
    log: quiet,
  })
  return { pages: Promise.resolve(pages), locale: () => locale, dir }
}

const get = (url: string) => ({ url, method: 'GET' })

describe('the standby-app:// scheme', () => {
  it('answers the main window and the popover with their pre-rendered frames, in the app’s locale', async () => {
    const app = options('de-DE')
    const window = await answerAppRequest(get(APP_ENTRY_URL), app)
    expect(window.status).toBe(200)
    expect(window.headers.get('content-security-policy')).toBe(PRODUCTION_CONTENT_SECURITY_POLICY)
    const html = await window.text()
    expect(html).toContain('<div id="root" inert><p>window de-DE false</p></div>')
    // The page fetches its frame's data from the same scheme.
    const id = /content="([^"]+)"/.exec(html)?.[1] ?? ''
    const data = await answerAppRequest(get(`standby-app://app/first-frame/${id}.json`), app)
    expect(await data.json()).toMatchObject({ surface: 'window', locale: 'de-DE', inBrowser: false })
    const popover = await answerAppRequest(get(`${APP_ENTRY_URL}?view=popover`), app)
    expect(await popover.text()).toContain('<div id="root" inert><p>popover de-DE false</p></div>')
  })

  it('serves built assets for good, and nothing for other hosts, other methods or missing files', async () => {
    const app = options()
    const asset = await answerAppRequest(get('standby-app://app/assets/index-abc.js'), app)
    expect(asset.headers.get('cache-control')).toContain('immutable')
    expect(await asset.text()).toBe('console.log(1)')
    expect((await answerAppRequest(get('standby-app://elsewhere/'), app)).status).toBe(404)
    expect((await answerAppRequest({ url: APP_ENTRY_URL, method: 'POST' }, app)).status).toBe(405)
    expect((await answerAppRequest(get('standby-app://app/missing.js'), app)).status).toBe(404)
    expect((await answerAppRequest(get('standby-app://app/%E0%A4%A'), app)).status).toBe(400)
  })

  it('refuses as plain text with the page headers, naming at most a short part of the address', async () => {
    const app = options()
    const refused = await Promise.all([
      answerAppRequest(get(`standby-app://elsewhere/${'a'.repeat(5_000)}`), app),
      answerAppRequest({ url: APP_ENTRY_URL, method: 'PUT' }, app),
    ])
    for (const answer of refused) {
      expect(answer.headers.get('content-security-policy')).toBe(PRODUCTION_CONTENT_SECURITY_POLICY)
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff')
      expect((await answer.text()).length).toBeLessThan(300)
    }
  })
  it.each([
    'standby-app://app/../secret.txt',
    'standby-app://app/%2E%2E/secret.txt',
    'standby-app://app/..%2Fsecret.txt',
    'standby-app://app/%2e%2e%2fsecret.txt',
    'standby-app://app/assets/..%2F..%2Fsecret.txt',
    'standby-app://app/..%5Csecret.txt',
    'standby-app://app/assets%5C..%5C..%5Csecret.txt',
    'standby-app://app/%2Fsecret.txt',
    'standby-app://app//..//secret.txt',
    'standby-app://app/assets/%00/../../secret.txt',
    'standby-app://app/index.html%00.js',
    'standby-app://app/assets',
  ])('serves nothing outside the renderer for %s', async (url) => {
    const app = options()
    // Beside the renderer's folder, as the rest of the installed app is.
    writeFileSync(join(app.dir, '..', 'secret.txt'), 'the secret')
    const answer = await answerAppRequest(get(url), app)
    expect(await answer.text()).not.toContain('the secret')
    expect([400, 403, 404]).toContain(answer.status)
  })
})
