/**
 * The window's start as main-thread CPU time, read from a Chromium trace of separate cold loads:
 * before the first frame, and between the first frame and the page responding to input. On a
 * shared 2-core machine the wall times of bench/ui.ts swing by hundreds of milliseconds from run
 * to run while the page's own work hardly moves: these say how much work a change took off the
 * start, and where; whether the page answers sooner is still judged by builds loaded in turn.
 * Traced loads run after the timed ones: tracing costs the page time of its own.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright'
import { median, ms } from './stats'

/** One traced load: main-thread CPU and the wall time it was spread over, in ms. */
export interface MainThreadLoad {
  readonly cpuBeforeFrame: number
  readonly cpuFrameToInput: number
  readonly wallFrameToInput: number
  /** From the first frame until input: wall time inside the main thread's tasks beyond their CPU time. */
  readonly descheduledFrameToInput: number
  /** From the first frame until input: wall time with no task on the main thread. */
  readonly idleFrameToInput: number
}

/** One event of a Chromium trace, as far as the benches read it. */
export interface TraceEvent {
  readonly name: string
  readonly ph: string
  readonly pid: number
  readonly tid: number
  readonly ts: number
  readonly dur?: number
  readonly tdur?: number
  readonly args?: { readonly name?: string }
}

/** The trace's top-level tasks on the main thread of the page that marked `mark`, and its marks. */
export function mainThreadOf(events: ReadonlyArray<TraceEvent>, mark: string): MainThreadLoad | null {
  const input = events.find((event) => event.name === mark)
  if (input === undefined) return null
  const ofPage = (name: string) => events.filter((event) => event.name === name && event.pid === input.pid)
  const navigation = ofPage('navigationStart').at(-1)
  const frame = ofPage('firstContentfulPaint')[0]
  const tasks = rendererMainTasks(events, input.pid)
  if (navigation === undefined || frame === undefined || tasks === null) return null
  // A task counts toward the span it starts in; trace times are in microseconds.
  const cpu = (from: number, to: number) =>
    tasks.filter((task) => task.ts >= from && task.ts < to).reduce((sum, task) => sum + (task.tdur ?? 0), 0) /
    1000
  // Wall time the main thread spent in tasks from the first frame until input (the task that
  // marks input counts until the mark): what of it was not CPU time, the thread waited for a core.
  const busy =
    tasks
      .filter((task) => task.ts + (task.dur ?? 0) > frame.ts && task.ts < input.ts)
      .reduce(
        (sum, task) => sum + Math.min(task.ts + (task.dur ?? 0), input.ts) - Math.max(task.ts, frame.ts),
        0,
      ) / 1000
  const wall = (input.ts - frame.ts) / 1000
  const cpuFrameToInput = cpu(frame.ts, input.ts)
  return {
    cpuBeforeFrame: cpu(navigation.ts, frame.ts),
    cpuFrameToInput,
    wallFrameToInput: wall,
    descheduledFrameToInput: Math.max(0, busy - cpuFrameToInput),
    idleFrameToInput: Math.max(0, wall - busy),
  }
}

/** The top-level tasks of renderer process `pid`'s main thread, or null when the trace has no such thread. */
export function rendererMainTasks(events: ReadonlyArray<TraceEvent>, pid: number): TraceEvent[] | null {
  const main = events.find(
    (event) => event.name === 'thread_name' && event.pid === pid && event.args?.name === 'CrRendererMain',
  )
  if (main === undefined) return null
  return events.filter(
    (event) =>
      event.ph === 'X' &&
      event.name === 'ThreadControllerImpl::RunTask' &&
      event.pid === pid &&
      event.tid === main.tid,
  )
}

/** Load `url` cold in a new tab of `context` with Chromium tracing the load. */
export async function tracedLoad(
  context: BrowserContext,
  url: string,
  mark: string,
  settled: (page: Page) => Promise<unknown>,
): Promise<MainThreadLoad | null> {
  const browser = context.browser()
  if (browser === null) return null
  const dir = mkdtempSync(join(tmpdir(), 'standby-ui-trace-'))
  const page = await context.newPage()
  try {
    const cdp = await context.newCDPSession(page)
    await cdp.send('Network.enable')
    await cdp.send('Network.clearBrowserCache')
    await cdp.detach()
    const path = join(dir, 'trace.json')
    await browser.startTracing(undefined, {
      path,
      categories: ['toplevel', 'devtools.timeline', 'blink.user_timing', 'loading'],
    })
    try {
      const ready = settled(page)
      await page.goto(url, { waitUntil: 'commit' })
      await ready
      await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, mark)
    } finally {
      await browser.stopTracing()
    }
    const trace = JSON.parse(readFileSync(path, 'utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[]
    return mainThreadOf(Array.isArray(trace) ? trace : (trace.traceEvents ?? []), mark)
  } finally {
    await page.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The lines bench/ui.ts prints for `loads`. */
export function formatMainThread(loads: ReadonlyArray<MainThreadLoad>): string[] {
  if (loads.length === 0) return ['main-thread CPU: no traced load could be read']
  const of = (key: keyof MainThreadLoad) => ms(median(loads.map((load) => load[key])))
  return [
    `main-thread CPU (${loads.length} traced cold loads, medians): before the first frame ${of('cpuBeforeFrame')}; from the first frame until it responds to input ${of('cpuFrameToInput')}, spread over ${of('wallFrameToInput')} of wall time`,
    `  of that wall time, inside the main thread's tasks but not running (waiting for a core) ${of('descheduledFrameToInput')}; no task at all (waiting for the start chunk's bytes and its compile on another thread) ${of('idleFrameToInput')}`,
  ]
}
