/**
 * The 30-minute reminder fired, then the platform's clock is found behind, to before it: the
 * Upcoming card keeps it as sent and lists only the 10-minute one still to come, as the host
 * will not show the 30 again.
 */
import { expect, it } from 'vitest'
import { ManualClock } from '../../src/shared/clock'
import { useE2e } from './support/fixture'
import { startShell } from './support/harness'
import { bookThroughApp } from './support/scenario'
import { shownSoon } from './support/shell-hooks'

const world = useE2e()
const MINUTE = 60_000

it('keeps a fired reminder listed as sent when platform time moves back before it', async () => {
  const { platform, expert, open } = await world()
  const ada = expert('Ada Byron', ['sql'])
  // The app's computer, on its own clock: the platform's is set back alone below.
  const local = new ManualClock(platform.clock.now())
  const adaShell = await startShell(platform, ada, local)
  try {
    await adaShell.waitForConnection((state) => state.status === 'online')
    const bookedAt = platform.clock.now() + 40 * MINUTE
    const session = await bookThroughApp(platform, adaShell, {
      clientId: platform.addClient('Priya Natarajan'),
      expertId: ada.id,
      title: 'Index for a slow join',
      bookedAt,
      via: 'dashboard',
    })
    const page = await open(adaShell)
    await page.getByRole('button', { name: /^Upcoming/ }).click()
    const row = page.getByRole('article', { name: session.request.title })
    await row.getByText(/Reminders at .+ and .+/).waitFor()

    // Past the 30-minute reminder on both clocks: it fires, and the card lists the 10 alone. The
    // host may hold a reminder it finds late until the time settles: the clock moves back only once
    // the 30 has been shown, so marked, and not while the card has only the time to go by.
    const fired = shownSoon(
      adaShell.shell.adapters.notifier,
      (n) => n.kind === 'reminder' && n.sessionId === session.id && n.moment === 'before',
    )
    local.advance(10 * MINUTE + 1_000)
    platform.clock.advance(10 * MINUTE + 1_000)
    await adaShell.waitingFor('the 30-minute reminder shown', fired)
    await row.getByText(/10-minute reminder at /).waitFor()

    // The platform's clock set back five minutes: the app follows it, to before the 30's moment.
    platform.clock.step(-5 * MINUTE - 1_000)
    await row.getByText('Starts in 35:00').waitFor()
    expect(await row.textContent()).toMatch(/10-minute reminder at /)
    expect(await row.textContent()).not.toMatch(/Reminders at /)
  } finally {
    await adaShell.close()
  }
})
