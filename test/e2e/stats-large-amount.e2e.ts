/**
 * A week of very large earnings (an expert's rate in the hundreds of millions, four hours billed):
 * My stats writes each figure whole on one line at the window's opening width, the two side by
 * side only when both fit, never a number broken between its digits ("US$4,800,00 / 0,000.00").
 */
import { expect, it } from 'vitest'
import { useE2e } from './support/fixture'
import { passTime } from '../support/pass-time'
import { command, HOUR } from './support/busy-day'
import { accept, cachedInvite } from './support/scenario'

const world = useE2e()

it('writes a week’s very large earnings whole, each on one line', async () => {
  const { platform, expert, shell, open } = await world()
  const ada = expert('Ada Byron', ['react'])
  const { marketplace } = platform.server
  marketplace.db.prepare('UPDATE experts SET rate_minor = ? WHERE id = ?').run(30_000_000_000, ada.id)
  const running = await shell(ada)
  const { request } = marketplace.createRequest({
    clientId: platform.addClient('Mei Chen'),
    title: 'Migrate the billing system',
    kind: 'instant',
    expectedDurationMinutes: 240,
    direct: { expertId: ada.id, via: 'profile' },
  })
  const session = await accept(running, await cachedInvite(running, request.id))
  marketplace.clientJoin(session.id)
  await command(running, 'session.startBilling', { sessionId: session.id })
  // Four hours pass a quarter of an hour at a time (pass-time.ts): the connection must outlast the session.
  await passTime(platform.clock, 4 * HOUR)
  await command(running, 'session.end', { sessionId: session.id, outcome: { kind: 'charged' } })

  const page = await open(running)
  await page.getByRole('button', { name: 'My stats' }).click()
  // This week's and this month's figures.
  const figures = page.getByRole('definition').filter({ hasText: /^(US)?\$4,800,000,000\.00$/ })
  await figures.first().waitFor()
  expect(await figures.count()).toBe(2)
  for (const figure of await figures.all()) {
    const lines = await figure.evaluate(
      (element) => element.getBoundingClientRect().height / parseFloat(getComputedStyle(element).lineHeight),
    )
    expect(lines).toBeLessThan(1.5)
  }
})
