/**
 * UI bench, in Debian's Chromium against the browser shell: (a) first paint of the full window
 * with 1,000 sessions in the cache (target < 300 ms), from navigation to the first frame that
 * shows the data, median of fresh page loads; (b) the history list with 10,000 rows: loading
 * them by scrolling, then a scroll sweep from top to bottom, with frame times and the most rows
 * ever in the DOM (bounded by virtualization); (c) invite created → card visible, against a real
 * platform, beside a plain WebSocket page (bench/invite-card.ts). Prints figures, never fails.
 */
import { MAIN_WINDOW_SIZE } from '../src/shared/window-sizes'
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright'
import { buildApp } from '../scripts/build-app'
import { firstFramePath } from '../src/shared/first-frame'
import { launchChromium } from '../test/e2e/support/harness'
import { inviteToCard } from './invite-card'
import { formatMainThread, tracedLoad, type MainThreadLoad } from './ui-main-thread'
import { manySessions } from '../test/support/fixture-streams'
import { startOfflineShell, type OfflineShell } from '../test/support/offline-shell'
import { blockHeadlines, formatBlocks, runBlocks, type BlockResult } from './blocks'
import type { Headline } from './headline'
import { median, ms, percentile } from './stats'

const PAINT_RUNS = 9
/** Loads with the code cache kept, after the cold ones. */
const REOPEN_RUNS = 5
/** Cold loads traced for their main-thread CPU, after the timed ones (bench/ui-main-thread.ts). */
const TRACED_RUNS = 5
/** The marks of a page load of the app's window. */
const MARKS = ['first-contentful-paint', 'standby:first-data-paint', 'standby:interactive'] as const

/** An offline shell whose cache holds `count` sessions. */
function shellWithSessions(count: number): Promise<OfflineShell> {
  return startOfflineShell({ snapshot: { sessions: manySessions(count), cursor: count } })
}

/** Paint and mark times of one fresh page load, in ms from navigation start. */
interface PageTimes {
  readonly fcp: number
  readonly data: number
  readonly interactive: number
}

/**
 * Load `url` in a new tab and read its times once it has every mark in `waitFor`.
 *
 * A new tab of one browser context, with the HTTP cache (and with it V8's code cache) emptied
 * first: a new renderer process and no cached file, as when Electron opens a window. A new
 * context per load would also open a new browser window. Every new tab used to build the
 * omnibox's pop-up too, a WebUI page loading on the same 2 cores through the measurement; the
 * harness's Chromium runs without it (CHROMIUM_ARGS), as an Electron window has no omnibox.
 * Nothing is evaluated in the page before `settled`: Playwright's first evaluation injects a
 * large script that would compete with the very paint being measured. With the cache `kept`, the
 * page loads as a window reopened from the tray does: Electron keeps V8's code cache for the
 * app's scheme (its `codeCache` privilege), so a reopened window compiles none of its scripts.
 */
async function loadTimes(
  context: BrowserContext,
  url: string,
  waitFor: ReadonlyArray<string>,
  settled: (page: Page) => Promise<unknown>,
  cache: 'emptied' | 'kept' = 'emptied',
): Promise<PageTimes> {
  const page = await context.newPage()
  try {
    if (cache === 'emptied') {
      const cdp = await context.newCDPSession(page)
      await cdp.send('Network.enable')
      await cdp.send('Network.clearBrowserCache')
      await cdp.detach()
    }
    const ready = settled(page)
    await page.goto(url, { waitUntil: 'commit' })
    await ready
    await page.waitForFunction(
      (names) => names.every((name) => performance.getEntriesByName(name).length > 0),
      waitFor,
    )
    // No named functions in here: tsx would wrap them in a helper the page does not have.
    const [fcp, data, interactive] = await page.evaluate(() =>
      ['first-contentful-paint', 'standby:first-data-paint', 'standby:interactive'].map(
        (name) => performance.getEntriesByName(name)[0]?.startTime ?? Number.NaN,
      ),
    )
    return { fcp: fcp ?? Number.NaN, data: data ?? Number.NaN, interactive: interactive ?? Number.NaN }
  } finally {
    await page.close()
  }
}

