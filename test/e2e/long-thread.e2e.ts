/**
 * A thread longer than its box: it opens at the newest message and follows the client's next one
 * while the expert reads the end, holds still while they read an earlier one, and comes to the end
 * again when they send. A thread longer than the window keeps says its start is not shown.
 */
import { expect, it } from 'vitest'
import { THREAD_MESSAGES_LISTED } from '../../src/shared/ipc/list-limits'
import { useE2e } from './support/fixture'
import { directRequestToAda } from './support/scenario'
import { checkScreen } from './support/screens'
import { shownWhole } from './support/thread-log'

const world = useE2e()

/** Ada's window with Mei Chen's direct request, `count` messages from Mei already in its thread, the thread open. */
async function threadOf(count: number) {
  const e2e = await world()
  const { ada, page, request } = await directRequestToAda(e2e, 'Pandas merge doubles my rows')
  const { marketplace } = e2e.platform.server
  for (let n = 1; n <= count; n++) marketplace.clientMessage(request.id, ada.id, `Line ${n} of the trace`)
  const card = page.getByRole('article', { name: request.title })
  await card.getByRole('button', { name: 'Message client' }).click()
  const log = card.getByRole('log', { name: 'Messages with Mei Chen' })
  await log.getByText(`Line ${count} of the trace`).waitFor()
  return { ...e2e, ada, page, request, card, log }
}

it('opens a long thread at its newest message, follows the next, and holds still while an earlier one is read', async () => {
  const { platform, ada, page, request, card, log } = await threadOf(30)
  expect(await shownWhole(log, 'Line 30 of the trace')).toBe(true)

  platform.server.marketplace.clientMessage(request.id, ada.id, 'One more thing: it is pandas 2.2.')
  await log.getByText('One more thing: it is pandas 2.2.').waitFor()
  expect(await shownWhole(log, 'One more thing: it is pandas 2.2.')).toBe(true)

  // The expert scrolls back to the start; the page has handled the scroll before the client writes.
  await log.evaluate(
    (element) =>
      new Promise<void>((done) => {
        element.addEventListener('scroll', () => done(), { once: true })
        element.scrollTop = 0
      }),
  )
  platform.server.marketplace.clientMessage(request.id, ada.id, 'And the index is not unique.')
  await log.getByText('And the index is not unique.').waitFor()
  expect(await shownWhole(log, 'Line 1 of the trace')).toBe(true)
  expect(await shownWhole(log, 'And the index is not unique.')).toBe(false)

  await card.getByRole('textbox', { name: 'Message to Mei Chen' }).fill('Thanks, that explains it.')
  await card.getByRole('button', { name: 'Send' }).click()
  await log.getByText('Thanks, that explains it.').waitFor()
  expect(await shownWhole(log, 'Thanks, that explains it.')).toBe(true)
  await checkScreen(page, 'long-thread')
})

it('holds still when the client writes before the page has handled the expert scrolling up', async () => {
  const { platform, ada, page, request, log } = await threadOf(30)
  // The scroll's event comes at the next frame: a message drawn first must not find the log "at its end".
  await page.evaluate(() => {
    const swallow = (event: Event): void => event.stopImmediatePropagation()
    window.addEventListener('scroll', swallow, { capture: true })
    Object.assign(window, {
      letScrollsThrough: () => window.removeEventListener('scroll', swallow, { capture: true }),
    })
  })
  await log.evaluate((element) => {
    element.scrollTop = 0
  })
  platform.server.marketplace.clientMessage(request.id, ada.id, 'And the index is not unique.')
  await log.getByText('And the index is not unique.').waitFor()
  expect(await shownWhole(log, 'Line 1 of the trace')).toBe(true)
  expect(await shownWhole(log, 'And the index is not unique.')).toBe(false)
  await page.evaluate(() => (window as unknown as { letScrollsThrough: () => void }).letScrollsThrough())
})

it('says nothing of earlier messages when the thread is exactly as long as the window keeps', async () => {
  const { log } = await threadOf(THREAD_MESSAGES_LISTED)
  await log.evaluate((element) => {
    element.scrollTop = 0
  })
  await log.getByText('Line 1 of the trace', { exact: true }).waitFor()
  expect(await log.getByText(/Only the latest/).count()).toBe(0)
})

it('says only the latest messages are shown when a thread is longer than the window keeps', async () => {
  const { page, log } = await threadOf(THREAD_MESSAGES_LISTED + 20)
  const note = log.getByText(`Only the latest ${THREAD_MESSAGES_LISTED} messages are shown here.`)
  await log.evaluate((element) => {
    element.scrollTop = 0
  })
  await note.waitFor()
  expect(await shownWhole(log, 'Line 21 of the trace')).toBe(true)
  expect(await log.getByText('Line 20 of the trace', { exact: true }).count()).toBe(0)
  // The note and the rows on screen around it; the rest are the rows 'long-thread' checks.
  await checkScreen(page, 'long-thread-cut', ['.thread-messages > li:nth-child(n+11)'])
})
