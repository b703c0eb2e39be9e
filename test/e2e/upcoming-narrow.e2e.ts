/**
 * A booked session's card where the window is narrow (as it opens, and the popover): its time and
 * Start share the top row, and the request, its buttons and its thread take the card's whole width
 * under them; the keyboard reaches Start before the buttons below it.
 */
import type { Locator } from 'playwright'
import { expect, it } from 'vitest'
import { bookScheduled } from '../support/booking'
import { useE2e } from './support/fixture'
import { checkScreen } from './support/screens'
import { focusLandsOn, frameAlive } from './support/waits'

const world = useE2e()
const MINUTE = 60_000

/**
 * How much narrower `part` is than the inside of `card` (its width less its padding), in pixels, both
 * read in one layout: read apart, a thread still loading in between (a scrollbar coming) moved one.
 */
async function narrowerThanCard(card: Locator, part: Locator): Promise<number> {
  const inner = await part.elementHandle()
  return card.evaluate((element, within) => {
    const style = getComputedStyle(element)
    const inside = element.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)
    return Math.round(inside - within!.getBoundingClientRect().width)
  }, inner)
}

it('gives a booked session’s request and thread the card’s whole width, under its time and Start', async () => {
  const { platform, expert, shell, open } = await world()
  const ada = expert('Ada Byron', ['sql'])
  const title = 'Slow monthly report query'
  const requestId = bookScheduled(platform, {
    expertId: ada.id,
    clientId: platform.addClient('Sam Okafor'),
    title,
    start: platform.clock.now() + 5 * MINUTE,
  })
  platform.server.marketplace.clientMessage(requestId, ada.id, 'The EXPLAIN output is attached.')
  const running = await shell(ada)

  const page = await open(running)
  // Measured in React's page: the host's first frame may be drawn again, its nodes replaced.
  await frameAlive(page)
  await page.getByRole('button', { name: /^Upcoming/ }).click()
  const card = page.getByRole('article', { name: title })
  await card.getByRole('button', { name: 'Messages with Sam Okafor' }).click()
  const box = card.getByRole('textbox', { name: 'Message to Sam Okafor' })
  await box.waitFor()
  const heading = card.getByRole('heading', { name: title })
  const start = card.getByRole('button', { name: `Start “${title}”` })
  expect(await narrowerThanCard(card, heading)).toBeLessThanOrEqual(1)
  expect(await narrowerThanCard(card, card.getByRole('log'))).toBeLessThanOrEqual(1)
  expect((await start.boundingBox())!.y).toBeLessThan((await heading.boundingBox())!.y)

  // Start, above the buttons, comes before them to the keyboard.
  await card.getByRole('button', { name: 'Add to calendar' }).focus()
  await page.keyboard.press('Shift+Tab')
  await focusLandsOn(start)
  await checkScreen(page, 'upcoming-narrow-thread')

  const popover = await open(running, { popover: true })
  const compact = popover.getByRole('article', { name: title })
  await frameAlive(popover)
  await compact.waitFor()
  expect(await narrowerThanCard(compact, compact.getByRole('heading', { name: title }))).toBeLessThanOrEqual(
    1,
  )
  await checkScreen(popover, 'upcoming-narrow-popover')
})
