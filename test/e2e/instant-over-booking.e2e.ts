/**
 * An instant invite that would run into a booked scheduled session: Join is refused, and the card
 * says the platform's sentence, naming the booking and what to do.
 */
import { it } from 'vitest'
import { bookThroughApp } from './support/scenario'
import { useE2e } from './support/fixture'

const world = useE2e()
const MINUTE = 60_000

it('shows why Join on an instant invite that would run into a booking was refused', async () => {
  const { platform, expert, shell, open } = await world()
  const ada = expert('Ada Byron', ['react'])
  const adaShell = await shell(ada)
  const page = await open(adaShell)
  await bookThroughApp(platform, adaShell, {
    clientId: platform.addClient('Sam Okafor'),
    expertId: ada.id,
    title: 'Tax review',
    bookedAt: platform.clock.now() + 20 * MINUTE,
    via: 'profile',
  })
  const { request } = platform.server.marketplace.createRequest({
    clientId: platform.addClient('Mei Chen'),
    title: 'Quick question',
    kind: 'instant',
    expectedDurationMinutes: 30,
    direct: { expertId: ada.id, via: 'profile' },
  })
  const card = page.getByRole('article', { name: request.title })
  await card.getByRole('button', { name: `Join now “${request.title}”` }).click()
  await card
    .getByRole('alert')
    .getByText(
      /^Could not join: this instant session, expected to take 30 minutes, would run into your scheduled session “Tax review” at .+ UTC; decline it, or move or cancel that booking first\.$/,
    )
    .waitFor()
})
