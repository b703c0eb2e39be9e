/**
 * A page of the invite → card bench: a MutationObserver installed before the page's own scripts
 * reports each invite card that enters or leaves its DOM, with the page's wall time, to this
 * process. Every wait is bounded and names what did not happen.
 */
import type { BrowserContext, Page } from 'playwright'

/** Bounds every wait: far above any latency worth measuring, short enough to fail clearly. */
export const WAIT_MS = 15_000

/** This process's wall clock, read as the page reads its own. */
export const now = (): number => performance.timeOrigin + performance.now()

/**
 * Installed in each page before its own scripts: reports every invite card title that enters or
 * leaves the DOM, with the wall time the mutation was seen. A string, so tsx adds no helper the
 * page does not have.
 */
const CARD_OBSERVER = `(() => {
  let present = new Set()
  new MutationObserver(() => {
    const at = performance.timeOrigin + performance.now()
    const report = window.standbyBenchCard
    if (typeof report !== 'function') return
    const titles = new Set()
    for (const title of document.querySelectorAll('article.invite .invite-title')) titles.add(title.textContent)
    for (const title of titles) if (!present.has(title)) report('shown', title, at)
    for (const title of present) if (!titles.has(title)) report('gone', title, at)
    present = titles
  }).observe(document, { childList: true, subtree: true, characterData: true })
})()`

/** Resolve with `promise`, or reject naming `what` once `WAIT_MS` pass first. */
export function bounded<T>(promise: Promise<T>, what: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what()} within ${WAIT_MS / 1000} s`)), WAIT_MS)
  })
  const result = Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
  // A wait set up before a step that then failed is never awaited: its own timeout must not
  // crash the process with an unhandled rejection while the bench is closing what it opened.
  result.catch(() => {})
  return result
}

/** A page whose card observer reports to this process. */
export class ObservedPage {
  private readonly waiters = new Map<string, (at: number) => void>()

  private constructor(
    readonly page: Page,
    readonly name: string,
  ) {}

  /** Open `url` in `context` with the observer installed before the page's scripts. */
  static async open(context: BrowserContext, url: string, name: string): Promise<ObservedPage> {
    const page = await context.newPage()
    const observed = new ObservedPage(page, name)
    await page.exposeBinding('standbyBenchCard', (_source, kind: string, title: string, at: number) => {
      const waiter = observed.waiters.get(`${kind} ${title}`)
      observed.waiters.delete(`${kind} ${title}`)
      waiter?.(at)
    })
    await page.addInitScript(CARD_OBSERVER)
    await page.goto(url)
    return observed
  }

  /** Resolve with the page's time when the card titled `title` is `kind`; register before causing it. */
  next(kind: 'shown' | 'gone', title: string, hint: () => string): Promise<number> {
    return bounded(
      new Promise<number>((resolve) => this.waiters.set(`${kind} ${title}`, resolve)),
      () => `${this.name}: the card “${title}” was not ${kind === 'shown' ? 'shown' : 'removed'} (${hint()})`,
    )
  }

  /** The page's wall clock minus this process's, from the quickest of a few round trips. */
  async clockOffset(): Promise<{ offset: number; within: number }> {
    let best = { offset: Number.NaN, within: Number.POSITIVE_INFINITY }
    for (let i = 0; i < 5; i++) {
      const sent = now()
      const theirs = await this.page.evaluate('performance.timeOrigin + performance.now()')
      const back = now()
      if ((back - sent) / 2 < best.within)
        best = { offset: Number(theirs) - (sent + back) / 2, within: (back - sent) / 2 }
    }
    return best
  }
}
