/** What a thread's log shows, as an expert looking at it would tell. */
import type { Locator } from 'playwright'

/** Whether the message saying `text` is on screen within the thread's box, whole. */
export function shownWhole(log: Locator, text: string): Promise<boolean> {
  return log.evaluate((element, wanted) => {
    const row = Array.from(element.querySelectorAll('li')).find((li) => li.textContent?.includes(wanted))
    if (row === undefined) return false
    const box = element.getBoundingClientRect()
    const it = row.getBoundingClientRect()
    // A pixel of slack: the boxes' edges fall on fractions of a pixel.
    return it.top >= box.top - 1 && it.bottom <= box.bottom + 1
  }, text)
}
