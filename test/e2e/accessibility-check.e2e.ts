/**
 * The accessibility check every screen goes through finds what it is meant to find: a page with
 * known WCAG failures is refused in both themes with each rule named, a clean one passes, and a
 * page reloaded after a check is checked again rather than passing on a stale result, and elements
 * a screen leaves out are the only ones passed over.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright'
import { launchChromium } from './support/harness'
import { accessibilityViolations, checkScreen } from './support/screens'

let browser: Browser
let page: Page

beforeAll(async () => {
  browser = await launchChromium()
  page = await browser.newPage()
})
afterAll(async () => {
  await browser.close()
})

const BROKEN = `<!doctype html><html lang="en"><head><title>Broken</title>
<style>.faint { color: #ddd } @media (prefers-color-scheme: dark) { body { background: #000 } .faint { color: #222 } }</style></head>
<body><main><h1>Broken</h1>
<p class="faint">Faint text</p>
<button></button>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
</main></body></html>`

const CLEAN = `<!doctype html><html lang="en"><head><title>Clean</title></head>
<body><main><h1>Clean</h1><p>Readable text</p><button>Join</button></main></body></html>`

it('refuses a page with WCAG failures in both themes, naming each rule', async () => {
  await page.setContent(BROKEN)
  const error = await checkScreen(page, 'accessibility-check-broken').then(
    () => undefined,
    (e: unknown) => e as Error,
  )
  expect(error?.message).toMatch(/^accessibility-check-broken: \d+ accessibility violations/)
  for (const theme of ['light', 'dark'])
    for (const rule of ['color-contrast', 'button-name', 'image-alt'])
      expect(error?.message).toContain(`${theme}: ${rule}:`)
})

it('passes a clean page, and checks a reloaded page again', async () => {
  await page.setContent(CLEAN)
  await checkScreen(page, 'accessibility-check-clean')
  await page.setContent(BROKEN)
  expect(await accessibilityViolations(page)).toContainEqual(expect.stringMatching(/^button-name: /))
})

it('passes over only the elements a screen leaves out, and still finds the rest', async () => {
  await page.setContent(BROKEN)
  const found = await accessibilityViolations(page, ['button'])
  expect(found).not.toContainEqual(expect.stringMatching(/^button-name: /))
  expect(found).toContainEqual(expect.stringMatching(/^image-alt: /))
  expect(found).toContainEqual(expect.stringMatching(/^color-contrast: /))
})
