/**
 * The browser shell sends the window with its first frame pre-rendered from the cache (the
 * pre-render module loaded from source here; `npm run build` makes the one the app loads).
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { request } from '../../support/shell-page'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { firstFramePath, parseFirstFrame } from '../../../src/shared/first-frame'
import { useCleanup } from '../../support/cleanup'
import {
  aClient,
  anInvite,
  aRequest,
  aScheduledRequest,
  aSession,
  FIXTURE_NOW,
  MINUTE,
} from '../../support/fixtures'
import { startOfflineShell, type OfflineShell } from '../../support/offline-shell'
import { useTempDirs } from '../../support/temp-dir'
import { DAY_AND_TIME } from '../../../src/shared/day-time-options'

const PRE_RENDER_SOURCE = join(process.cwd(), 'src', 'renderer', 'first-frame', 'render-first-frame.tsx')
const INDEX =
  '<!doctype html><html lang="en"><head><title>Standby</title></head><body><div id="root"></div></body></html>'
const HOSTILE_TITLE = 'Help </script><img src=x onerror=alert(1)>'

const defer = useCleanup()
const tempDir = useTempDirs()

/** A GET with the headers given (Host included, which fetch would not let a test set). */
const get = (url: string, headers: Record<string, string> = {}) => request(url, 'GET', headers)

function rendererDir(): string {
  const dir = join(tempDir(), 'renderer')
  mkdirSync(dir)
  writeFileSync(join(dir, 'index.html'), INDEX)
  return dir
}

async function shellWithInvites(options: { firstFrameModule?: string; warnings?: string[] } = {}) {
  const warnings = options.warnings ?? []
  const shell: OfflineShell = await startOfflineShell({
    rendererDir: rendererDir(),
    firstFrameModule: options.firstFrameModule ?? PRE_RENDER_SOURCE,
    log: { info: () => {}, warn: (line) => void warnings.push(line), error: () => {} },
    snapshot: {
      openInvites: [
        anInvite({ request: aRequest({ id: 'req_instant', title: HOSTILE_TITLE, client: aClient(1) }) }),
        anInvite({ request: aScheduledRequest('req_later', FIXTURE_NOW + 26 * 60 * MINUTE) }),
      ],
      sessions: [aSession({ request: aScheduledRequest('req_booked', FIXTURE_NOW + 2 * 60 * MINUTE) })],
      cursor: 3,
    },
  })
  defer(() => shell.close())
  return shell
}

/** The markup inside #root, and the frame's data as the page fetches it. */
async function parts(shell: OfflineShell['shell'], page: string) {
  const markup = page.slice(page.indexOf('<div id="root" inert>'), page.indexOf('</body>'))
  const id = /<meta name="standby-first-frame" content="([^"]+)"/.exec(page)?.[1] ?? ''
  const data = await get(`${shell.origin}${firstFramePath(id)}`)
  return { markup, id, data, frame: parseFirstFrame(data.body) }
}

