/**
 * Changing a booked session ahead of time, in the browser: Cancel says before Confirm whether it
 * is free (until when) or costs the late fee, Keep leaves it booked, Confirm cancels it with a
 * note and History names who cancelled and offers Remove from calendar (the .ics cancellation);
 * a client's cancellation reaches the window and a notification; the fee line follows the
 * platform's clock, not the computer's; Propose new time shows the pending proposal and then the
 * client's answer.
 */
import { readFile } from 'node:fs/promises'
import { expect, it } from 'vitest'
import type { AppNotification } from '../../src/main/core/ports/notifier'
import { ManualClock } from '../../src/shared/clock'
import { useE2e } from './support/fixture'
import { focusLandsOn } from './support/waits'
import { pageDayTime, startShell, TIME_ZONE } from './support/harness'
import { bookThroughApp, platformSessionOf } from './support/scenario'
import { checkScreen } from './support/screens'
import { shownSoon } from './support/shell-hooks'

const world = useE2e()
const HOUR = 3_600_000

/** The value a datetime-local input shows for `t` in the page's time zone. */
function inputValue(t: number): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  })
    .format(t)
    .replace(' ', 'T')
}

/**
 * Ada's window on Upcoming with "Query plan", which Priya Natarajan (or `clientName`) booked
 * through the app `ahead` from now.
 */
async function queryPlanBooked(ahead: number, clientName = 'Priya Natarajan') {
  const { platform, expert, shell, open } = await world()
  const ada = expert('Ada Byron', ['sql'])
  const client = platform.addClient(clientName)
  const app = await shell(ada)
  const page = await open(app)
  const bookedAt = platform.clock.now() + ahead
  const session = await bookThroughApp(platform, app, {
    clientId: client,
    expertId: ada.id,
    title: 'Query plan',
    bookedAt,
    via: 'dashboard',
  })
  await page.getByRole('button', { name: /^Upcoming/ }).click()
  return { platform, app, page, session, bookedAt, card: page.getByRole('article', { name: 'Query plan' }) }
}

it('cancels with a confirm step that says whether a fee applies, and History offers Remove from calendar', async () => {
  const { platform, expert, shell, open } = await world()
  const ada = expert('Ada Byron', ['sql'])
  const client = platform.addClient('Priya Natarajan')
  const app = await shell(ada)
  const page = await open(app)
  const now = platform.clock.now()
  const far = now + 48 * HOUR
  const soon = now + 2 * HOUR
  const via = 'dashboard' as const
  const kept = await bookThroughApp(platform, app, {
    clientId: client,
    expertId: ada.id,
    title: 'Schema review',
    bookedAt: far,
    via,
  })
  const late = await bookThroughApp(platform, app, {
    clientId: client,
    expertId: ada.id,
    title: 'Query plan',
    bookedAt: soon,
    via,
  })
  await page.getByRole('button', { name: /^Upcoming/ }).click()

  // Far ahead: free, and until when. Keep leaves it booked and gives focus back.
  const farCard = page.getByRole('article', { name: 'Schema review' })
  const openFar = farCard.getByRole('button', { name: 'Cancel “Schema review”' })
  await openFar.focus()
  await page.keyboard.press('Enter')
  await farCard
    .getByRole('status')
    .getByText(`Free to cancel until ${pageDayTime(far - 24 * HOUR)}.`)
    .waitFor()
  expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA')
  await checkScreen(page, 'upcoming-cancel')
  await page.keyboard.press('Escape')
  await focusLandsOn(openFar)

  // Two hours ahead: the late fee, said before Confirm.
  const soonCard = page.getByRole('article', { name: 'Query plan' })
  await soonCard.getByRole('button', { name: 'Cancel “Query plan”' }).click()
  await soonCard.getByRole('status').getByText('A late-cancellation fee applies: you pay it.').waitFor()
  await soonCard.getByLabel('Message to Priya Natarajan (optional)').fill('Sorry, I am ill today.')
  await soonCard.getByRole('button', { name: 'Confirm cancellation' }).click()
  await soonCard.waitFor({ state: 'detached' })
  expect(platformSessionOf(platform, late.request.id)).toMatchObject({
    state: 'cancelled',
    cancellation: { by: 'expert', feeAssessedTo: 'expert', message: 'Sorry, I am ill today.' },
  })
  expect(platformSessionOf(platform, kept.request.id).state).toBe('booked')
  await page
    .getByText(/^Cancelled “Query plan”; Priya Natarajan is told\. You pay the late-cancellation fee\./)
    .waitFor()

  await page.getByRole('button', { name: /^History/ }).click()
  await page.getByText('You cancelled: “Sorry, I am ill today.”').waitFor()
  await page.getByText('Fee charged to you').waitFor()
  await checkScreen(page, 'history-cancelled')
  const downloaded = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Remove from calendar “Query plan”' }).click()
  const ics = await readFile(await (await downloaded).path(), 'utf8')
  expect(ics).toContain('METHOD:CANCEL\r\n')
  expect(ics).toContain('STATUS:CANCELLED\r\n')
})

