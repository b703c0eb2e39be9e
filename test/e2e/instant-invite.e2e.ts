/**
 * An instant invite fanned out to two experts: both see it; one joins and is live; the other is
 * told at once that it was taken, and finds it under Missed.
 */
import { expect, it } from 'vitest'
import { useE2e } from './support/fixture'
import { checkScreen } from './support/screens'

const world = useE2e()

it('shows the invite to both experts; the one who joins is live, the other sees it taken and missed', async () => {
  const { platform, expert, shell, open } = await world()
  const ada = expert('Ada Byron', ['react'])
  const grace = expert('Grace Brewster', ['react'])
  const client = platform.addClient('Sam Okafor')
  const a = await open(await shell(ada))
  const g = await open(await shell(grace))
  for (const page of [a, g]) await page.getByRole('status').filter({ hasText: 'Online' }).waitFor()

  const { request } = platform.server.marketplace.createRequest({
    clientId: client,
    title: 'React list re-renders on every keystroke',
    description: 'Typing in the filter box lags by half a second on a 2,000-row table.',
    kind: 'instant',
    tags: ['react'],
    fanOut: 2,
    attachments: [
      {
        name: 'profile.json',
        sizeBytes: 48_213,
        mimeType: 'application/json',
        url: 'https://files.example.test/p.json',
      },
    ],
  })

  // Both see it (visibility, not timing: the bench measures latency).
  const adaCard = a.getByRole('article', { name: request.title })
  const graceCard = g.getByRole('article', { name: request.title })
  await adaCard.waitFor()
  await graceCard.waitFor()
  // The countdown comes with the page's own tick.
  await adaCard.getByText('Expires in 5:00').waitFor()
  expect(await adaCard.textContent()).toMatch(/Instant.*Matched.*Expires in 5:00/)
  expect(await adaCard.textContent()).toContain('profile.json')
  await checkScreen(a, 'invites')

  await adaCard.getByRole('button', { name: `Join now “${request.title}”` }).click()
  await a.getByRole('heading', { name: 'Live session' }).waitFor()
  await a.getByText('Building context · not billable').waitFor()

  await g.getByText(`Taken by another expert: ${request.title}`).waitFor()
  await graceCard.waitFor({ state: 'detached' })
  const missed = g.getByRole('region', { name: 'Missed' })
  await missed.getByText(request.title).waitFor()
  expect(await missed.textContent()).toContain('Taken by another expert')
  await checkScreen(g, 'invite-taken')
})
