/**
 * The expert messages the client before taking the session; the message reaches the platform. An
 * invite's thread takes no more once the invite's time runs out.
 */
import { expect, it } from 'vitest'
import { useE2e } from './support/fixture'
import { focusLandsOn } from './support/waits'
import { routeIpc } from './support/ipc-route'
import { cachedInvite, directRequestToAda } from './support/scenario'
import { checkScreen } from './support/screens'

const world = useE2e()

it('sends a message to the client from the invite, and shows the client’s answer', async () => {
  const e2e = await world()
  const { platform } = e2e
  const { ada, page, request } = await directRequestToAda(
    e2e,
    'Pandas merge doubles my rows',
    'After a merge on customer_id the frame has twice the rows it should.',
  )
  const card = page.getByRole('article', { name: request.title })
  await card.getByRole('button', { name: 'Message client' }).click()
  const body = 'Are the customer_id values unique on both sides?'
  await card.getByRole('textbox', { name: 'Message to Mei Chen' }).fill(body)
  await card.getByRole('button', { name: 'Send' }).click()
  const log = card.getByRole('log', { name: 'Messages with Mei Chen' })
  await log.getByText(body).waitFor()
  // Focus is back in the box, ready for the next message, not dropped to the page.
  await focusLandsOn(card.getByRole('textbox', { name: 'Message to Mei Chen' }))

  const thread = platform.server.marketplace.thread(request.id, ada.id)
  expect(thread.map((message) => [message.from, message.body])).toEqual([['expert', body]])

  // The client answers a little later (the cache orders a thread by time; equal times by id).
  platform.clock.advance(40_000)
  platform.server.marketplace.clientMessage(
    request.id,
    ada.id,
    'Not on the right side: there are duplicates.',
  )
  await log.getByText('Not on the right side: there are duplicates.').waitFor()
  expect(await card.getByRole('textbox', { name: 'Message to Mei Chen' }).inputValue()).toBe('')
  await checkScreen(page, 'invite-thread')
})

it('closes an open invite thread when the invite’s time runs out, saying it expired, without its box', async () => {
  const { platform, expert, shell, open } = await world()
  const ada = expert('Ada Byron', ['python'])
  const client = platform.addClient('Mei Chen')
  const adaShell = await shell(ada)
  let holdCacheChanges = false
  // The push that takes the card off the open list is held back, so the card stays on screen as it
  // does between a tick of the page's clock and that push.
  const page = await open(adaShell, {
    beforeLoad: routeIpc({
      fromShell: (message) => !(holdCacheChanges && message.event === 'cache.changed'),
    }),
  })
  const { request } = platform.server.marketplace.createRequest({
    clientId: client,
    title: 'Celery tasks vanish after a deploy',
    kind: 'instant',
    direct: { expertId: ada.id, via: 'profile' },
  })
  const invite = await cachedInvite(adaShell, request.id)
  const card = page.getByRole('article', { name: request.title })
  await card.getByRole('button', { name: 'Message client' }).click()
  const box = card.getByRole('textbox', { name: 'Message to Mei Chen' })
  await box.waitFor()

  holdCacheChanges = true
  platform.clock.advanceTo(invite.expiresAt)
  await card.getByText('No new messages can be sent: this thread stays here to read.').waitFor()
  // The card says once that the invite expired; the thread does not say it again.
  expect(await card.getByText(/expired/).count()).toBe(1)
  expect(await box.count()).toBe(0)
  expect(await card.getByRole('button', { name: 'Send' }).count()).toBe(0)
})