/** The page has opened its connection to the shell and had an answer: it has started. */
async function answeredByShell(page: Page): Promise<void> {
  const socket = await page.waitForEvent('websocket')
  await socket.waitForEvent('framereceived')
}

async function firstPaint(browser: Browser): Promise<ReadonlyArray<Headline>> {
  const { shell, close } = await shellWithSessions(1_000)
  try {
    const page = await fetch(shell.url).then((response) => response.text())
    // What one page load carries: the HTML with the frame's markup, and the frame's data.
    const frameId = /<meta name="standby-first-frame" content="([^"]+)"/.exec(page)?.[1]
    const frameData =
      frameId === undefined
        ? ''
        : await fetch(`${shell.origin}${firstFramePath(frameId)}`).then((response) => response.text())
    const context = await browser.newContext({ viewport: { ...MAIN_WINDOW_SIZE } })
    const loads: PageTimes[] = []
    const reopened: PageTimes[] = []
    const traced: MainThreadLoad[] = []
    // The raw baseline: this Chromium painting a one-line static page on this machine, loaded
    // in turn with the app's page in blocks so that both see the same machine.
    const paint = 'first contentful paint'
    let result: BlockResult
    try {
      result = await runBlocks({
        blocks: PAINT_RUNS,
        // The first load also warms the shell's SQLite pages; it is reported, not hidden.
        warmup: 0,
        ours: {
          name: 'Standby',
          async run() {
            const load = await loadTimes(context, shell.url, MARKS, answeredByShell)
            loads.push(load)
            return { [paint]: load.fcp }
          },
        },
        baseline: {
          name: 'static one-line page',
          async run() {
            const load = await loadTimes(
              context,
              'data:text/html,<!doctype html><title>baseline</title><p>Standby</p>',
              ['first-contentful-paint'],
              (page) => page.waitForLoadState('load'),
            )
            return { [paint]: load.fcp }
          },
        },
      })
      // Opened again and again, as from the tray. Chromium writes a script's code cache the second
      // time it runs it and reads it from the third: the first three loads (the cache may have just
      // been emptied) are not counted.
      for (let i = 0; i < REOPEN_RUNS + 3; i++) {
        const load = await loadTimes(context, shell.url, MARKS, answeredByShell, 'kept')
        if (i >= 3) reopened.push(load)
      }
      for (let i = 0; i < TRACED_RUNS; i++) {
        const load = await tracedLoad(context, shell.url, 'standby:interactive', answeredByShell)
        if (load !== null) traced.push(load)
      }
    } finally {
      await context.close()
    }
    const of = (key: keyof PageTimes, from: ReadonlyArray<PageTimes> = loads): string => {
      const values = from.map((load) => load[key])
      return `median ${ms(median(values))}  max ${ms(Math.max(...values))}`
    }
    console.log(
      `  (a) first paint, 1,000 cached sessions (${PAINT_RUNS} cold page loads, each in a new tab):`,
    )
    console.log(
      frameId === undefined
        ? '      page as built (no first-frame pre-render found: run npm run build)'
        : `      page with its first frame pre-rendered: ${kib(page.length)} of HTML, then ${kib(frameData.length)} of data fetched after painting`,
    )
    for (const line of formatBlocks(result)) console.log(`      ${line}`)
    console.log(`      first contentful paint  ${of('fcp')}`)
    console.log(`      first frame with data   ${of('data')}  (target < 300 ms)`)
    console.log(
      `      responds to input       ${of('interactive')}  (React has hydrated the frame; it is no longer inert; target < 200 ms)`,
    )
    console.log(
      `      reopened (${REOPEN_RUNS} loads with V8's code cache kept, as Electron keeps it for a window opened again from the tray):`,
    )
    console.log(`      first frame with data   ${of('data', reopened)}`)
    console.log(`      responds to input       ${of('interactive', reopened)}`)
    for (const line of formatMainThread(traced)) console.log(`      ${line}`)
    return [
      ...blockHeadlines('first paint', result),
      { name: 'first frame with data, median', value: median(loads.map((l) => l.data)), unit: 'ms' },
      { name: 'responds to input, median', value: median(loads.map((l) => l.interactive)), unit: 'ms' },
      {
        name: 'responds to input, reopened, median',
        value: median(reopened.map((l) => l.interactive)),
        unit: 'ms',
      },
      {
        name: 'main-thread CPU, first frame to input, median',
        value: median(traced.map((l) => l.cpuFrameToInput)),
        unit: 'ms',
      },
    ]
  } finally {
    await close()
  }
}

