/**
 * A computer whose clock is two hours behind the platform's: the window says so in one line, and
 * Start opens by the platform's clock, the one that decides when a session may start.
 */
import { expect, it } from 'vitest'
import { ManualClock } from '../../src/shared/clock'
import { START_WINDOW_BEFORE_MS } from '../../src/shared/rules/session-timing'
import { useE2e } from './support/fixture'
import { startShell } from './support/harness'
import { bookThroughApp } from './support/scenario'

const world = useE2e()
const HOUR = 3_600_000

it('says the computer’s clock is 2 h behind and offers Start by the platform’s clock', async () => {
  const { platform, expert, open } = await world()
  const ada = expert('Ada Byron', ['sql'])
  // The app's computer, two hours behind; both clocks move together from here.
  const local = new ManualClock(platform.clock.now() - 2 * HOUR)
  const adaShell = await startShell(platform, ada, local)
  try {
    await adaShell.waitForConnection((state) => state.status === 'online')
    const bookedAt = platform.clock.now() + HOUR
    const { request } = await bookThroughApp(platform, adaShell, {
      clientId: platform.addClient('Priya Natarajan'),
      expertId: ada.id,
      title: 'Index for a slow join',
      bookedAt,
      via: 'dashboard',
    })

    const page = await open(adaShell)
    await page
      .getByRole('status')
      .getByText(
        "Your computer's clock is 2 h behind the platform's; Standby uses the platform's time, but fix the clock in your system settings.",
      )
      .waitFor()
    await page.getByRole('button', { name: /^Upcoming/ }).click()
    const row = page.getByRole('article', { name: request.title })
    const startButton = row.getByRole('button', { name: `Start “${request.title}”` })
    expect(await startButton.isDisabled()).toBe(true)
    const opensIn = bookedAt - START_WINDOW_BEFORE_MS - platform.clock.now()
    local.advance(opensIn)
    platform.clock.advance(opensIn)
    // The page reads the time on its own once-a-second tick: its countdown says when it has.
    await row.getByText('Starts in 10:00').waitFor()
    expect(await startButton.isEnabled()).toBe(true)
  } finally {
    await adaShell.close()
  }
})
