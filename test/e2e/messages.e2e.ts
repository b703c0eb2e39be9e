/** The expert messages the client before taking the session; the message reaches the platform. */
import { expect, it } from 'vitest'
import { useE2e } from './support/fixture'
import { checkScreen } from './support/screens'

const world = useE2e()

it('sends a message to the client from the invite, and shows the client’s answer', async () => {
  const { platform, expert, shell, open } = await world()
  const ada = expert('Ada Byron', ['python'])
  const client = platform.addClient('Mei Chen')
  const page = await open(await shell(ada))
  const { request } = platform.server.marketplace.createRequest({
    clientId: client,
    title: 'Pandas merge doubles my rows',
    description: 'After a merge on customer_id the frame has twice the rows it should.',
    kind: 'instant',
    direct: { expertId: ada.id, via: 'profile' },
  })
  const card = page.getByRole('article', { name: request.title })
  await card.getByRole('button', { name: 'Message client' }).click()
  const body = 'Are the customer_id values unique on both sides?'
  await card.getByRole('textbox', { name: 'Message to Mei Chen' }).fill(body)
  await card.getByRole('button', { name: 'Send' }).click()
  const log = card.getByRole('log', { name: 'Messages with Mei Chen' })
  await log.getByText(body).waitFor()
  // Focus is back in the box, ready for the next message, not dropped to the page.
  await expect
    .poll(() =>
      card
        .getByRole('textbox', { name: 'Message to Mei Chen' })
        .evaluate((box) => box === document.activeElement),
    )
    .toBe(true)

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
