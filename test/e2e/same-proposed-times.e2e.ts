/**
 * A platform that sends one proposed time several times over, and out of order (the protocol
 * allows up to five times, and says nothing of repeats): the card offers each time once, in order,
 * with one Book each, and booking it says what was booked.
 */
import { expect, it } from 'vitest'
import { useE2e } from './support/fixture'
import { pageDayTime } from './support/harness'

const world = useE2e()
const HOUR = 3_600_000

it('offers a proposed time sent five times over once, in order with the others', async () => {
  const { platform, expert, shell, open } = await world()
  const ada = expert('Ada Byron', ['react'])
  const now = platform.clock.now()
  const { marketplace } = platform.server
  const { request } = marketplace.createRequest({
    clientId: platform.addClient('Mei Chen'),
    title: 'Review a database schema',
    kind: 'scheduled',
    proposedTimes: [now + HOUR, now + 2 * HOUR],
    direct: { expertId: ada.id, via: 'profile' },
  })
  // What the platform holds before the app first reads it: the later time first, the earlier four times.
  const [early, late] = [now + HOUR, now + 2 * HOUR]
  marketplace.db
    .prepare('UPDATE requests SET proposed_times = ? WHERE id = ?')
    .run(JSON.stringify([late, early, early, early, early]), request.id)

  const page = await open(await shell(ada))
  const card = page.getByRole('article', { name: request.title })
  const books = card.getByRole('button', { name: /^Book/ })
  await books.first().waitFor()
  expect(
    await books.evaluateAll((buttons) => buttons.map((button) => button.getAttribute('aria-label'))),
  ).toEqual([`Book ${pageDayTime(early)}`, `Book ${pageDayTime(late)}`])
  await books.first().click()
  await page
    .getByRole('status')
    .getByText(`Booked: ${request.title}, ${pageDayTime(early)}`)
    .waitFor()
})

it('offers five proposed times within one minute as one, and books the first of them', async () => {
  const { platform, expert, shell, open } = await world()
  const ada = expert('Ada Byron', ['react'])
  const now = platform.clock.now()
  const { marketplace } = platform.server
  // On the hour, then seconds after it: five times the card writes alike.
  const minute = Math.ceil((now + HOUR) / HOUR) * HOUR
  const { request } = marketplace.createRequest({
    clientId: platform.addClient('Mei Chen'),
    title: 'Review a database schema',
    kind: 'scheduled',
    proposedTimes: [minute],
    direct: { expertId: ada.id, via: 'profile' },
  })
  const sameMinute = [0, 10_000, 20_000, 30_000, 59_999].map((seconds) => minute + seconds)
  marketplace.db
    .prepare('UPDATE requests SET proposed_times = ? WHERE id = ?')
    .run(JSON.stringify(sameMinute), request.id)

  const running = await shell(ada)
  const popover = await open(running, { popover: true })
  const page = await open(running)
  for (const shown of [popover, page]) {
    const card = shown.getByRole('article', { name: request.title })
    const books = card.getByRole('button', { name: /^Book/ })
    await books.first().waitFor()
    expect(
      await books.evaluateAll((buttons) => buttons.map((button) => button.getAttribute('aria-label'))),
    ).toEqual([`Book ${pageDayTime(minute)}`])
    expect(await card.getByRole('heading', { name: /^Proposed time\b/ }).innerText()).not.toMatch(/times/)
  }
  await page.getByRole('button', { name: `Book ${pageDayTime(minute)}` }).click()
  await page
    .getByRole('status')
    .getByText(`Booked: ${request.title}, ${pageDayTime(minute)}`)
    .waitFor()
  const booked = marketplace.db
    .prepare('SELECT booked_start FROM sessions WHERE request_id = ?')
    .pluck()
    .get(request.id)
  expect(booked).toBe(minute)
})
