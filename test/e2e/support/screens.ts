/**
 * Every main screen, checked the same way in both themes: axe-core finds no WCAG 2.1 A or AA
 * violation, nothing is wider than the window, and a screenshot goes under test-results/screens/
 * on every run.
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
export async function accessibilityViolations(
  page: Page,
  leaveOut: readonly string[] = [],
): Promise<string[]> {
  const present = await page.evaluate(
    () => typeof (window as { axe?: { run?: unknown } }).axe?.run === 'function',
  )
  if (!present) await page.evaluate(axe.source)
  const { violations } = await page.evaluate(
    ({ options, exclude }) =>
      (window as unknown as { axe: typeof axe }).axe.run(
        exclude.length === 0 ? document : { exclude: exclude.map((selector) => [selector]) },
        options,
      ),
    { options: RUN_OPTIONS, exclude: [...leaveOut] },
  )
  return violations.flatMap((violation) =>
    violation.nodes.map(
      (node) =>
        `${violation.id}: ${node.failureSummary?.replaceAll('\n', ' ') ?? violation.help} at ${node.target.join(' ')}`,
    ),
  )
}

/**
 * One line per element that reaches past the window's left or right edge, and per scrolling box
 * that scrolls sideways: the expert would have to scroll to read it, or could not reach it at all
 * (a row's button beyond a list's edge). Text hidden for screen readers only is left out.
 */
export async function sidewaysOverflows(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = []
    const width = document.documentElement.clientWidth
    const describe = (element: Element): string =>
      `<${element.tagName.toLowerCase()} class="${element.getAttribute('class') ?? ''}"> “${(element.textContent ?? '').trim().slice(0, 40)}”`
    for (const element of Array.from(document.body.querySelectorAll('*'))) {
      const box = element.getBoundingClientRect()
      if (box.width === 0 || box.height === 0 || element.closest('.visually-hidden') !== null) continue
      if (box.left < -0.5 || box.right > width + 0.5)
        found.push(
          `${describe(element)} spans ${Math.round(box.left)}–${Math.round(box.right)} px of ${width}`,
        )
      const { overflowX } = getComputedStyle(element)
      if ((overflowX === 'auto' || overflowX === 'scroll') && element.scrollWidth > element.clientWidth + 1)
        found.push(
          `${describe(element)} scrolls sideways: ${element.scrollWidth} px in ${element.clientWidth}`,
        )
    }
    return found
  })
}

/**
 * One line per part of a virtual list's row that reaches past one of the row's edges: the list
 * places its rows at a height it was told, and a layout taller than that overlaps the next row; a
 * part wider than its row loses its end (a button, an amount) behind the row's edge. The rows' own
 * `overflow` would hide either, so every part is measured.
 */
export async function rowPartsOutside(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = []
    for (const row of Array.from(document.querySelectorAll('.virtual-row'))) {
      const box = row.getBoundingClientRect()
      for (const part of Array.from(row.querySelectorAll('*'))) {
        const inner = part.getBoundingClientRect()
        if (inner.height === 0 || inner.width === 0 || part.closest('.visually-hidden') !== null) continue
        const name = `<${part.tagName.toLowerCase()} class="${part.getAttribute('class') ?? ''}"> “${(part.textContent ?? '').trim().slice(0, 40)}”`
        if (inner.top < box.top - 0.5 || inner.bottom > box.bottom + 0.5)
          found.push(
            `${name} spans ${Math.round(inner.top - box.top)}–${Math.round(inner.bottom - box.top)} px of a ${Math.round(box.height)} px row`,
          )
        if (inner.left < box.left - 0.5 || inner.right > box.right + 0.5)
          found.push(
            `${name} spans ${Math.round(inner.left - box.left)}–${Math.round(inner.right - box.left)} px across a ${Math.round(box.width)} px row`,
          )
      }
    }
    return found
  })
}

/**
 * Check the page as it is now in the light and the dark theme: throws with every accessibility
 * violation found, and everything that does not fit the window's width, after saving
 * `name-light.png` and `name-dark.png`. `leaveOut` names elements axe passes over: for a screen
 * whose hundreds of identical rows another screen already checks, as axe's contrast rule takes
 * long enough per row to decide a test's time on a busy machine; the overflow check still sees them.
 */
export async function checkScreen(page: Page, name: string, leaveOut: readonly string[] = []): Promise<void> {
  mkdirSync(SCREENS_DIR, { recursive: true })
  const found: string[] = []
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme })
    await page.screenshot({ path: join(SCREENS_DIR, `${name}-${colorScheme}.png`), animations: 'disabled' })
    found.push(...(await accessibilityViolations(page, leaveOut)).map((line) => `${colorScheme}: ${line}`))
  }
  await page.emulateMedia({ colorScheme: 'light' })
  if (found.length > 0)
    throw new Error(`${name}: ${found.length} accessibility violations\n${found.join('\n')}`)
  const overflows = await sidewaysOverflows(page)
  if (overflows.length > 0)
    throw new Error(`${name}: ${overflows.length} things wider than the window\n${overflows.join('\n')}`)
}
