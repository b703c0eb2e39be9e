/**
 * Reviews and standing in the window: the client's rating and comment in History (stars in text
 * with words for a screen reader), the average and its trend in My stats, and the banner when a
 * poor review takes the average below the platform's threshold and a chargeback is recorded.
 */
import { expect, it } from 'vitest'
import { endedSessionOn } from '../support/ended-session'
import { useE2e } from './support/fixture'
import { checkScreen } from './support/screens'

const world = useE2e()

it('shows the client’s review in History, the average in My stats, and warns when the standing is at risk', async () => {
  const { platform, expert, shell, open } = await world()
  const ada = expert('Ada Byron', ['css'])
  const page = await open(await shell(ada))
  const marketplace = platform.server.marketplace
  const good = endedSessionOn(platform, { kind: 'charged' }, ada.id)
  marketplace.review(good.sessionId, { rating: 5, comment: 'Sorted in ten minutes, thank you!' })

  await page.getByRole('button', { name: 'History' }).click()
  const history = page.getByRole('list', { name: 'Past sessions' })
  await history.getByRole('img', { name: 'Rated 5 out of 5' }).waitFor()
  await history.getByText('“Sorted in ten minutes, thank you!”').waitFor()
  expect(await page.locator('.standing-banner').count()).toBe(0)

  const poor = endedSessionOn(platform, { kind: 'charged' }, ada.id)
  marketplace.review(poor.sessionId, { rating: 2, comment: 'Mostly me explaining the problem.' })
  marketplace.chargeback(poor.sessionId, { reason: 'Disputed with the bank' })
  const banner = page.getByRole('status').filter({ hasText: 'Your standing is at risk:' })
  await banner
    .getByText(
      'Your average over your last 2 reviewed sessions is 3.5, below the platform’s 4.0, and a chargeback was recorded in the last 30 days. Poor reviews and chargebacks can lead to removal from the platform: take only sessions you can quickly help with.',
    )
    .waitFor()
  await history.getByRole('img', { name: 'Rated 2 out of 5' }).waitFor()
  await history.getByText('Charged back').waitFor()
  await checkScreen(page, 'history-reviews')

  await page.getByRole('button', { name: 'My stats' }).click()
  const reviews = page.locator('.stat').filter({ hasText: 'Reviews' })
  await reviews.getByText('Average of your last 2 reviewed sessions').waitFor()
  expect(await reviews.locator('.stat-value').innerText()).toContain('3.5')
  await reviews.getByText('Below the platform’s 4.0').waitFor()
  await reviews.getByText('1 chargeback, 1 in the last 30 days').waitFor()
  await checkScreen(page, 'stats-reviews')
})
