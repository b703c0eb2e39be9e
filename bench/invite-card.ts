/**
 * Invite created → card visible, in Chromium against the browser shell signed in to a real
 * platform: the time from just before the admin call that creates a direct instant invite until
 * its card is in the page's DOM, as a MutationObserver in the page sees it. Both ends read the
 * machine's wall clock (`performance.timeOrigin + performance.now()`); the bench prints how far
 * the page's reading sits from its own. Raw baseline, in the same run and interleaved in blocks
 * (bench/blocks.ts): a plain `ws` server pushing a small JSON message to a minimal page that
 * inserts the same card markup (bench/card-baseline.ts). Every wait is bounded and names what did not happen
 * (bench/observed-page.ts); everything opened is closed on the way out.
 */
import { MAIN_WINDOW_SIZE } from '../src/shared/window-sizes'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright'
import { hashPassword } from '../server/src/auth'
import { MemoryLogger } from '../server/src/logger'
import { startPlatformServer, type PlatformServer } from '../server/src/platform-server'
import { startBrowserShell, type BrowserShell } from '../src/browser-shell/browser-shell'
import { createFileSecrets, NODE_DATA_FILES } from '../src/main/node/adapters'
import { systemClock } from '../src/shared/clock'
import type { PlatformEvent } from '../src/shared/protocol'
import { adminFetch } from '../test/support/admin-api'
import { baselineRound, startBaseline } from './card-baseline'
import { bounded, now, ObservedPage, WAIT_MS } from './observed-page'
import { countPageWork, formatPageWork } from './page-work'
import { blockHeadlines, formatBlocks, latencySide, runBlocks } from './blocks'
import type { Headline } from './headline'
import { median, ms, percentile } from './stats'

const WARMUP = 10
const BLOCKS = 10
const ROUNDS_PER_BLOCK = 10
const silent = { info: () => {}, warn: () => {}, error: () => {} }

/** The platform, an expert signed in to it through a browser shell, and the shell's page. */
interface StandbySide {
  readonly platform: PlatformServer
  readonly shell: BrowserShell
  readonly expertId: string
  readonly clientId: string
  readonly page: ObservedPage
}

async function startStandby(
  browser: Browser,
  dir: string,
  closers: Array<() => Promise<unknown>>,
): Promise<StandbySide> {
  const platform = await startPlatformServer({
    port: 0,
    dbPath: join(dir, 'platform.db'),
    logger: new MemoryLogger(),
    clock: systemClock,
  })
  closers.push(() => platform.close())
  const expertId = platform.marketplace.createExpert({
    name: 'Bench Expert',
    email: 'bench-card@example.test',
    passwordHash: await hashPassword('bench'),
    timeZone: 'UTC',
  })
  const clientId = platform.marketplace.createClient({ name: 'Bench Client', timeZone: 'UTC' })
  const dataDir = join(dir, 'shell')
  await createFileSecrets({ path: join(dataDir, NODE_DATA_FILES.signIn), log: silent }).save({
    platformUrl: platform.url,
    token: platform.tokens.issue(expertId, Date.now()),
    expertId,
  })
  const shell = await startBrowserShell({
    dataDir,
    rendererDir: join(process.cwd(), 'out', 'renderer'),
    log: silent,
    out: { write: () => true },
    clock: systemClock,
    version: 'bench',
  })
  closers.push(() => shell.close())
  const core = shell.runtime.core
  await bounded(
    new Promise<void>((resolve) => {
      if (core.connection.status === 'online') return resolve()
      const off = core.states.add((state) => {
        if (state.status !== 'online') return
        off()
        resolve()
      })
    }),
    () => `The browser shell's core did not go online (it is ${JSON.stringify(core.connection)})`,
  )
  const context = await browser.newContext({ viewport: { ...MAIN_WINDOW_SIZE } })
  closers.push(() => context.close())
  const page = await ObservedPage.open(context, shell.url, 'Standby')
  await bounded(
    page.page.getByRole('status').filter({ hasText: 'Online' }).waitFor({ timeout: WAIT_MS }),
    () => 'The Standby page did not show "Online"',
  )
  return { platform, shell, expertId, clientId, page }
}

/** One invite through Standby, from the admin call: when the core applied it, when its card showed. */
interface StandbyTimes {
  readonly applied: number
  readonly shown: number
  /** The card's markup as the page rendered it, for the baseline to insert. */
  readonly card: string
}

/** Resolve with this process's time when the core has applied the invite titled `title`. */
function appliedByCore(shell: BrowserShell, title: string): Promise<number> {
  const core = shell.runtime.core
  let off = (): void => {}
  const applied = bounded(
    new Promise<number>((resolve) => {
      off = core.cacheChanged.add((update) => {
        const mine = (event: PlatformEvent): boolean =>
          event.type === 'invite.created' && event.payload.invite.request.title === title
        if (update.kind === 'events' && update.events.some(mine)) resolve(now())
      })
    }),
    () => `The core did not apply the invite “${title}” (it is ${core.connection.status})`,
  )
  void applied.then(off, off)
  return applied
}

