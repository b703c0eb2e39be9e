/**
 * A busy day, for the screens the other tests do not reach: history, stats, settings, an invite
 * whose proposed time overlaps a booked session (and whose other time passes), its Decline
 * reasons, and the tray popover. Also checks that settings and availability changes are saved.
 */
import { expect, it } from 'vitest'
import type { Outcome } from '../../src/shared/protocol/entities'
import { useE2e } from './support/fixture'
import { accept, cachedInvite } from './support/scenario'
import { checkScreen } from './support/screens'
import type { TestShell } from './support/harness'

const world = useE2e()
const MINUTE = 60_000
const HOUR = 60 * MINUTE

async function command<N extends 'session.startBilling' | 'session.end'>(
  shell: TestShell,
  name: N,
  payload: N extends 'session.end' ? { sessionId: string; outcome: Outcome } : { sessionId: string },
): Promise<void> {
  const outcome = await shell.shell.runtime.core.command(name, payload as never)
  if (!outcome.ok) throw new Error(`${name}: ${outcome.error.message}`)
}

/**
 * Ada's busy day: four ended sessions (charged, discounted, free, charged), a booked one nobody
 * joined, one booked tomorrow, an invite proposing a time that overlaps it, and an open instant
 * invite. Each test builds its own, so each stays within its time limit on a busy machine.
 */
async function busyDay() {
  const { platform, expert, shell, open } = await world()
  const ada = expert('Ada Byron', ['react'])
  const clients = ['Sam Okafor', 'Priya Natarajan', 'Jonas Lind', 'Mei Chen'].map((name) =>
    platform.addClient(name),
  )
  const adaShell = await shell(ada)
  await adaShell.waitForConnection((state) => state.status === 'online')
  const { marketplace } = platform.server

  const titles = [
    'Hooks question: stale state in an interval',
    'Next.js build fails on Vercel only',
    'TypeScript generics for a form library',
    'Webpack to Vite migration plan',
  ]
  const outcomes: Outcome[] = [
    { kind: 'charged' },
    { kind: 'discounted', percent: 25 },
    { kind: 'free' },
    { kind: 'charged' },
  ]
  for (const [n, title] of titles.entries()) {
    const { request } = marketplace.createRequest({
      clientId: clients[n % clients.length]!,
      title,
      kind: 'instant',
      direct: { expertId: ada.id, via: n % 2 === 0 ? 'profile' : 'dashboard' },
    })
    const session = await accept(adaShell, await cachedInvite(adaShell, request.id))
    marketplace.clientJoin(session.id)
    const free = outcomes[n]!.kind === 'free'
    if (!free) await command(adaShell, 'session.startBilling', { sessionId: session.id })
    platform.clock.advance((15 + 10 * n) * MINUTE)
    await command(adaShell, 'session.end', { sessionId: session.id, outcome: outcomes[n]! })
  }
  // A booked session nobody joins is cancelled by the platform.
  const missedAt = platform.clock.now() + HOUR
  const noShow = marketplace.createRequest({
    clientId: clients[0]!,
    title: 'Code review of a payment form',
    kind: 'scheduled',
    proposedTimes: [missedAt],
    direct: { expertId: ada.id, via: 'dashboard' },
  })
  await accept(adaShell, await cachedInvite(adaShell, noShow.request.id), missedAt)
  platform.clock.advance(HOUR + 11 * MINUTE)

  // Tomorrow: one booked session, and an invite proposing a time that overlaps it.
  const tomorrow = platform.clock.now() + 24 * HOUR
  const soon = platform.clock.now() + 10 * MINUTE
  const booked = marketplace.createRequest({
    clientId: clients[1]!,
    title: 'Accessibility audit of a checkout',
    kind: 'scheduled',
    proposedTimes: [tomorrow],
    expectedDurationMinutes: 60,
    direct: { expertId: ada.id, via: 'profile' },
  })
  await accept(adaShell, await cachedInvite(adaShell, booked.request.id), tomorrow)
  const overlapping = marketplace.createRequest({
    clientId: clients[2]!,
    title: 'Redux to Zustand: is it worth it?',
    description: 'We have 40 slices and a lot of thunks. I would like an opinion before we start.',
    kind: 'scheduled',
    // The first is soon: later the platform's clock passes it.
    proposedTimes: [soon, tomorrow + 30 * MINUTE, tomorrow + 3 * HOUR],
    expectedDurationMinutes: 30,
    tags: ['react'],
    attachments: [
      {
        name: 'store-diagram.png',
        sizeBytes: 312_000,
        mimeType: 'image/png',
        url: 'https://files.example.test/d.png',
      },
    ],
  })
  marketplace.createRequest({
    clientId: clients[3]!,
    title: 'useEffect runs twice in development',
    description: 'Is this StrictMode? My fetch fires twice and I get duplicate rows.',
    kind: 'instant',
    tags: ['react'],
  })

  const page = await open(adaShell)
  const card = page.getByRole('article', { name: overlapping.request.title })
  await card.getByText(/Overlaps “Accessibility audit of a checkout”/).waitFor()
  return { platform, adaShell, ada, marketplace, overlapping, open, page, card }
}

it('shows the invites with a conflicting proposed time, then history and stats', async () => {
  const { page } = await busyDay()
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
  const { page, adaShell, ada, marketplace } = await busyDay()
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
  const { platform, page, card, adaShell, ada, marketplace, overlapping, open } = await busyDay()
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
