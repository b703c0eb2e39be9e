/**
 * An instant invite that would run into a session the expert booked: Join on the card and on the
 * notification is refused with the platform's own sentence (which booking, what to do), the invite
 * stays to be answered, and once the expert cancels the booking from Upcoming, Join takes it.
 */
import { expect, it } from 'vitest'
import { bookScheduled } from '../support/booking'
import { MAIN_WINDOW_MIN_SIZE } from '../../src/shared/window-sizes'
import { useE2e } from './support/fixture'
import { pressNotification, shownSoon } from './support/shell-hooks'

const world = useE2e()
const MINUTE = 60_000

/** Whether a pointer at the middle of `button` meets the button itself, not something lying over it. */
function onTop(button: HTMLElement): boolean {
  const box = button.getBoundingClientRect()
  return button.contains(document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2))
}

it('shows the platform’s clash sentence on the card and the notification, and joins once the booking is cancelled', async () => {
  const { platform, expert, shell, open } = await world()
  const ada = expert('Ada Byron', ['tax'])
  const app = await shell(ada)
  const page = await open(app)
  await page.getByRole('status').filter({ hasText: 'Online' }).waitFor()
  bookScheduled(platform, {
    expertId: ada.id,
    clientId: platform.addClient('Sam Okafor'),
    title: 'Tax review',
    start: platform.clock.now() + 20 * MINUTE,
  })
  const notifier = app.shell.adapters.notifier
  const { request } = platform.server.marketplace.createRequest({
    clientId: platform.addClient('Robin Hale'),
    title: 'Quick VAT question',
    description: 'Is a reverse charge due on this invoice?',
    kind: 'instant',
    expectedDurationMinutes: 30,
    direct: { expertId: ada.id, via: 'dashboard' },
  })
  const shown = shownSoon(notifier, (n) => n.kind === 'invite' && n.requestId === request.id)
  const card = page.getByRole('article', { name: request.title })
  const join = card.getByRole('button', { name: `Join now “${request.title}”` })
  const clash =
    /would run into your scheduled session “Tax review” at .+ UTC; decline it, or move or cancel that booking first\./

  // The card's Join: refused with the platform's sentence; the invite stays, Ada is not live.
  await join.click()
  await card.getByText(clash).waitFor()
  expect(await card.textContent()).not.toMatch(/another device/i)
  expect(await page.getByRole('heading', { name: 'Live session' }).count()).toBe(0)
  expect(await join.isEnabled()).toBe(true)

  // The notification's Join: the same sentence in its follow-up, titled for what failed.
  const invite = await shown
  if (invite?.kind !== 'invite') throw new Error('Ada should have the invite’s notification')
  const followUp = shownSoon(notifier, (n) => n.kind === 'notice')
  await pressNotification(app, { inviteId: invite.inviteId }, 'primary')
  const told = await followUp
  expect(told).toMatchObject({ title: 'Could not join' })
  expect(told?.kind === 'notice' && told.body).toMatch(clash)
  await page.getByRole('status', { name: 'Notices' }).getByText(clash).waitFor()
  await card.waitFor()

  // Ada cancels the booking; the invite, still open, is taken at the next Join.
  await page.getByRole('button', { name: /^Upcoming/ }).click()
  const booked = page.getByRole('article', { name: 'Tax review' })
  await booked.getByRole('button', { name: 'Cancel “Tax review”' }).click()
  await booked.getByRole('button', { name: 'Confirm cancellation' }).click()
  await booked.waitFor({ state: 'detached' })
  await page.getByRole('button', { name: /^Invites/ }).click()
  // In the smallest window, the notices just shown stand below the list, never over the card's Join.
  await page.setViewportSize(MAIN_WINDOW_MIN_SIZE)
  await page.getByRole('status', { name: 'Notices' }).getByText(clash).waitFor()
  await join.scrollIntoViewIfNeeded()
  expect(await join.evaluate(onTop)).toBe(true)
  await join.click()
  await page.getByRole('heading', { name: 'Live session' }).waitFor()
})

it('says a booking whose start window is open is the one to start, on the card', async () => {
  const { platform, expert, shell, open } = await world()
  const ada = expert('Ada Byron', ['tax'])
  const page = await open(await shell(ada))
  await page.getByRole('status').filter({ hasText: 'Online' }).waitFor()
  const start = platform.clock.now() + 30 * MINUTE
  bookScheduled(platform, {
    expertId: ada.id,
    clientId: platform.addClient('Sam Okafor'),
    title: 'Tax review',
    start,
  })
  platform.clock.advanceTo(start - 5 * MINUTE)
  const { request } = platform.server.marketplace.createRequest({
    clientId: platform.addClient('Robin Hale'),
    title: 'Five-minute question',
    kind: 'instant',
    expectedDurationMinutes: 5,
    direct: { expertId: ada.id, via: 'dashboard' },
  })
  const card = page.getByRole('article', { name: request.title })
  await card.getByRole('button', { name: `Join now “${request.title}”` }).click()
  await card
    .getByText(
      /“Tax review” at .+ UTC can be started now, so this instant session was not taken; start that one, or decline this\./,
    )
    .waitFor()
  expect(await page.getByRole('heading', { name: 'Live session' }).count()).toBe(0)
})
