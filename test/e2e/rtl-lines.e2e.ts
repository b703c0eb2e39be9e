/**
 * A client who writes in Hebrew or Arabic, alone or under a line in English: each line of the
 * request's description and of their messages reads from the right, aligned to the right, with
 * its closing question mark at its end (on the left), not standing before its first word.
 */
import type { Locator } from 'playwright'
import { expect, it } from 'vitest'
import { useE2e } from './support/fixture'
import { directRequestToAda } from './support/scenario'
import { checkScreen } from './support/screens'

const world = useE2e()

const HEBREW = 'למה השאילתה איטית?'
const ARABIC = 'هل يمكنك المساعدة اليوم؟'

/**
 * Where `line`'s first letter and its closing mark are drawn in `block`, and how far its first
 * letter stands from the block's right edge, in pixels.
 */
function placeOf(block: Locator, line: string) {
  return block.evaluate((element, wanted) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(wanted) ?? -1
      if (at < 0) continue
      const box = (from: number) => {
        const range = document.createRange()
        range.setStart(node, from)
        range.setEnd(node, from + 1)
        return range.getBoundingClientRect()
      }
      const first = box(at)
      const mark = box(at + wanted.length - 1)
      const right = element.getBoundingClientRect().right - parseFloat(getComputedStyle(element).paddingRight)
      return { firstLeft: first.left, markRight: mark.right, fromRight: right - first.right }
    }
    throw new Error(`No line “${wanted}” in the block`)
  }, line)
}

it('lays out each Hebrew and Arabic line from the right, its question mark at its end', async () => {
  const e2e = await world()
  const { ada, page, request } = await directRequestToAda(
    e2e,
    'Slow query after an upgrade',
    `${HEBREW}\nThe plan is attached.\n${ARABIC}`,
  )
  e2e.platform.server.marketplace.clientMessage(request.id, ada.id, `Hello!\n${HEBREW}`)
  e2e.platform.server.marketplace.clientMessage(request.id, ada.id, ARABIC)
  const card = page.getByRole('article', { name: request.title })
  await card.getByRole('button', { name: 'Message client' }).click()
  const log = card.getByRole('log', { name: 'Messages with Mei Chen' })
  await log.getByText(ARABIC).waitFor()

  const description = card.locator('.description-text').first()
  const bubbles = log.getByRole('listitem')
  for (const [block, line] of [
    [description, HEBREW],
    [description, ARABIC],
    [bubbles.nth(0).locator('.bubble-body'), HEBREW],
    [bubbles.nth(1).locator('.bubble-body'), ARABIC],
  ] as const) {
    const place = await placeOf(block, line)
    expect(place.markRight).toBeLessThanOrEqual(place.firstLeft)
    expect(place.fromRight).toBeLessThan(2)
  }
  await checkScreen(page, 'rtl-lines')
})
