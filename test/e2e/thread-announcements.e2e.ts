/**
 * A thread's log is a live region: a message that arrives while it is open is read out, but the
 * messages already there when the thread opens are not, or a screen reader reads the whole
 * conversation aloud each time the expert opens it.
 */
import { expect, it } from 'vitest'
import { useE2e } from './support/fixture'
import { directRequestToAda } from './support/scenario'

const world = useE2e()

it('reads out a new message in an open thread, not the ones already there when it opens', async () => {
  const e2e = await world()
  const { platform } = e2e
  const { ada, page, request } = await directRequestToAda(e2e, 'Pandas merge doubles my rows')
  platform.server.marketplace.clientMessage(request.id, ada.id, 'The frame has twice the rows.')
  platform.clock.advance(1_000)
  platform.server.marketplace.clientMessage(request.id, ada.id, 'It happens after the merge.')
  const card = page.getByRole('article', { name: request.title })
  // Both are in the cache before the thread opens: the unread count counts them from there.
  await card.getByText('2 unread messages').waitFor()

  // How live the log was when each message's bubble came into it.
  await page.evaluate(() => {
    const seen: Array<[string, string]> = []
    Object.assign(window, { liveWhenAdded: seen })
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (!(node instanceof HTMLElement) || !node.classList.contains('bubble')) continue
          const log = node.closest('[role="log"]')
          seen.push([
            node.querySelector('.bubble-body')?.textContent ?? '',
            log?.getAttribute('aria-live') ?? '',
          ])
        }
      }
    }).observe(document.body, { childList: true, subtree: true })
  })
  await card.getByRole('button', { name: 'Message client' }).click()
  const log = card.getByRole('log', { name: 'Messages with Mei Chen' })
  await log.getByText('It happens after the merge.').waitFor()

  // Once the thread is on screen, a message the client sends now is announced.
  await page.waitForFunction(
    () => document.querySelector('[role="log"]')?.getAttribute('aria-live') === 'polite',
  )
  platform.clock.advance(1_000)
  platform.server.marketplace.clientMessage(request.id, ada.id, 'Only for some customers.')
  await log.getByText('Only for some customers.').waitFor()

  const seen = await page.evaluate(
    () => (window as unknown as { liveWhenAdded: Array<[string, string]> }).liveWhenAdded,
  )
  expect(seen).toEqual([
    ['The frame has twice the rows.', 'off'],
    ['It happens after the merge.', 'off'],
    ['Only for some customers.', 'polite'],
  ])
})
