/**
 * One command at a time on a card: while Join is on its way, the card's Decline refuses presses
 * (focusable, aria-disabled) and says what it waits for, and nothing else is sent; an answer that
 * leaves it open whether Join was done says so and that sending it again is safe.
 */
import { expect, it } from 'vitest'
import { useE2e } from './support/fixture'
import { routeIpc, type RoutedSocket } from './support/ipc-route'

const world = useE2e()

it('keeps Decline from being sent while Join is on its way, and says Join may be sent again', async () => {
  const { platform, expert, shell, open } = await world()
  const ada = expert('Ada Byron', ['sql'])
  const client = platform.addClient('Priya Natarajan')
  let held: { id: number; socket: RoutedSocket } | null = null
  const sent: string[] = []
  const page = await open(await shell(ada), {
    beforeLoad: routeIpc({
      fromPage: (call, socket) => {
        sent.push(call.channel)
        if (call.channel !== 'invites.accept' || held !== null) return true
        held = { id: call.id, socket }
        return false
      },
    }),
  })
  const { request } = platform.server.marketplace.createRequest({
    clientId: client,
    title: 'Deadlock in the nightly import',
    kind: 'instant',
    direct: { expertId: ada.id, via: 'dashboard' },
  })
  const card = page.getByRole('article', { name: request.title })
  await card.getByRole('button', { name: `Join now “${request.title}”` }).click()
  await card.getByRole('button', { name: 'Joining…' }).waitFor()

  const decline = card.getByRole('button', { name: `Decline “${request.title}”` })
  expect(await decline.getAttribute('aria-disabled')).toBe('true')
  expect(await decline.getAttribute('title')).toBe('Waiting: Joining is on its way')
  // Pressed anyway (a click or Enter): nothing opens and nothing is sent.
  await decline.focus()
  await page.keyboard.press('Enter')
  await decline.dispatchEvent('click')
  expect(await decline.getAttribute('aria-expanded')).toBe('false')
  expect(sent.filter((channel) => channel === 'invites.decline')).toEqual([])

  const call = held as { id: number; socket: RoutedSocket } | null
  if (call === null) throw new Error('Join was not sent')
  call.socket.toPage(
    JSON.stringify({
      id: call.id,
      result: {
        ok: true,
        value: {
          ok: false,
          error: {
            code: 'timeout',
            message:
              'The platform did not answer within 10 s, so Standby cannot tell whether it was done. Sending it again is safe: the platform will not do it twice.',
          },
        },
      },
    }),
  )
  await card
    .getByRole('alert')
    .getByText(/^Tried to join: the platform did not answer within 10 s, .* Sending it again is safe/)
    .waitFor()
  // Decline takes presses again once the answer is drawn: waited for on the page, not for a second.
  await decline.and(page.locator(':not([aria-disabled])')).waitFor()
})
