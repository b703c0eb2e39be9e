/**
 * A History of long descriptions comes to the window in pages cut by their size, each of a few
 * rows: scrolling down reads them one after another to the last row, and the count then says all
 * are in, where a page shorter than a full one was taken for the end.
 */
import { expect, it } from 'vitest'
import { MAIN_WINDOW_SIZE } from '../../src/shared/window-sizes'
import { longPast } from '../support/long-history'
import { useOfflineWindow } from './support/offline-window'

const openWindow = useOfflineWindow()
const COUNT = 60

it('reads every page of a History of long descriptions as the list is scrolled to its end', async () => {
  const sessions = Array.from({ length: COUNT }, (_, n) => longPast(n))
  const page = await openWindow({ sessions }, MAIN_WINDOW_SIZE)
  await page.getByRole('button', { name: /^History/ }).click()
  const list = page.getByRole('list', { name: 'Past sessions' })
  await list.getByRole('listitem').first().waitFor()
  // Scrolled to the end at every frame until the count under the title says no more are to read.
  const counted = await list.evaluate(async (viewport) => {
    const count = () => document.querySelector('.view-header p')?.textContent ?? ''
    while (!/^\d+ past sessions$/.test(count())) {
      viewport.scrollTop = viewport.scrollHeight
      await new Promise((resolve) => requestAnimationFrame(resolve))
    }
    return count()
  })
  expect(counted).toBe(`${COUNT} past sessions`)
  // And the last of them is there to scroll to.
  await list.evaluate((element) => (element.scrollTop = element.scrollHeight))
  await list.locator(`.virtual-row[aria-posinset="${COUNT}"]`).waitFor()
})
