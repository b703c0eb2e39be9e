/**
 * A badge ("1 unread message") beside a client's name of 200 letters without a space, in the live
 * session's card at the window's opening width: the badge stays on one line, as tall as the
 * card's other badges, rather than squeezed to a letter a line, and the name beside it gives way.
 */
import { expect, it } from 'vitest'
import { useE2e } from './support/fixture'
import { accept, cachedInvite } from './support/scenario'
import { sidewaysOverflows } from './support/screens'

const world = useE2e()

it('keeps the unread badge beside a very long client name on one line', async () => {
  const { platform, expert, shell, open } = await world()
  const ada = expert('Ada Byron', ['react'])
  const running = await shell(ada)
  const { marketplace } = platform.server
  const { request } = marketplace.createRequest({
    clientId: platform.addClient(`Sam${'O'.repeat(197)}`),
    title: 'Hydration mismatch on the pricing page',
    kind: 'instant',
    direct: { expertId: ada.id, via: 'profile' },
  })
  const session = await accept(running, await cachedInvite(running, request.id))
  marketplace.clientJoin(session.id)
  marketplace.clientMessage(request.id, ada.id, 'Are you there?')

  const page = await open(running)
  const card = page.getByRole('article', { name: request.title })
  const unread = card.getByText('1 unread message', { exact: true })
  await unread.waitFor()
  const live = (await card.getByText('Live', { exact: true }).boundingBox())!
  const badge = (await unread.boundingBox())!
  expect(badge.height).toBeLessThanOrEqual(live.height + 1)
  expect(await sidewaysOverflows(page)).toEqual([])
})
