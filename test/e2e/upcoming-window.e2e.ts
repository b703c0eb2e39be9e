/**
 * Upcoming with hundreds of sessions booked draws only the cards around what is on screen, and
 * still reads as the whole list: scrolling reaches the last card, the keyboard goes through the
 * cards in order, the focus stays where it was when the expert scrolls away, a session booked
 * above holds still the card being read, the list stands for its cards as they are after the window
 * is narrowed, a card's open thread and its unsent reply are there again when it is drawn again,
 * and the screen passes its checks in both themes.
 */
import type { Locator, Page } from 'playwright'
import { expect, it } from 'vitest'
import { UPCOMING_SESSIONS_LISTED } from '../../src/shared/ipc/list-limits'
import { MAIN_WINDOW_MIN_SIZE } from '../../src/shared/window-sizes'
import { bookScheduled } from '../support/booking'
import { useE2e } from './support/fixture'
import { checkScreen } from './support/screens'
import { focusLandsOn, frameAlive } from './support/waits'

const world = useE2e()
const MINUTE = 60_000

/** Ada's window on Upcoming with more sessions booked than it lists, half an hour apart. */
async function manyBooked() {
  const e2e = await world()
  const ada = e2e.expert('Ada Byron', ['sql'])
  const clientId = e2e.platform.addClient('Sam Okafor')
  for (let n = 0; n <= UPCOMING_SESSIONS_LISTED; n++) {
    const start = e2e.platform.clock.now() + (60 + 30 * n) * MINUTE
    bookScheduled(e2e.platform, { expertId: ada.id, clientId, title: `Report query ${n + 1}`, start })
  }
  const page = await e2e.open(await e2e.shell(ada))
  await frameAlive(page)
  await page.getByRole('button', { name: /^Upcoming/ }).click()
  await page.getByRole('article', { name: titled(1) }).waitFor()
  return { ...e2e, ada, clientId, page }
}

/** A card's name: its title, then its day. */
function titled(n: number): RegExp {
  return new RegExp(`^Report query ${n} on `)
}

/** Scroll the list to its middle and wait for the cards there (about the 100th) to be drawn. */
async function scrollToMiddle(page: Page): Promise<void> {
  await page.evaluate(() => {
    const main = document.querySelector('main')!
    main.scrollTop = main.scrollHeight / 2
  })
  await page
    .getByRole('article', { name: /^Report query (9\d|1[01]\d) on / })
    .first()
    .waitFor()
}

/**
 * Scroll the list to its end, as often as drawing the last cards moves the end, and return the last
 * card's row once it is drawn and says it is the last of the list.
 */
async function scrollToEnd(page: Page): Promise<Locator> {
  await page.waitForFunction(() => {
    const main = document.querySelector('main')!
    main.scrollTop = main.scrollHeight
    return (
      document.querySelector('.upcoming-cut')!.getBoundingClientRect().bottom <=
      main.getBoundingClientRect().bottom
    )
  })
  const last = page
    .getByRole('list', { name: 'Booked sessions' })
    .getByRole('listitem')
    .filter({ has: page.getByRole('article', { name: titled(UPCOMING_SESSIONS_LISTED) }) })
  await last.waitFor()
  expect(await last.getAttribute('aria-posinset')).toBe(String(UPCOMING_SESSIONS_LISTED))
  return last
}

/** Scroll the list back to its top, as often as drawing the first cards moves it. */
async function scrollToTop(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const main = document.querySelector('main')!
    main.scrollTop = 0
    return main.scrollTop === 0 && document.querySelector('.upcoming-list > li[aria-posinset="1"]') !== null
  })
}

/** The place in the list (aria-posinset) of the row holding the keyboard's focus, or 0. */
function focusedPlace(page: Page): Promise<number> {
  return page.evaluate(() =>
    Number(document.activeElement?.closest('.upcoming-list > li')?.getAttribute('aria-posinset') ?? 0),
  )
}

it('draws a window of the cards, reaches the last by scrolling, and says there are more in the sidebar', async () => {
  const { page } = await manyBooked()
  const list = page.getByRole('list', { name: 'Booked sessions' })
  expect(await list.getByRole('article').count()).toBeLessThan(30)
  await expect(
    page.getByRole('button', { name: `Upcoming more than ${UPCOMING_SESSIONS_LISTED}` }).count(),
  ).resolves.toBe(1)

  const last = await scrollToEnd(page)
  expect(await last.getAttribute('aria-setsize')).toBe(String(UPCOMING_SESSIONS_LISTED))
  expect(await list.getByRole('article').count()).toBeLessThan(30)
  await checkScreen(page, 'upcoming-window-end')
})

