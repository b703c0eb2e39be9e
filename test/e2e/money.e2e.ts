/**
 * Money through the whole stack: the end panel says what the client will pay in money as the
 * expert switches between charge, discount and no charge; History shows what the session earned;
 * My stats shows the week's earnings and the weekly chart, named for screen readers.
 */
import { expect, it } from 'vitest'
import { useE2e } from './support/fixture'
import { joinDirectInstant, platformSessionOf } from './support/scenario'
import { checkScreen } from './support/screens'

const world = useE2e()
const MINUTE = 60_000

it('previews the client’s payment in money, then shows the amount in History and the chart', async () => {
  const { platform, page, request, live } = await joinDirectInstant(
    await world(),
    'Flexbox gap on old Safari',
  )
  platform.server.marketplace.clientJoin(platformSessionOf(platform, request.id).id)
  await live.getByText(/Olu Adeyemi joined at/).waitFor()
  await live.getByRole('button', { name: 'Start billing' }).click()
  await live.getByText('Billing', { exact: true }).waitFor()

  // Sixteen minutes: two started quarter hours at the platform's default rate. The page's locale
  // decides whether dollars read "$" or "US$".
  platform.clock.advance(16 * MINUTE)
  await live.getByText('Billed time 16:00', { exact: true }).waitFor()
  await live.getByRole('button', { name: 'End session…' }).click()
  const status = live.getByRole('status')
  await status
    .getByText(/^The client will pay (US)?\$50\.00 for all 16 mins? of billed time \(2 started quarter hours/)
    .waitFor()
  await live.getByRole('radio', { name: /Discount/ }).check()
  await live.getByRole('spinbutton', { name: 'Discount percent' }).fill('30')
  await status
    .getByText(/^The client will pay (US)?\$35\.00 for 16 mins? of billed time: .*30% off\.$/)
    .waitFor()
  await live.getByRole('radio', { name: /No charge/ }).check()
  await status.getByText(/^The client will pay (US)?\$0\.00: no charge/).waitFor()
  await live.getByRole('radio', { name: /Discount/ }).check()
  await status.getByText(/^The client will pay (US)?\$35\.00/).waitFor()
  await checkScreen(page, 'money-end')
  await live.getByRole('button', { name: 'End session' }).click()

  await page.getByRole('heading', { name: 'History' }).waitFor()
  const row = page
    .getByRole('list', { name: 'Past sessions' })
    .getByRole('listitem')
    .filter({ hasText: request.title })
  await row.getByText(/^(US)?\$35\.00$/).waitFor()
  await checkScreen(page, 'money-history')

  await page.getByRole('button', { name: 'My stats' }).click()
  const chart = page.getByRole('img', { name: /^Earnings per week/ })
  await chart.waitFor()
  expect(await chart.getAttribute('aria-labelledby')).toMatch(/-title .*-desc$/)
  await page.getByText(/This week so far: (US)?\$35\.00\./).waitFor({ state: 'attached' })
  const weeks = page.getByRole('table', { name: 'Earnings per week, oldest first' })
  expect(await weeks.getByRole('row').count()).toBe(13)
  expect(await weeks.getByRole('row').last().getByRole('cell').textContent()).toMatch(/^(US)?\$35\.00$/)
  expect(await chart.locator('rect').last().getAttribute('height')).toBe('120')
  await checkScreen(page, 'money-stats')
})
