/**
 * The main-thread work of one Chromium page over a stretch of a bench, from Chromium's own
 * counters (CDP `Performance.getMetrics`): task, script, style and layout time. A latency also
 * holds the other processes' turns on a shared 2-core machine; this is the page's own work only,
 * though in wall time, so a busy machine still stretches it: compare builds run in turn.
 */
import type { Page } from 'playwright'
import { ms } from './stats'

/** Seconds of main-thread time by Chromium's counter name. */
type Counters = ReadonlyMap<string, number>

/** Main-thread time spent, in ms, by Chromium's counter name. */
export interface WorkSpent {
  readonly TaskDuration: number
  readonly ScriptDuration: number
  readonly RecalcStyleDuration: number
  readonly LayoutDuration: number
}

/** A page's counters from now on: `since()` gives the work done meanwhile. */
export interface PageWork {
  since(): Promise<WorkSpent>
}

/** Start counting `page`'s main-thread work. */
export async function countPageWork(page: Page): Promise<PageWork> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable')
  const read = async (): Promise<Counters> => {
    const { metrics } = await cdp.send('Performance.getMetrics')
    return new Map(metrics.map((metric) => [metric.name, metric.value]))
  }
  const start = await read()
  return {
    async since() {
      const end = await read()
      const spent = (name: string): number => ((end.get(name) ?? 0) - (start.get(name) ?? 0)) * 1000
      return {
        TaskDuration: spent('TaskDuration'),
        ScriptDuration: spent('ScriptDuration'),
        RecalcStyleDuration: spent('RecalcStyleDuration'),
        LayoutDuration: spent('LayoutDuration'),
      }
    },
  }
}

/** One line: the work per round of `rounds`. */
export function formatPageWork(work: WorkSpent, rounds: number): string {
  const per = (value: number): string => ms(value / rounds)
  return `main-thread tasks ${per(work.TaskDuration)}, of which script ${per(work.ScriptDuration)}, style ${per(work.RecalcStyleDuration)}, layout ${per(work.LayoutDuration)}`
}
