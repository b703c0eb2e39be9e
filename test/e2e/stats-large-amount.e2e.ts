/**
 * A week of very large earnings (an expert's rate in the hundreds of millions, four hours billed):
 * My stats writes each figure whole on one line at the window's opening width, the two side by
 * side only when both fit, never a number broken between its digits ("US$4,800,00 / 0,000.00").
 */
import { expect, it } from 'vitest'
import { useE2e } from './support/fixture'
import { command, HOUR, MINUTE } from './support/busy-day'
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
  // Four hours pass a quarter of an hour at a time, with a turn of the event loop between. In one
  // advance, the platform's sweep of every second would run thousands of times in a single turn,
  // holding the socket's heartbeat (on wall time, answered in a later turn) past its timeout on a
  // busy machine: the connection dropped under the end of the session.
  for (let passed = 0; passed < 4 * HOUR; passed += 15 * MINUTE) {
    platform.clock.advance(15 * MINUTE)
    await new Promise((resolve) => setImmediate(resolve))
  }
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
