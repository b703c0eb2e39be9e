/**
 * The Chromium that the tests and the UI bench drive loads the app's pages and nothing of its own:
 * a page of the browser's UI loading beside the window would take the same cores as the window.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Browser } from 'playwright'
import { launchChromium } from './support/harness'

let browser: Browser

beforeAll(async () => {
  browser = await launchChromium()
})

afterAll(async () => {
  await browser.close()
})

it('opens a tab without loading any page of the browser UI beside it', async () => {
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto('data:text/html,<!doctype html><title>tab</title><p>Standby</p>')
  const cdp = await browser.newBrowserCDPSession()
  // An empty filter entry lists every kind of target, the browser's own UI pages included.
  const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{}] })
  await cdp.detach()
  await context.close()
  expect(targetInfos.filter((target) => target.type === 'browser_ui').map((target) => target.url)).toEqual([])
})
