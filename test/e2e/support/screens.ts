/**
 * Every main screen, checked the same way in both themes: axe-core finds no WCAG 2.1 A or AA
 * violation, and a screenshot goes under test-results/screens/ on every run.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import axe from 'axe-core'
import type { Page } from 'playwright'

/** Where the screenshots go. */
export const SCREENS_DIR = join(process.cwd(), 'test-results', 'screens')

/** The rules checked: WCAG 2.0 and 2.1, levels A and AA. */
export const WCAG_TAGS: ReadonlyArray<string> = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

/** What axe checks: the WCAG tags, and one rule axe leaves off by default. */
const RUN_OPTIONS: axe.RunOptions = {
  runOnly: { type: 'tag', values: [...WCAG_TAGS] },
  // Label in name (WCAG 2.5.3) is still experimental in axe, so off unless asked for.
  rules: { 'label-content-name-mismatch': { enabled: true } },
}

/**
 * One line per violation and element, saying what to fix where. axe-core is put into the page once
 * and run there: the app has no frames, and @axe-core/playwright's default run put axe into the
 * page again and opened a new tab to gather its results on every check, which on a busy machine
 * was most of an e2e test's time.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const present = await page.evaluate(
    () => typeof (window as { axe?: { run?: unknown } }).axe?.run === 'function',
  )
  if (!present) await page.evaluate(axe.source)
  const { violations } = await page.evaluate(
    (options) => (window as unknown as { axe: typeof axe }).axe.run(document, options),
    RUN_OPTIONS,
  )
  return violations.flatMap((violation) =>
    violation.nodes.map(
      (node) =>
        `${violation.id}: ${node.failureSummary?.replaceAll('\n', ' ') ?? violation.help} at ${node.target.join(' ')}`,
    ),
  )
}

/**
 * Check the page as it is now in the light and the dark theme: throws with every accessibility
 * violation found, after saving `name-light.png` and `name-dark.png`.
 */
export async function checkScreen(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENS_DIR, { recursive: true })
  const found: string[] = []
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme })
    await page.screenshot({ path: join(SCREENS_DIR, `${name}-${colorScheme}.png`), animations: 'disabled' })
    found.push(...(await accessibilityViolations(page)).map((line) => `${colorScheme}: ${line}`))
  }
  await page.emulateMedia({ colorScheme: 'light' })
  if (found.length > 0)
    throw new Error(`${name}: ${found.length} accessibility violations\n${found.join('\n')}`)
}
