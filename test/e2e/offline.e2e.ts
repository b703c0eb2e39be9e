/**
 * The platform goes away: the banner says offline with the last-synced time and the cached
 * sessions stay on screen; the platform comes back: the banner returns to online, same page. An
 * invite whose time runs out meanwhile leaves the open list then, not when the platform is back.
 * Meanwhile the buttons that need the platform refuse, saying why beside them.
 */
import { expect, it } from 'vitest'
import { driveUntil, pageTime } from './support/harness'
import { useE2e } from './support/fixture'
import { bookThroughApp, cachedInvite, untilCore } from './support/scenario'
import { checkScreen } from './support/screens'
import { titleBecomes } from './support/waits'

const world = useE2e()
const HOUR = 3_600_000

it('shows offline with the last-synced time and the cached sessions, then online again without a reload', async () => {
  const { platform, expert, shell, open } = await world()
  const ada = expert('Ada Byron', ['linux'])
  const client = platform.addClient('Jonas Lind')
  const adaShell = await shell(ada)
  await adaShell.waitForConnection((state) => state.status === 'online')
  const bookedAt = platform.clock.now() + 2 * HOUR
  const { request } = await bookThroughApp(platform, adaShell, {
    clientId: client,
    expertId: ada.id,
    title: 'Docker build cache keeps missing',
    bookedAt,
    via: 'profile',
  })

  const page = await open(adaShell)
  await page.getByRole('button', { name: /^Upcoming/ }).click()
  const row = page.getByRole('article', { name: request.title })
  await row.waitFor()
  const banner = page.getByRole('region', { name: 'Connection' })
  await banner.getByText('Online').waitFor()
  // A marker that a reload would wipe.
  await page.evaluate(() => Object.assign(window, { sameDocument: true }))

  await platform.stopServer()
  await driveUntil(platform, adaShell, 'offline')
  const state = adaShell.connection()
  if (state.status !== 'offline' || state.lastSyncedAt === null) throw new Error(`unexpected ${state.status}`)
  await banner.getByText(`Offline · last synced ${pageTime(state.lastSyncedAt)}`).waitFor()
  // What went wrong and what to do, then when Standby tries again, said once, by the banner.
  const detail = await banner.locator('.banner-detail').innerText()
  expect(detail.match(/tries again|try again|trying again|next try/gi), detail).toHaveLength(1)
  expect(detail, detail).toMatch(
    /^Showing the copy saved on this computer\. The platform at \S+ is unreachable \(connection refused\)\. The address is right \([^)]+\): [^.]+\. If this goes on, check your connection\. Trying again in [^.]+\.$/,
  )
  expect(await row.isVisible()).toBe(true)
  await checkScreen(page, 'offline')

  await platform.startServer()
  await driveUntil(platform, adaShell, 'online')
  await banner.getByText('Online', { exact: true }).waitFor()
  expect(await page.evaluate(() => (window as { sameDocument?: boolean }).sameDocument)).toBe(true)
  expect(await row.isVisible()).toBe(true)
})

it('takes an invite whose time runs out while the platform is away off the open list at once, and says so once', async () => {
  const { platform, expert, shell, open } = await world()
  const ada = expert('Ada Byron', ['react'])
  const adaShell = await shell(ada)
  const page = await open(adaShell)
  const banner = page.getByRole('region', { name: 'Connection' })
  await banner.getByText('Online').waitFor()
  const { request } = platform.inviteDirectly(ada.id, 'Flaky test only fails on CI')
  const card = page.getByRole('article', { name: request.title })
  await card.waitFor()
  const invite = await cachedInvite(adaShell, request.id)
  await titleBecomes(page, 'Standby (1)')

  await platform.stopServer()
  platform.clock.advanceTo(invite.expiresAt)
  await card.waitFor({ state: 'detached' })
  const expired = page.getByRole('button', { name: `Dismiss: Expired: ${request.title}` })
  await expired.waitFor()
  const missed = page.getByRole('region', { name: 'Missed' })
  await missed.getByText(request.title).waitFor()
  expect(await missed.textContent()).toContain('Expired')
  await titleBecomes(page, 'Standby')
  await expired.click()

  // The platform's own word on it, once it is back, is the same news: not told again.
  await platform.startServer()
  await driveUntil(platform, adaShell, 'online')
  await banner.getByText('Online', { exact: true }).waitFor()
  const cache = adaShell.shell.runtime.core.cache
  await untilCore(adaShell, 'the platform’s word that the invite expired', () =>
    cache.invite(invite.id)?.state === 'expired' ? true : undefined,
  )
  // A barrier before counting what is absent: the page shows a later invite's card only after
  // everything the shell sent it before, the platform's word on the expiry included.
  const later = platform.inviteDirectly(ada.id, 'Sent once the platform was back')
  await page.getByRole('article', { name: later.request.title }).waitFor()
  expect(await page.getByText(`Expired: ${request.title}`).count()).toBe(0)
  expect(await missed.getByText(request.title).count()).toBe(1)
})