it('names each card with its day, as the heading above the first card of that day says', async () => {
  const { page } = await manyBooked()
  // Each drawn card's title and the day heading last seen above it, in the list's order.
  const cards = await page.evaluate(() => {
    let day = ''
    return Array.from(document.querySelectorAll('.upcoming-list > li')).map((row) => {
      day = row.querySelector('h2')?.textContent ?? day
      return { title: row.querySelector('.session-title')?.textContent ?? '', day }
    })
  })
  // Cards past each day's first, which hold no heading of their own, are among them.
  expect(cards.length).toBeGreaterThan(2)
  for (const { title, day } of cards)
    expect(await page.getByRole('article', { name: `${title} on ${day}`, exact: true }).count()).toBe(1)
})

it('takes the keyboard through the cards in order, past those drawn at first, and back', async () => {
  const { page } = await manyBooked()
  await page
    .getByRole('article', { name: titled(1) })
    .locator('button:enabled')
    .first()
    .focus()
  const places = [await focusedPlace(page)]
  expect(places).toEqual([1])
  while (places.at(-1)! < 20) {
    await page.keyboard.press('Tab')
    places.push(await focusedPlace(page))
  }
  // Every card in turn: none skipped, none gone back to.
  for (let at = 1; at < places.length; at++) expect(places[at]! - places[at - 1]!).toBeOneOf([0, 1])
  while (places.at(-1)! > 15) {
    await page.keyboard.press('Shift+Tab')
    places.push(await focusedPlace(page))
  }
  expect(places.at(-1)).toBe(15)
})

it('keeps the focus on a card the expert scrolled away from, and Tab goes on from it', async () => {
  const { page } = await manyBooked()
  const button = page
    .getByRole('article', { name: titled(3) })
    .locator('button:enabled')
    .first()
  await button.focus()
  expect(await focusedPlace(page)).toBe(3)
  await scrollToMiddle(page)
  expect(await button.evaluate((element) => element === document.activeElement)).toBe(true)
  await page.keyboard.press('Tab')
  expect(await focusedPlace(page)).toBeOneOf([3, 4])
})

/** Scrolled to the middle: the first card whose top is on screen (the one the expert reads), its place and its top. */
async function cardRead(page: Page): Promise<{ card: Locator; place: number; before: number }> {
  await scrollToMiddle(page)
  const title = await page.evaluate(() => {
    const top = document.querySelector('main')!.getBoundingClientRect().top
    const card = Array.from(document.querySelectorAll('.upcoming-list article')).find(
      (article) => article.getBoundingClientRect().top >= top,
    )
    return card?.querySelector('.session-title')?.textContent ?? ''
  })
  const card = page.getByRole('article', { name: new RegExp(`^${title} on `) })
  const row = page.locator('.upcoming-list > li').filter({ has: card })
  return {
    card,
    place: Number(await row.getAttribute('aria-posinset')),
    before: (await card.boundingBox())!.y,
  }
}

it('holds the card being read still when a session is booked above it', async () => {
  const { page, platform, ada, clientId } = await manyBooked()
  const { card, place, before } = await cardRead(page)
  bookScheduled(platform, {
    expertId: ada.id,
    clientId,
    title: 'Booked in between',
    start: platform.clock.now() + 20 * MINUTE,
  })
  // Listed above it: the card is one place further down the list.
  await page
    .locator(`.upcoming-list > li[aria-posinset="${place + 1}"]`)
    .filter({ has: card })
    .waitFor()
  // A scroll moves by whole pixels and cards are fractions of one tall: held within a pixel, as
  // the message thread's rows are (Chromium rounded 0.52 px the far way once).
  expect(Math.abs((await card.boundingBox())!.y - before)).toBeLessThan(1)
})

it('holds the card being read within a pixel as sessions above it are cancelled one after another', async () => {
  const { page, platform } = await manyBooked()
  const { card, place, before } = await cardRead(page)
  const sessionOf = platform.server.marketplace.db
    .prepare('SELECT s.id FROM sessions s JOIN requests r ON r.id = s.request_id WHERE r.title = ?')
    .pluck()
  // Each card gone above moves it by a fraction of a pixel the scroll cannot take: held each time
  // from where the last scroll came to, it crept by as much at every one.
  for (let n = 1; n <= 8; n++) {
    platform.server.marketplace.clientCancel(sessionOf.get(`Report query ${n}`) as string, 'Found it myself')
    await page
      .locator(`.upcoming-list > li[aria-posinset="${place - n}"]`)
      .filter({ has: card })
      .waitFor()
    expect(Math.abs((await card.boundingBox())!.y - before)).toBeLessThan(1)
  }
})

