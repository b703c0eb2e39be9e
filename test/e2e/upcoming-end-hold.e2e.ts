/**
 * Upcoming scrolled to its end as a session above is cancelled: the list grows shorter and the
 * browser brings the scroll up itself, and the cards on screen stay where they stood.
 */
import { expect, it } from 'vitest'
import { bookScheduled } from '../support/booking'
import { useE2e } from './support/fixture'
import { frameAlive } from './support/waits'

const world = useE2e()
const MINUTE = 60_000

it('holds the cards still when a session above is cancelled while the list is scrolled to its end', async () => {
  const e2e = await world()
  const ada = e2e.expert('Ada Byron', ['sql'])
  const clientId = e2e.platform.addClient('Sam Okafor')
  // Fewer than the list shows: a card gone takes its height from the list, and the end comes up.
  const booked = 24
  for (let n = 1; n <= booked; n++) {
    const start = e2e.platform.clock.now() + (60 + 30 * n) * MINUTE
    bookScheduled(e2e.platform, { expertId: ada.id, clientId, title: `Report query ${n}`, start })
  }
  const page = await e2e.open(await e2e.shell(ada))
  await frameAlive(page)
  await page.getByRole('button', { name: /^Upcoming/ }).click()
  await page.getByRole('article', { name: /^Report query 1 on / }).waitFor()
  await page.waitForFunction(() => {
    const main = document.querySelector('main')!
    main.scrollTop = main.scrollHeight
    return main.scrollTop > 0 && main.scrollHeight - main.scrollTop - main.clientHeight < 1
  })
  const card = page.getByRole('article', { name: new RegExp(`^Report query ${booked} on `) })
  const before = (await card.boundingBox())!.y
  const sessionId = e2e.platform.server.marketplace.db
    .prepare('SELECT s.id FROM sessions s JOIN requests r ON r.id = s.request_id WHERE r.title = ?')
    .pluck()
    .get('Report query 1') as string
  e2e.platform.server.marketplace.clientCancel(sessionId, 'Found it myself')
  await page
    .locator(`.upcoming-list > li[aria-posinset="${booked - 1}"]`)
    .filter({ has: card })
    .waitFor()
  // The browser already brought the scroll up by the card gone as the list grew shorter: holding
  // the card read from there took the card's height off the scroll a second time.
  expect(Math.abs((await card.boundingBox())!.y - before)).toBeLessThan(1)
})