it('shows a client’s cancellation: the session leaves Upcoming, a notification names them and their note', async () => {
  const { platform, app, page, session, card } = await queryPlanBooked(2 * HOUR)
  await card.waitFor()
  const told = shownSoon(
    app.shell.adapters.notifier,
    (n: AppNotification) => n.kind === 'reminder' && n.moment === 'cancelled',
  )
  platform.server.marketplace.clientCancel(session.id, 'Found it myself')
  await card.waitFor({ state: 'detached' })
  expect(await told).toMatchObject({
    title: expect.stringMatching(/^Priya Natarajan cancelled Query plan, .+/),
    body: expect.stringMatching(
      /^Priya Natarajan cancelled late and pays the cancellation fee\..*\nPriya Natarajan wrote: “Found it myself”$/,
    ),
  })
  await page.getByRole('button', { name: /^History/ }).click()
  await page.getByText('Cancelled by Priya Natarajan').waitFor()
  await page.getByText('Priya Natarajan cancelled: “Found it myself”').waitFor()
})

it('keeps a long client name and cancellation note to their History row, whole in the line’s title', async () => {
  const name = `Priya ${'Natarajan '.repeat(18)}`.trim()
  const { platform, page, session, card } = await queryPlanBooked(2 * HOUR, name)
  await card.waitFor()
  const note = `${'Found it myself after reading the plan again, thank you. '.repeat(10)}\nSorry!`.trim()
  platform.server.marketplace.clientCancel(session.id, note)
  await card.waitFor({ state: 'detached' })
  await page.getByRole('button', { name: /^History/ }).click()
  const line = page.locator('.history-sub', { hasText: `${name} cancelled` })
  await line.waitFor()
  const row = page.locator('.history-row', { has: line })
  const rowBox = (await row.boundingBox())!
  // Each part within its row, not over the rows below it.
  for (const part of await row.locator(':scope > *').all()) {
    const box = (await part.boundingBox())!
    expect(box.y).toBeGreaterThanOrEqual(rowBox.y)
    expect(box.y + box.height).toBeLessThanOrEqual(rowBox.y + rowBox.height)
  }
  // The client's words isolated, as in the line itself, where a tooltip has no element to do it.
  expect(await line.getAttribute('title')).toBe(`\u2068${name}\u2069 cancelled: “\u2068${note}\u2069”`)
})

it('proposes a new time in the future and shows the proposal, then the client’s answer', async () => {
  const { platform, page, session, bookedAt, card } = await queryPlanBooked(48 * HOUR)
  await card.getByRole('button', { name: 'Propose new time for “Query plan”' }).click()
  const input = card.getByLabel('New start')
  expect(await input.getAttribute('min')).toBe(inputValue(platform.clock.now()))
  await input.fill(inputValue(platform.clock.now() - HOUR))
  await card.getByRole('status').getByText('Choose a time in the future.').waitFor()
  expect(await card.getByRole('button', { name: 'Send proposal' }).isDisabled()).toBe(true)
  const later = bookedAt + 3 * HOUR
  await input.fill(inputValue(later))
  await checkScreen(page, 'upcoming-propose')
  await card.getByRole('button', { name: 'Send proposal' }).click()
  await card.getByText(`You proposed ${pageDayTime(later)}: waiting for Priya Natarajan to answer.`).waitFor()
  // The form closed: focus is back on the button that opened it, not on the page.
  await focusLandsOn(card.getByRole('button', { name: 'Propose new time for “Query plan”' }))
  platform.server.marketplace.answerProposal(session.id, true)
  await card.getByText(`Priya Natarajan accepted the new time (it was ${pageDayTime(bookedAt)}).`).waitFor()
  expect(await card.locator('time.session-time').getAttribute('datetime')).toBe(new Date(later).toISOString())
})

it('says the late fee applies by the platform’s clock when the computer’s clock, behind, would call it free', async () => {
  const { platform, expert, open } = await world()
  const ada = expert('Ada Byron', ['sql'])
  // Two hours behind: by this computer the session below is 25 hours away, by the platform 23.
  const local = new ManualClock(platform.clock.now() - 2 * HOUR)
  const app = await startShell(platform, ada, local)
  try {
    await app.waitForConnection((state) => state.status === 'online')
    await bookThroughApp(platform, app, {
      clientId: platform.addClient('Priya Natarajan'),
      expertId: ada.id,
      title: 'Query plan',
      bookedAt: platform.clock.now() + 23 * HOUR,
      via: 'dashboard',
    })
    const page = await open(app)
    await page.getByRole('button', { name: /^Upcoming/ }).click()
    const card = page.getByRole('article', { name: 'Query plan' })
    await card.getByRole('button', { name: 'Cancel “Query plan”' }).click()
    await card.getByRole('status').getByText('A late-cancellation fee applies: you pay it.').waitFor()
  } finally {
    await app.close()
  }
})