it('refuses Join while offline, saying why beside it, and joins once the platform is back', async () => {
  const { platform, expert, shell, open } = await world()
  const ada = expert('Ada Byron', ['react'])
  const adaShell = await shell(ada)
  const page = await open(adaShell)
  const popover = await open(adaShell, { popover: true })
  const banner = page.getByRole('region', { name: 'Connection' })
  await banner.getByText('Online').waitFor()
  const { request } = platform.inviteDirectly(ada.id, 'Hooks run twice in dev')
  const card = page.getByRole('article', { name: request.title })
  const join = card.getByRole('button', { name: `Join now “${request.title}”` })
  await join.waitFor()
  const why = card.getByText(/^Offline · this needs the platform\./)

  await platform.stopServer()
  await driveUntil(platform, adaShell, 'offline')
  await why.waitFor()
  expect(await join.getAttribute('aria-disabled')).toBe('true')
  // Refusing, not disabled: the keyboard and screen readers still reach it.
  expect(await join.evaluate((button) => (button as HTMLButtonElement).disabled)).toBe(false)
  const describedBy = (await join.getAttribute('aria-describedby')) ?? ''
  expect(describedBy.split(' ')).toContain(await why.getAttribute('id'))
  expect(await why.textContent()).toContain('try again once it is online')
  // Pressed from the keyboard, it keeps the focus and starts nothing: a press that ran would say
  // "Joining…" in the same turn.
  await join.focus()
  await page.keyboard.press('Enter')
  expect(await join.evaluate((button) => button === document.activeElement)).toBe(true)
  expect(await join.getAttribute('aria-busy')).toBe('false')
  // Message client needs nothing from the platform to open; sending from the keyboard, which
  // bypasses the button, sends nothing either and keeps what was typed.
  await card.getByRole('button', { name: 'Message client' }).click()
  const box = card.getByRole('textbox', { name: /^Message to / })
  await box.fill('Can you share the component?')
  const send = card.getByRole('button', { name: 'Send', exact: true })
  expect(await send.getAttribute('aria-disabled')).toBe('true')
  await box.press('Control+Enter')
  expect(await send.getAttribute('aria-busy')).toBe('false')
  expect(await box.inputValue()).toBe('Can you share the component?')
  await checkScreen(page, 'offline-refusing')
  // The popover's card refuses the same way.
  const popoverCard = popover.getByRole('article', { name: request.title })
  const popoverWhy = popoverCard.getByText(/^Offline · this needs the platform\./)
  await popoverWhy.waitFor()
  const popoverJoin = popoverCard.getByRole('button', { name: `Join now “${request.title}”` })
  expect(await popoverJoin.getAttribute('aria-disabled')).toBe('true')
  await checkScreen(popover, 'offline-refusing-popover')

  await platform.startServer()
  await driveUntil(platform, adaShell, 'online')
  await banner.getByText('Online', { exact: true }).waitFor()
  // Every sentence saying why goes: the card's, the thread's and the popover's.
  for (const surface of [page, popover])
    await surface.waitForFunction(() => document.querySelector('.platform-refusal') === null)
  // Had the press while offline gone anywhere, its failure would be on the card by now.
  expect(await card.getByRole('alert').count()).toBe(0)
  await box.press('Control+Enter')
  await card.getByRole('log').getByText('Can you share the component?').waitFor()
  await join.click()
  await page.getByRole('heading', { name: 'Live session' }).waitFor()
  await page.getByText('Building context · not billable').waitFor()
})