/** One invite through Standby: created, applied by the core, shown, withdrawn, gone. */
async function standbyRound(side: StandbySide, round: number): Promise<StandbyTimes> {
  const title = `Bench invite ${round}`
  const state = (): string => `the core is ${side.shell.runtime.core.connection.status}`
  const shown = side.page.next('shown', title, state)
  const applied = appliedByCore(side.shell, title)
  const started = now()
  const response = await adminFetch(side.platform, 'POST', '/admin/requests', {
    clientId: side.clientId,
    title,
    description: 'A request of ordinary size: a few sentences describing what is wrong and what was tried.',
    kind: 'instant',
    direct: { expertId: side.expertId, via: 'dashboard' },
  })
  if (!response.ok)
    throw new Error(`The admin call to create an invite failed: ${response.status} ${await response.text()}`)
  const { request } = (await response.json()) as { request: { id: string } }
  const [appliedAt, shownAt] = await Promise.all([applied, shown])
  const card = await side.page.page
    .getByRole('article', { name: title, exact: true })
    .evaluate((element) => element.outerHTML)
  const gone = side.page.next('gone', title, state)
  const withdrawn = await adminFetch(side.platform, 'POST', `/admin/requests/${request.id}/withdraw`)
  if (!withdrawn.ok) throw new Error(`The admin call to withdraw an invite failed: ${withdrawn.status}`)
  await gone
  return { applied: appliedAt - started, shown: shownAt - started, card }
}

/** Run the invite → card figure with `browser`; prints it, returns its headlines, throws with what failed. */
export async function inviteToCard(browser: Browser): Promise<ReadonlyArray<Headline>> {
  const dir = mkdtempSync(join(tmpdir(), 'standby-bench-card-'))
  const closers: Array<() => Promise<unknown>> = []
  try {
    const standby = await startStandby(browser, dir, closers)
    let card = ''
    for (let round = 0; round < WARMUP; round++) card = (await standbyRound(standby, round)).card
    const baseline = await startBaseline(browser, card, closers)
    for (let round = 0; round < WARMUP; round++) await baselineRound(baseline, round)
    const app: StandbyTimes[] = []
    const ours = latencySide('Standby', ROUNDS_PER_BLOCK, async (round) => {
      const times = await standbyRound(standby, WARMUP + round)
      app.push(times)
      return times.shown
    })
    const raw = latencySide('plain ws page', ROUNDS_PER_BLOCK, (round) =>
      baselineRound(baseline, WARMUP + round),
    )
    // The warm-up rounds above already ran; every block counts.
    const work = await countPageWork(standby.page.page)
    const result = await runBlocks({ ours, baseline: raw, blocks: BLOCKS, warmup: 0 })
    const spent = await work.since()
    const clocks = await standby.page.clockOffset()
    const shown = ours.all
    const applied = app.map((times) => times.applied)
    const pushed = app.map((times) => times.shown - times.applied)
    const figures = (values: ReadonlyArray<number>): string =>
      `p50 ${ms(median(values))}  p95 ${ms(percentile(values, 95))}  p99 ${ms(percentile(values, 99))}`
    console.log(
      `  (c) invite created → card visible (${shown.length} direct instant invites in ${BLOCKS} blocks per side, after ${WARMUP} unmeasured):`,
    )
    for (const line of formatBlocks(result)) console.log(`      ${line}`)
    const p99 = percentile(shown, 99)
    console.log(`      plain ws + minimal page (baseline)  ${figures(raw.all)}`)
    console.log(
      `      Standby: admin call → card in DOM   ${figures(shown)}  (target p99 < 30 ms: ${p99 < 30 ? 'met' : 'NOT met'})`,
    )
    console.log(`        of which admin call → core applied ${figures(applied)}`)
    console.log(`        and core applied → card in DOM     ${figures(pushed)}`)
    // Each round is a card shown and withdrawn, plus the bench's own reads of the page (the
    // card's markup, the observer's reports), the same in every build: what changes between
    // builds is the app's work.
    console.log(
      `        the page's work per round (shown, then withdrawn): ${formatPageWork(spent, app.length)}`,
    )
    console.log(
      `      page clock − bench clock: ${ms(clocks.offset)} (± ${ms(clocks.within)}); platform, shell and bench share one Node process`,
    )
    return [
      ...blockHeadlines('invite -> card', result),
      { name: 'invite -> card p99, Standby, all rounds', value: p99, unit: 'ms' },
    ]
  } finally {
    for (const close of closers.reverse()) {
      await bounded(close(), () => 'A server or page of the invite → card bench did not close').catch(
        (error: unknown) => console.log(`      ${error instanceof Error ? error.message : String(error)}`),
      )
    }
    rmSync(dir, { recursive: true, force: true })
  }
}
