/**
 * One test's world: a fresh platform and Chromium-side contexts that are all closed after the
 * test, whatever happened (Mattermost-style guaranteed teardown).
 */
import type { Browser, Page } from 'playwright'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { startTestPlatform, type TestPlatform } from '../../support/test-platform'
import {
  addExpert,
  launchChromium,
  openApp,
  startShell,
  type OpenAppOptions,
  type TestExpert,
  type TestShell,
} from './harness'
import { logTail, reportOnFailure, takeFailureReport } from './failure-report'

/** What a test builds its scenario from. */
export interface E2eWorld {
  readonly platform: TestPlatform
  /** An online expert with these skills. */
  expert(name: string, tags?: string[]): TestExpert
  /** A browser shell for the expert (signed in already), or signed out. */
  shell(expert?: TestExpert): Promise<TestShell>
  /** The app in Chromium (full window, or the popover). */
  open(shell: TestShell, options?: OpenAppOptions): Promise<Page>
}

/** Registers the hooks; call `world()` inside a test for a fresh world. */
export function useE2e(): () => Promise<E2eWorld> {
  let browser: Browser | undefined
  const cleanups: Array<() => Promise<unknown>> = []
  beforeAll(async () => {
    browser = await launchChromium()
  })
  afterEach(async ({ task }) => {
    // Before the teardown, while the shells still show where the test stopped.
    const report = takeFailureReport()
    if (task.result?.state === 'fail') console.error(`What the failed test left behind:\n\n${report}`)
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined)
  })
  afterAll(async () => {
    await browser?.close()
  })
  return async () => {
    const platform = await startTestPlatform()
    cleanups.push(() => platform.close())
    reportOnFailure({
      describe: () =>
        [
          `Platform at ${platform.server.url}, its clock at ${new Date(platform.clock.now()).toISOString()}`,
          'log:',
          logTail(platform.logger.lines),
        ].join('\n'),
    })
    return {
      platform,
      expert: (name, tags = []) => addExpert(platform, name, tags),
      async shell(expert) {
        const shell = await startShell(platform, expert)
        cleanups.push(() => shell.close())
        return shell
      },
      async open(shell, options = {}) {
        if (browser === undefined) throw new Error('Chromium starts in beforeAll')
        const { page, context } = await openApp(browser, shell, options)
        cleanups.push(() => context.close())
        return page
      },
    }
  }
}
