/**
 * A live session: context first, Start billing once the client is there, the billing timer, then
 * End with a 50% discount after a confirmation that says what the client pays. The platform
 * records the discount.
 */
import { expect, it } from 'vitest'
import { useE2e } from './support/fixture'
import { joinDirectInstant, platformSessionOf } from './support/scenario'
import { checkScreen } from './support/screens'

const world = useE2e()
const MINUTE = 60_000

it('starts billing once the client joins and ends with a 50% discount the platform records', async () => {
  const { platform, page, request, live } = await joinDirectInstant(
    await world(),
    'Grid layout collapses on Safari',
  )
  await live.getByText('Waiting for Olu Adeyemi to join…').waitFor()
  const startBilling = live.getByRole('button', { name: 'Start billing' })
  expect(await startBilling.isDisabled()).toBe(true)
  await checkScreen(page, 'live-context')

  const session = platformSessionOf(platform, request.id)
  platform.server.marketplace.clientJoin(session.id)
  await live.getByText(/Olu Adeyemi joined at/).waitFor()
  await startBilling.click()
  await live.getByText('Billing', { exact: true }).waitFor()
  await checkScreen(page, 'live-billing')

  platform.clock.advance(12 * MINUTE)
  await live.getByText('Billed time 12:00', { exact: true }).waitFor()
  await live.getByRole('button', { name: 'End session…' }).click()
  await live.getByRole('radio', { name: /Discount/ }).check()
  await live.getByRole('spinbutton', { name: 'Discount percent' }).fill('50')
  await live
    .getByText(
      /^The client will pay (US)?\$12\.50 for 12 mins? of billed time: 1 started quarter hour at (US)?\$25\.00, 50% off\.$/,
    )
    .waitFor()
  await checkScreen(page, 'live-end')
  await live.getByRole('button', { name: 'End session' }).click()

  await page.getByRole('heading', { name: 'History' }).waitFor()
  await page.getByRole('list', { name: 'Past sessions' }).getByText('Discounted 50%').waitFor()
  await checkScreen(page, 'session-ended')
  expect(platform.server.marketplace.store.session(session.id)).toMatchObject({
    state: 'ended',
    outcome: { kind: 'discounted', percent: 50 },
  })
})
