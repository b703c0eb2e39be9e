/**
 * What a screen reader is given to read out in a page: the text of every element added inside a
 * live region that is not off, recorded from when `watchReadOut` is called.
 */
import type { Page } from 'playwright'

/** Starts recording what `page` gives a screen reader to read out. */
export async function watchReadOut(page: Page): Promise<void> {
  await page.evaluate(() => {
    const readOut: string[] = []
    Object.assign(window, { readOut })
    new MutationObserver((records) => {
      for (const node of records.flatMap((record) => Array.from(record.addedNodes))) {
        if (!(node instanceof HTMLElement)) continue
        const live = node.closest('[aria-live]')?.getAttribute('aria-live')
        if (live !== undefined && live !== null && live !== 'off') readOut.push(node.textContent ?? '')
      }
    }).observe(document.body, { childList: true, subtree: true })
  })
}

/** What `page` gave to read out since `watchReadOut`, of the texts matching `about`. */
export async function readOutSoFar(page: Page, about: RegExp): Promise<string[]> {
  const readOut = await page.evaluate(() => (window as unknown as { readOut: string[] }).readOut)
  return readOut.filter((text) => about.test(text))
}
