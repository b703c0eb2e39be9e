/**
 * Waits on what the page shows, for checks whose answer comes through the shell: each waits for
 * the new state itself with Playwright's own waiting, never for a second of wall time (which a
 * busy machine overruns) and never on a check that the state left on screen before could pass.
 */
import type { Locator, Page } from 'playwright'
import { expect } from 'vitest'

const escaped = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Resolves once `list` holds a row with each of `texts` and no row with none of them, then checks
 * there is one row for each. The list keeps its rows until a new answer replaces them, so this
 * waits for that answer as long as what it asks for differs from what was shown before.
 */
export async function showsOnly(list: Locator, texts: ReadonlyArray<string>): Promise<void> {
  const row = list.page().getByRole('listitem')
  let only = list.filter({ hasNot: row.filter({ hasNotText: new RegExp(texts.map(escaped).join('|')) }) })
  for (const text of texts) only = only.filter({ has: row.filter({ hasText: text }) })
  await only.waitFor()
  expect(await list.getByRole('listitem').count()).toBe(texts.length)
}

/**
 * Resolves once `target` has the keyboard focus (moved there after a render, a chunk or an
 * answer); with `within`, once the focus is on it or inside it.
 */
export function focusLandsOn(target: Locator, { within = false } = {}): Promise<void> {
  return target.and(target.page().locator(within ? ':focus-within' : ':focus')).waitFor()
}

/** Resolves once the page's title is `title` (it follows the count of what needs the expert). */
export async function titleBecomes(page: Page, title: string): Promise<void> {
  await page.waitForFunction((expected) => document.title === expected, title)
}

/** Resolves once the field `box` holds `value` (an answer may change what it holds). */
export async function valueBecomes(box: Locator, value: string): Promise<void> {
  const field = await box.elementHandle()
  await box
    .page()
    .waitForFunction(
      ({ element, expected }) => (element as HTMLInputElement | HTMLTextAreaElement).value === expected,
      { element: field, expected: value },
    )
}

/**
 * Resolves once React has the page: the host's frame hydrated or drawn again, and no longer inert.
 * The frame's markup shows its text before any script runs, so text on screen says nothing of it.
 */
export async function frameAlive(page: Page): Promise<void> {
  await page.locator('html[data-first-frame] #root:not([inert])').waitFor({ state: 'attached' })
}
