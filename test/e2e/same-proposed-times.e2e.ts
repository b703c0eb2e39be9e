/**
 * A platform that sends one proposed time several times over, and out of order (the protocol
 * allows up to five times, and says nothing of repeats): the card offers each time once, in order,
 * with one Book each, and booking it says what was booked.
 */
import { expect, it } from 'vitest'
import { useE2e } from './support/fixture'
import { pageDayTime } from './support/harness'
import { routeIpc } from './support/ipc-route'

const world = useE2e()
const HOUR = 3_600_000
const MINUTE = 60_000

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

it('keeps a minute bookable, and its Book focused, when its first time passes while a later one of it has not', async () => {
  const { platform, expert, shell, open } = await world()
  const ada = expert('Ada Byron', ['react'])
  const { marketplace } = platform.server
  const minute = Math.ceil((platform.clock.now() + 2 * MINUTE) / MINUTE) * MINUTE
  const { request } = marketplace.createRequest({
    clientId: platform.addClient('Mei Chen'),
    title: 'Review a database schema',
    kind: 'scheduled',
    // A minute whose time has passed, then two times of the next minute, the first of them on it.
    proposedTimes: [minute - MINUTE, minute, minute + 30_000],
    direct: { expertId: ada.id, via: 'profile' },
  })

  const page = await open(await shell(ada))
  const card = page.getByRole('article', { name: request.title })
  const book = card.getByRole('button', { name: `Book ${pageDayTime(minute)}` })
  await book.focus()
  // The platform's clock passes the minute's first time; its second is still to come.
  platform.clock.advance(minute + 10_000 - platform.clock.now())
  // The minute before has passed whole: the card has read the platform's new time.
  const passed = card.getByText('This time has passed and can no longer be booked')
  await passed.waitFor()
  expect(await passed.count()).toBe(1)
  expect(await book.isEnabled()).toBe(true)
  expect(await book.evaluate((button) => button === document.activeElement)).toBe(true)
})

it('still says a minute is being booked when the time pressed passes while its booking is on its way', async () => {
  const { platform, expert, shell, open } = await world()
  const ada = expert('Ada Byron', ['react'])
  const minute = Math.ceil((platform.clock.now() + 2 * MINUTE) / MINUTE) * MINUTE
  const { request } = platform.server.marketplace.createRequest({
    clientId: platform.addClient('Mei Chen'),
    title: 'Review a database schema',
    kind: 'scheduled',
    proposedTimes: [minute - MINUTE, minute, minute + 30_000],
    direct: { expertId: ada.id, via: 'profile' },
  })
  // The booking never reaches the shell: it stays on its way for as long as the test looks.
  const beforeLoad = routeIpc({ fromPage: (call) => call.channel !== 'invites.accept' })
  const page = await open(await shell(ada), { beforeLoad })
  const card = page.getByRole('article', { name: request.title })
  await card.getByRole('button', { name: `Book ${pageDayTime(minute)}` }).click()
  const booking = card.getByRole('button', { name: 'Booking…' })
  await booking.waitFor()
  platform.clock.advance(minute + 10_000 - platform.clock.now())
  await card.getByText('This time has passed and can no longer be booked').waitFor()
  // The row now offers the minute's later time; the booking pressed on it is still on its way.
  expect(await booking.count()).toBe(1)
})