describe('the first frame from the browser shell', () => {
  it('shows the cached invites and booked session in the page itself, in the browser’s language', async () => {
    const { shell } = await shellWithInvites()
    const page = await get(shell.url, { 'accept-language': 'en-GB,en;q=0.9' })
    expect(page.status).toBe(200)
    expect(page.headers['cache-control']).toBe('no-store')
    expect(page.headers['content-security-policy']).toContain("script-src 'self'")

    const { markup, frame, data } = await parts(shell, page.body)
    expect(data.headers['content-type']).toBe('application/json')
    expect(data.headers['cache-control']).toBe('no-store')
    expect(data.headers['x-content-type-options']).toBe('nosniff')
    expect(markup).toContain('Help &lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;')
    expect(markup).not.toContain('<img')
    expect(markup).toContain(aClient(1).name)
    expect(markup).toContain('Instant')
    expect(markup).toContain('Scheduled')
    // Proposed times in the page's language and this machine's zone (the browser's, here).
    const zone = new Intl.DateTimeFormat().resolvedOptions().timeZone
    const firstProposed = new Intl.DateTimeFormat('en-GB', { ...DAY_AND_TIME, timeZone: zone }).format(
      FIXTURE_NOW + 26 * 60 * MINUTE,
    )
    expect(markup).toContain(firstProposed)
    // Inline styles would be blocked by the policy (style-src 'self'): the frame has none.
    expect(markup).not.toMatch(/\sstyle="/)

    expect(frame).toMatchObject({
      surface: 'window',
      inBrowser: true,
      locale: 'en-GB',
      timeZone: zone,
      now: FIXTURE_NOW,
    })
    expect(frame?.invites.open.map((invite) => invite.request.id).sort()).toEqual([
      'req_instant',
      'req_later',
    ])
    expect(frame?.upcoming.map((session) => session.request.id)).toEqual(['req_booked'])
    expect(frame?.invites.open.find((invite) => invite.request.id === 'req_instant')?.request.title).toBe(
      HOSTILE_TITLE,
    )
  })

  it('hands each frame’s data out once, and only for frames it rendered', async () => {
    const { shell } = await shellWithInvites()
    const page = await get(shell.url)
    const first = await parts(shell, page.body)
    expect(first.data.status).toBe(200)
    const again = await get(`${shell.origin}${firstFramePath(first.id)}`)
    expect(again.status).toBe(404)
    expect(again.body).toMatch(/already fetched or has expired; the page renders on its own/)
    expect((await get(`${shell.origin}${firstFramePath('A'.repeat(24))}`)).status).toBe(404)
  })

  it('shows the popover’s frame for ?view=popover, laid out as the popover', async () => {
    const { shell } = await shellWithInvites()
    const page = await get(`${shell.url}&view=popover`)
    expect(page.body).toContain('<html class="is-popover" lang="en">')
    const { markup, frame } = await parts(shell, page.body)
    expect(frame?.surface).toBe('popover')
    expect(markup).toContain('aria-label="What needs you now"')
    expect(markup).toContain('Coming up')
  })

  it('sends the page as built when the pre-render fails, and says why', async () => {
    const broken = join(tempDir(), 'throws.mjs')
    writeFileSync(broken, 'export function renderFirstFrame() { throw new Error("boom") }\n')
    const warnings: string[] = []
    const { shell } = await shellWithInvites({ firstFrameModule: broken, warnings })
    const page = await get(shell.url)
    expect(page.status).toBe(200)
    expect(page.body).toBe(INDEX)
    // The shell's core also warns that its platform (none runs here) cannot be reached.
    const aboutTheFrame = warnings.filter((line) => /first frame/i.test(line))
    expect(aboutTheFrame).toEqual([expect.stringMatching(/could not be pre-rendered \(boom\)/)])
  })

  it('pre-renders only for this run’s secret: without it the page holds no data', async () => {
    const { shell } = await shellWithInvites()
    expect(shell.url).toBe(`${shell.origin}/?secret=${shell.secret}`)
    for (const address of [
      shell.origin,
      `${shell.origin}/?secret=wrong`,
      `${shell.url}x`,
      `${shell.origin}/#secret=${shell.secret}`,
    ]) {
      const page = await get(address)
      expect(page.status, address).toBe(200)
      expect(page.body, address).toBe(INDEX)
    }
    expect((await get(shell.url)).body).toContain('<meta name="standby-first-frame"')
  })

  it('answers only requests addressed to 127.0.0.1 on its own port', async () => {
    const { shell } = await shellWithInvites()
    const port = new URL(shell.origin).port
    // localhost too: the IPC socket accepts only the 127.0.0.1 origin, so a page there could not work.
    for (const host of [`attacker.example:${port}`, `localhost:${port}`]) {
      const rebound = await get(shell.url, { host })
      expect(rebound.status, host).toBe(421)
      expect(rebound.body).toBe(`Open ${shell.origin} instead.`)
      expect(rebound.body).not.toContain('Help')
    }
  })
})
