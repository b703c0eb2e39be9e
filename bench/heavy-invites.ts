/**
 * `npx tsx bench/heavy-invites.ts [runs] [before-dir]`: the window holding 100 open invites at the
 * most each may carry (a 200-letter unbroken title, a 20,000-character description with RTL text,
 * emoji and stacks of combining marks, 20 attachments), in Debian's Chromium at the window's
 * opening size. Each load is traced: the longest main-thread task (wall and thread time) and all
 * main-thread CPU, from navigation until the page has had no long task for a while, and again for
 * making the window wide. With a second build (`before-dir`: a copy of another build's out/, kept
 * inside the checkout, where its first-frame module can be imported), the two are loaded in turn,
 * the order flipping in each pair and each load with a shell of its own, so another process's load
 * on a shared machine lands on both. `KEEP_TRACE=/some/prefix` keeps each trace. Prints figures,
 * never fails.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright'
import { MAIN_WINDOW_SIZE } from '../src/shared/window-sizes'
import { launchChromium } from '../test/e2e/support/harness'
import { startOfflineShell, type OfflineShell } from '../test/support/offline-shell'
import { heaviestInvites } from '../test/support/heaviest-invites'
import { median, ms } from './stats'
import { rendererMainTasks, type TraceEvent } from './ui-main-thread'

/** The widest window the bench makes, as an expert who widens it. */
const WIDE = { width: 1120, height: 780 }

/** One stretch of a load: its longest main-thread task (wall and thread time) and all its CPU, in ms. */
export interface Stretch {
  readonly longestWall: number
  readonly longestCpu: number
  readonly cpu: number
}

/** What one traced load measured: opening the window, and making it wide. */
export interface HeavyLoad {
  readonly open: Stretch
  readonly widen: Stretch
}

/** The main-thread tasks of the page that marked `mark`, split at the mark `split`. */
function stretches(events: ReadonlyArray<TraceEvent>, mark: string, split: string): HeavyLoad | null {
  const marked = events.find((event) => event.name === mark)
  const widened = events.find((event) => event.name === split)
  if (marked === undefined || widened === undefined) return null
  const tasks = rendererMainTasks(events, marked.pid)
  if (tasks === null) return null
  const of = (from: number, to: number): Stretch => {
    const within = tasks.filter((task) => task.ts >= from && task.ts < to)
    return {
      longestWall: Math.max(0, ...within.map((task) => task.dur ?? 0)) / 1000,
      longestCpu: Math.max(0, ...within.map((task) => task.tdur ?? 0)) / 1000,
      cpu: within.reduce((sum, task) => sum + (task.tdur ?? 0), 0) / 1000,
    }
  }
  return { open: of(0, widened.ts), widen: of(widened.ts, Number.POSITIVE_INFINITY) }
}

/** Records when the page's latest long task ended, for `quiet`: run before the page's own scripts. */
function watchLongTasks(): void {
  const page = window as unknown as { benchLongTaskEnd: number }
  page.benchLongTaskEnd = 0
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      page.benchLongTaskEnd = Math.max(page.benchLongTaskEnd, entry.startTime + entry.duration)
  }).observe({ type: 'longtask', buffered: true })
}

/**
 * Resolves once the page has gone a second and a half without a long task: the cached invites
 * may reach it after it responds to input, so one idle moment does not say its work is done.
 */
async function quiet(page: Page): Promise<void> {
  await page.waitForFunction(
    () => performance.now() - (window as unknown as { benchLongTaskEnd: number }).benchLongTaskEnd > 1_500,
    undefined,
    { polling: 250, timeout: 60_000 },
  )
}

/** Load `shell`'s window cold in a new tab with Chromium tracing, then make it wide. */
async function tracedHeavyLoad(browser: Browser, shell: OfflineShell): Promise<HeavyLoad | null> {
  const context = await browser.newContext({ viewport: { ...MAIN_WINDOW_SIZE } })
  const dir = mkdtempSync(join(tmpdir(), 'standby-heavy-trace-'))
  try {
    const page = await context.newPage()
    await page.addInitScript(watchLongTasks)
    const path = join(dir, 'trace.json')
    await browser.startTracing(undefined, {
      path,
      categories: ['toplevel', 'devtools.timeline', 'blink.user_timing', 'loading'],
    })
    try {
      await page.goto(shell.shell.url, { waitUntil: 'commit' })
      await page.waitForFunction(() => performance.getEntriesByName('standby:interactive').length > 0)
      await quiet(page)
      await page.evaluate(() => performance.mark('bench:widen'))
      await page.setViewportSize(WIDE)
      await quiet(page)
    } finally {
      await browser.stopTracing()
    }
    if (process.env.KEEP_TRACE) copyFileSync(path, `${process.env.KEEP_TRACE}-${Date.now()}.json`)
    const trace = JSON.parse(readFileSync(path, 'utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[]
    return stretches(
      Array.isArray(trace) ? trace : (trace.traceEvents ?? []),
      'standby:interactive',
      'bench:widen',
    )
  } finally {
    await context.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

/** A build under test: where its renderer and first-frame renderer are. */
interface Build {
  readonly name: string
  readonly dir: string
}

function line(name: string, loads: ReadonlyArray<HeavyLoad>, stretch: keyof HeavyLoad): string {
  const of = (key: keyof Stretch): string => {
    const values = loads.map((load) => load[stretch][key])
    return `${ms(median(values))} [${values.map((v) => v.toFixed(0)).join(' ')}]`
  }
  return `${name.padEnd(8)} ${stretch.padEnd(6)} longest task wall ${of('longestWall')}; thread ${of('longestCpu')}; all CPU ${of('cpu')}`
}

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 5)
  const before = process.argv[3]
  const builds: Build[] = [{ name: 'current', dir: join(process.cwd(), 'out') }]
  if (before !== undefined) builds.push({ name: 'before', dir: before })
  const invites = heaviestInvites()
  const browser = await launchChromium()
  const loads = new Map<string, HeavyLoad[]>(builds.map((build) => [build.name, []]))
  try {
    for (let run = 0; run < runs; run++) {
      // Each pair of runs flips the order, so neither build always goes first; each load has a
      // shell of its own, so neither build keeps one warmed by the loads before.
      const order = run % 2 === 0 ? builds : [...builds].reverse()
      for (const build of order) {
        const shell = await startOfflineShell({
          snapshot: { openInvites: invites },
          rendererDir: join(build.dir, 'renderer'),
          firstFrameModule: join(build.dir, 'first-frame', 'render-first-frame.mjs'),
        })
        try {
          const load = await tracedHeavyLoad(browser, shell)
          if (load !== null) loads.get(build.name)?.push(load)
        } finally {
          await shell.close()
        }
      }
    }
  } finally {
    await browser.close()
  }
  console.log(
    `100 heaviest invites, ${runs} traced cold loads per build, interleaved (medians [each run], ms):`,
  )
  for (const stretch of ['open', 'widen'] as const)
    for (const build of builds) console.log(line(build.name, loads.get(build.name)!, stretch))
}

await main()
