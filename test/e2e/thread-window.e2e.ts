/**
 * A thread of as many messages as the window keeps draws only those around what is on screen:
 * it opens at the newest, follows the next while the expert reads the end, holds the message
 * being read still when the client writes while they read an earlier one, and offers a way down
 * to what came; a screen reader still hears each message's place in the whole thread.
 */
import type { Locator } from 'playwright'
import { expect, it } from 'vitest'
import { THREAD_MESSAGES_LISTED } from '../../src/shared/ipc/list-limits'
import { MAIN_WINDOW_MIN_SIZE } from '../../src/shared/window-sizes'
import { useE2e } from './support/fixture'
import { directRequestToAda } from './support/scenario'
import { readOutSoFar, watchReadOut } from './support/read-out'
import { checkScreen } from './support/screens'
import { shownWhole } from './support/thread-log'

const world = useE2e()

// Far fewer rows than the thread holds: what a box a few messages tall needs, with its margin.
const MOST_ROWS_DRAWN = 60

/** How many of the thread's messages are in the page. */
function rowsDrawn(log: Locator): Promise<number> {
  return log.locator('.thread-messages > li').count()
}

/** The first message on screen in the log: its text and where its top stands in the log's box. */
function firstOnScreen(log: Locator): Promise<{ text: string; top: number }> {
  return log.evaluate((element) => {
    const box = element.getBoundingClientRect()
    const rows = Array.from(element.querySelectorAll<HTMLElement>('.thread-messages > li'))
    const row = rows.find((li) => li.getBoundingClientRect().bottom > box.top)!
    return {
      text: row.querySelector('.bubble-body')!.textContent!,
      top: row.getBoundingClientRect().top - box.top,
    }
  })
}

it('draws a few of 500 messages, opens at the newest and reads the next one as it comes', async () => {
  const e2e = await world()
  const { ada, page, request } = await directRequestToAda(e2e, 'Pandas merge doubles my rows')
  const { marketplace } = e2e.platform.server
  for (let n = 1; n <= THREAD_MESSAGES_LISTED; n++)
    marketplace.clientMessage(request.id, ada.id, `Line ${n} of the trace`)
  await watchReadOut(page)
  const card = page.getByRole('article', { name: request.title })
  await card.getByRole('button', { name: 'Message client' }).click()
  const log = card.getByRole('log', { name: 'Messages with Mei Chen' })
  const newest = log.getByRole('listitem').filter({ hasText: `Line ${THREAD_MESSAGES_LISTED} of the trace` })
  await newest.waitFor()
  expect(await shownWhole(log, `Line ${THREAD_MESSAGES_LISTED} of the trace`)).toBe(true)
  expect(await rowsDrawn(log)).toBeLessThan(MOST_ROWS_DRAWN)
  expect(await newest.getAttribute('aria-posinset')).toBe(String(THREAD_MESSAGES_LISTED))
  expect(await newest.getAttribute('aria-setsize')).toBe(String(THREAD_MESSAGES_LISTED))
  await checkScreen(page, 'thread-window-end')

  // Read at its end: the next message is shown, and read out.
  marketplace.clientMessage(request.id, ada.id, 'One more thing: it is pandas 2.2.')
  await log.getByText('One more thing: it is pandas 2.2.').waitFor()
  await page
    .getByText('Mei Chen: One more thing: it is pandas 2.2.', { exact: true })
    .waitFor({ state: 'attached' })
  expect(await shownWhole(log, 'One more thing: it is pandas 2.2.')).toBe(true)
  expect(await rowsDrawn(log)).toBeLessThan(MOST_ROWS_DRAWN)
  expect(await card.getByRole('button', { name: /new message/ }).count()).toBe(0)

  // Scrolled up to the middle: a message that comes moves nothing and is offered below.
  await log.evaluate(
    (element) =>
      new Promise<void>((done) => {
        element.addEventListener('scroll', () => done(), { once: true })
        element.scrollTop = element.scrollHeight / 2
      }),
  )
  await log.getByText('Line 250 of the trace', { exact: true }).waitFor()
  const reading = await firstOnScreen(log)
  marketplace.clientMessage(request.id, ada.id, 'And the index is not unique.')
  const offer = card.getByRole('button', { name: '1 new message from Mei Chen' })
  await offer.waitFor()
  await page
    .getByText('Mei Chen: And the index is not unique.', { exact: true })
    .waitFor({ state: 'attached' })
  const after = await firstOnScreen(log)
  expect(after.text).toBe(reading.text)
  expect(Math.abs(after.top - reading.top)).toBeLessThan(1)
  expect(await shownWhole(log, 'And the index is not unique.')).toBe(false)
  await checkScreen(page, 'thread-window-middle')

  // The offer brings the newest into view and the keyboard to the log.
  await offer.click()
  await offer.waitFor({ state: 'detached' })
  await expect.poll(() => shownWhole(log, 'And the index is not unique.')).toBe(true)
  expect(await log.evaluate((element) => element === document.activeElement)).toBe(true)
  expect(await rowsDrawn(log)).toBeLessThan(MOST_ROWS_DRAWN)

  // Narrowed, the messages wrap and grow: the thread read at its end still shows its newest.
  const wide = (await log.boundingBox())!.width
  await page.setViewportSize(MAIN_WINDOW_MIN_SIZE)
  await page.waitForFunction(
    (was) => document.querySelector('.thread-log')!.getBoundingClientRect().width < was,
    wide,
  )
  await expect.poll(() => shownWhole(log, 'And the index is not unique.')).toBe(true)
  // Only what came was read out, not the earlier messages drawn as the log scrolled.
  expect(await readOutSoFar(page, /Line|thing|index/)).toEqual([
    'Mei Chen: One more thing: it is pandas 2.2.',
    'Mei Chen: And the index is not unique.',
  ])
})

it('counts only the client’s messages as new, and a message of the expert’s from another device moves nothing', async () => {
  const e2e = await world()
  const { ada, page, request } = await directRequestToAda(e2e, 'Pandas merge doubles my rows')
  const { marketplace } = e2e.platform.server
  for (let n = 1; n <= 40; n++) marketplace.clientMessage(request.id, ada.id, `Line ${n} of the trace`)
  const card = page.getByRole('article', { name: request.title })
  await card.getByRole('button', { name: 'Message client' }).click()
  const log = card.getByRole('log', { name: 'Messages with Mei Chen' })
  await log.getByText('Line 40 of the trace', { exact: true }).waitFor()
  await log.evaluate(
    (element) =>
      new Promise<void>((done) => {
        element.addEventListener('scroll', () => done(), { once: true })
        element.scrollTop = element.scrollHeight / 2
      }),
  )
  const reading = await firstOnScreen(log)

  // Sent from the expert's phone, then the client answers: one message is new to the expert.
  const ack = marketplace.execute(ada.id, {
    name: 'message.send',
    payload: { requestId: request.id, body: 'Sent from my phone: which pandas?' },
    idempotencyKey: 'thread-window-phone',
  })
  expect(ack.ok).toBe(true)
  // Drawn or not (the list draws what is near the screen), each row tells the thread's length.
  const rows = log.locator('.thread-messages > li').first()
  await expect.poll(() => rows.getAttribute('aria-setsize')).toBe('41')
  marketplace.clientMessage(request.id, ada.id, 'It is pandas 2.2.')
  await card.getByRole('button', { name: '1 new message from Mei Chen' }).waitFor()
  const after = await firstOnScreen(log)
  expect(after.text).toBe(reading.text)
  expect(Math.abs(after.top - reading.top)).toBeLessThan(1)
})
