/**
 * A busy day, for the screens the other tests do not reach: history, stats, settings, an invite
 * whose proposed time overlaps a booked session (and whose other time passes), its Decline
 * reasons, and the tray popover. Also checks that settings and availability changes are saved.
 */
import { expect, it } from 'vitest'
import { busyDay, MINUTE } from './support/busy-day'
import { useE2e } from './support/fixture'
import { checkScreen } from './support/screens'

const world = useE2e()

it('shows the invites with a conflicting proposed time, then history and stats', async () => {
  const { page } = await busyDay(world)
  const instantCard = page.getByRole('article', { name: 'useEffect runs twice in development' })
  await instantCard.getByText(/^Waiting \d+:\d\d/).waitFor()
  await checkScreen(page, 'invites-conflict')

  await page.getByRole('button', { name: 'History' }).click()
  const list = page.getByRole('list', { name: 'Past sessions' })
  await list.getByText('Discounted 25%').waitFor()
  await list.getByText('Cancelled: nobody joined').waitFor()
  expect(await list.getByRole('listitem').count()).toBe(5)
  await checkScreen(page, 'history')

  await page.getByRole('button', { name: 'My stats' }).click()
  await page.getByText('Sessions done').waitFor()
  await page
    .getByRole('table', { name: /Recent answers/ })
    .getByRole('rowheader', { name: 'Missed invites' })
    .waitFor()
  await checkScreen(page, 'stats')
})

it('saves the sound and an availability set in Settings', async () => {
  const { page, adaShell, ada, marketplace } = await busyDay(world)
  await page.getByRole('button', { name: 'Settings' }).click()
  const sound = page.getByRole('switch', { name: /Sound/ })
  await sound.uncheck()
  await adaShell.waitForSettings((settings) => !settings.soundEnabled)
  await page.getByRole('radio', { name: /Online until/ }).check()
  await page
    .getByRole('textbox', { name: 'Online until' })
    .or(page.getByLabel('Online until', { exact: true }))
    .last()
    .fill('18:30')
  await page.getByRole('button', { name: 'Set availability' }).click()
  await page.getByText(/^You are online until/).waitFor()
  expect(marketplace.store.expert(ada.id).onlineUntil).not.toBeNull()
  await checkScreen(page, 'settings')
})

it('joins from the popover, refuses a Book that overlaps, and asks why on Decline', async () => {
  const { platform, page, card, adaShell, ada, marketplace, overlapping, open } = await busyDay(world)
  const popover = await open(adaShell, { popover: true })
  const instant = popover.getByRole('article', { name: 'useEffect runs twice in development' })
  await instant.waitFor()
  await checkScreen(popover, 'popover')

  // Joining from the popover: the live session takes its place at the top.
  await instant.getByRole('button', { name: /^Join/ }).click()
  await popover
    .getByRole('region', { name: 'Live session' })
    .getByText('Building context · not billable')
    .waitFor()
  await checkScreen(popover, 'popover-live')

  // Back in the window: Book on the overlapping time is refused with the session named, a time the
  // platform's clock has passed cannot be booked, and Decline asks why.
  await page.getByRole('button', { name: /^Invites/ }).click()
  const times = card.getByRole('listitem')
  await times
    .filter({ hasText: 'Overlaps “Accessibility audit' })
    .getByRole('button', { name: /^Book/ })
    .click()
  await card
    .getByRole('alert')
    .getByText(/^Could not book: that time overlaps your session “Accessibility audit of a checkout”/)
    .waitFor()
  platform.clock.advance(11 * MINUTE)
  const passed = times.filter({ hasText: 'This time has passed and can no longer be booked' })
  await passed.waitFor()
  expect(await passed.getByRole('button', { name: /^Book/ }).isDisabled()).toBe(true)
  await checkScreen(page, 'invites-passed-time')

  await card.getByRole('button', { name: /^Decline/ }).click()
  const reasons = card.getByRole('group', { name: 'Why? (optional)' })
  await reasons.getByRole('button', { name: 'Not my topic' }).waitFor()
  await checkScreen(page, 'invite-decline-reasons')
  // The first reason has focus: Enter chooses it.
  await page.keyboard.press('Enter')
  await card.waitFor({ state: 'detached' })
  const recorded = marketplace.db
    .prepare('SELECT decline_reason FROM invites WHERE request_id = ? AND expert_id = ?')
    .pluck()
    .get(overlapping.request.id, ada.id)
  expect(recorded).toBe('not_my_topic')
})
