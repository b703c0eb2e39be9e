/**
 * The request of a live session, opened on its card, shows every attachment at once: the expert is
 * working with the client on them, and one card is not the hundred a window of invites may hold.
 */
import { expect, it } from 'vitest'
import { useE2e } from './support/fixture'
import { inviteWithAttachments } from './support/scenario'

const world = useE2e()

it('shows all the attachments of the live session’s request, with no “Show all” to press', async () => {
  const attachments = Array.from({ length: 6 }, (_, i) => ({
    name: `trace-${i}.har`,
    sizeBytes: 90_000,
    mimeType: 'application/json',
    url: `https://files.example.test/t-${i}.har`,
  }))
  const { page, request, card } = await inviteWithAttachments(await world(), attachments)
  // On the invite, one card of many: its first rows, and the rest on request.
  await card.getByRole('button', { name: 'Show all 6 attachments' }).waitFor()
  await card.getByRole('button', { name: `Join now “${request.title}”` }).click()
  await page.getByRole('heading', { name: 'Live session' }).waitFor()
  const live = page.getByRole('article', { name: request.title })
  await live.getByRole('button', { name: 'Show request' }).click()
  const list = live.getByRole('list', { name: 'Attachments' })
  await list.getByRole('link', { name: 'Open trace-5.har on files.example.test' }).waitFor()
  expect(await list.getByRole('listitem').count()).toBe(6)
  expect(await live.getByRole('button', { name: /^Show (all|fewer)/ }).count()).toBe(0)
})