function kib(chars: number): string {
  return `${(chars / 1024).toFixed(0)} KiB`
}

async function historyScroll(browser: Browser): Promise<void> {
  // About 9 in 10 of these are past sessions: just over 10,000 history rows.
  const { shell, close } = await shellWithSessions(11_200)
  try {
    const context = await browser.newContext({ viewport: { ...MAIN_WINDOW_SIZE } })
    const page = await context.newPage()
    await page.goto(shell.url)
    await page.getByRole('button', { name: 'History' }).click()
    const list = page.getByRole('list', { name: 'Past sessions' })
    await list.getByRole('listitem').first().waitFor()

    const loading = await list.evaluate(async (viewport) => {
      const started = performance.now()
      let maxRows = 0
      let stable = 0
      let last = -1
      while (stable < 30 && performance.now() - started < 60_000) {
        viewport.scrollTop = viewport.scrollHeight
        await new Promise((resolve) => requestAnimationFrame(resolve))
        maxRows = Math.max(maxRows, viewport.querySelectorAll('[role=listitem]').length)
        const height = viewport.scrollHeight
        stable = height === last ? stable + 1 : 0
        last = height
      }
      // Each row says how many the list has; the rows' height depends on the layout.
      const rows = Number(viewport.querySelector('[role=listitem]')?.getAttribute('aria-setsize') ?? 0)
      return { ms: performance.now() - started, rows, maxRows }
    })

    const sweep = await list.evaluate(async (viewport) => {
      const frames: number[] = []
      let maxRows = 0
      viewport.scrollTop = 0
      await new Promise((resolve) => requestAnimationFrame(resolve))
      let previous = performance.now()
      // 1,500 px a frame: about 27 rows, faster than anyone flicks through a list.
      while (viewport.scrollTop + viewport.clientHeight < viewport.scrollHeight - 1) {
        viewport.scrollTop += 1_500
        await new Promise((resolve) => requestAnimationFrame(resolve))
        const now = performance.now()
        frames.push(now - previous)
        previous = now
        maxRows = Math.max(maxRows, viewport.querySelectorAll('[role=listitem]').length)
      }
      return { frames, maxRows }
    })
    console.log(`  (b) history, ${loading.rows.toLocaleString('en')} rows read page by page while scrolling:`)
    console.log(
      `      all rows loaded in ${ms(loading.ms)}; most rows in the DOM while loading: ${loading.maxRows}`,
    )
    console.log(
      `      sweep top→bottom, ${sweep.frames.length} frames: p50 ${ms(median(sweep.frames))}  p95 ${ms(percentile(sweep.frames, 95))}  max ${ms(Math.max(...sweep.frames))}`,
    )
    console.log(
      `      most rows in the DOM during the sweep: ${sweep.maxRows} (of ${loading.rows.toLocaleString('en')})`,
    )
    await context.close()
  } finally {
    await close()
  }
}

function bundleSize(): string {
  const assets = join(process.cwd(), 'out', 'renderer', 'assets')
  const js = readdirSync(assets).filter((name) => name.endsWith('.js'))
  const bytes = js.reduce((sum, name) => sum + statSync(join(assets, name)).size, 0)
  return `${(bytes / 1024).toFixed(0)} KiB of JavaScript`
}

/** Run the UI bench; returns its headline figures. */
export async function benchUi(): Promise<ReadonlyArray<Headline>> {
  console.log('ui: the renderer in Chromium against the browser shell')
  try {
    buildApp(process.cwd())
    console.log(`  renderer built: ${bundleSize()}`)
    const browser = await launchChromium()
    try {
      const paint = await firstPaint(browser)
      await historyScroll(browser)
      return [...paint, ...(await inviteToCard(browser))]
    } finally {
      await browser.close()
    }
  } catch (error) {
    console.log(`  ui bench could not run: ${error instanceof Error ? error.message : String(error)}`)
    return []
  }
}