it('puts the focus on the section when the session of a focused card scrolled away is cancelled', async () => {
  const { page, platform } = await manyBooked()
  const sessionId = platform.server.marketplace.db
    .prepare('SELECT s.id FROM sessions s JOIN requests r ON r.id = s.request_id WHERE r.title = ?')
    .pluck()
    .get('Report query 3') as string
  await page
    .getByRole('article', { name: titled(3) })
    .locator('button:enabled')
    .first()
    .focus()
  await scrollToMiddle(page)
  platform.server.marketplace.clientCancel(sessionId, 'Found it myself')
  await focusLandsOn(page.getByRole('heading', { level: 1, name: 'Upcoming' }))
})

it('starts at the first card and still reaches the last when the window is narrowed while scrolled', async () => {
  const { page } = await manyBooked()
  const list = page.getByRole('list', { name: 'Booked sessions' })
  const wide = (await list.boundingBox())!.width
  await scrollToMiddle(page)
  await page.setViewportSize(MAIN_WINDOW_MIN_SIZE)
  await page.waitForFunction(
    (was) => document.querySelector('.upcoming-list')!.getBoundingClientRect().width < was,
    wide,
  )
  // The space above the first card drawn stands for the cards above as they are at this width
  // (the cards drawn are alike), not as they were measured wider: within half a card.
  await page.waitForFunction(() => {
    const rows = [...document.querySelectorAll<HTMLElement>('.upcoming-list > li')]
    const gap = parseFloat(getComputedStyle(document.querySelector('.upcoming-list')!).rowGap)
    const mean = rows.reduce((sum, row) => sum + row.getBoundingClientRect().height, 0) / rows.length
    const above = Number(rows[0]!.getAttribute('aria-posinset')) - 1
    return Math.abs(parseFloat(rows[0]!.style.marginTop) - above * (mean + gap)) < mean / 2
  })

  await scrollToTop(page)
  const first = list.getByRole('listitem').filter({ has: page.getByRole('article', { name: titled(1) }) })
  expect((await first.boundingBox())!.y).toBeCloseTo((await list.boundingBox())!.y, 0)

  await scrollToEnd(page)
})

it('shows a thread scrolled out of the window open again, with its unsent reply, and not once sent', async () => {
  const { page, platform, ada } = await manyBooked()
  const card = page.getByRole('article', { name: titled(3) })
  await card.getByRole('button', { name: 'Messages with Sam Okafor' }).click()
  const box = card.getByRole('textbox', { name: 'Message to Sam Okafor' })
  const reply = 'Could you send the query plan before we start?'
  await box.fill(reply)
  // The expert goes on elsewhere: the card no longer holds the focus, so scrolling away unmounts it.
  await page.getByRole('heading', { level: 1, name: 'Upcoming' }).evaluate((h) => {
    h.setAttribute('tabindex', '-1')
    h.focus()
  })
  await scrollToMiddle(page)
  expect(await card.count()).toBe(0)
  await scrollToTop(page)

  await expect(card.getByRole('button', { name: 'Hide messages' }).count()).resolves.toBe(1)
  expect(await box.inputValue()).toBe(reply)
  // Drawn again, it does not take the focus from where the expert left it.
  expect(await box.evaluate((element) => element === document.activeElement)).toBe(false)

  await card.getByRole('button', { name: 'Send' }).click()
  await card.getByRole('log', { name: 'Messages with Sam Okafor' }).getByText(reply).waitFor()
  const requestId = platform.server.marketplace.db
    .prepare('SELECT id FROM requests WHERE title = ?')
    .pluck()
    .get('Report query 3') as string
  const thread = platform.server.marketplace.thread(requestId, ada.id)
  expect(thread.map((message) => message.body)).toEqual([reply])
  await page.getByRole('heading', { level: 1, name: 'Upcoming' }).focus()
  await scrollToMiddle(page)
  expect(await card.count()).toBe(0)
  await scrollToTop(page)
  await expect(card.getByRole('button', { name: 'Hide messages' }).count()).resolves.toBe(1)
  expect(await box.inputValue()).toBe('')
})
