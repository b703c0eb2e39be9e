/**
 * What the window does when the host asks it to show an invite (Electron sends focus.requested for
 * a standby:// link, as for a press on a notification; the browser shell has no links, so the test
 * delivers the push on the page's socket): it opens Invites with that invite's main button
 * focused (its card, for a link), or says the invite is no longer open.
 */
import type { CDPSession, Locator } from 'playwright'
import { expect, it } from 'vitest'
import type { FocusTarget } from '../../src/shared/ipc/contract'
import { useE2e } from './support/fixture'
import { LOCALE, TIME_ZONE } from './support/harness'
import { focusLandsOn } from './support/waits'
import { routeIpc, type RoutedSocket } from './support/ipc-route'
import { bookThroughApp, cachedInvite } from './support/scenario'
import { bookScheduled } from '../support/booking'

const world = useE2e()

/**
 * Ada's window with its IPC socket routed: `show` delivers focus.requested as the host would, and
 * while `hold` is on, cache.changed pushes wait until `release`. With `listsHeld`, the shell's
 * answers to the page's reads of the invites wait from the start until `answerLists`. `moveZone`
 * changes the zone of the open page, as the OS's does for Chromium when the expert travels.
 */
async function adaWindow({ listsHeld = false } = {}) {
  const { platform, expert, shell, open } = await world()
  const ada = expert('Ada Byron', ['react'])
  const adaShell = await shell(ada)
  let connected: (socket: RoutedSocket) => void = () => undefined
  const socket = new Promise<RoutedSocket>((resolve) => (connected = resolve))
  const held: unknown[] = []
  const holding = { on: false, lists: listsHeld }
  const listCalls = new Set<number>()
  const sent: string[] = []
  const heldLists: unknown[] = []
  let listHeld: () => void = () => undefined
  const firstListHeld = new Promise<void>((resolve) => (listHeld = resolve))
  let devtools: CDPSession | undefined
  const moveZone = async (timezoneId: string): Promise<void> => {
    await devtools?.send('Emulation.setTimezoneOverride', { timezoneId })
  }
  const route = routeIpc({
    fromPage: (call, routed) => {
      connected(routed)
      sent.push(call.channel)
      if (call.channel === 'invites.list') listCalls.add(call.id)
      return true
    },
    fromShell: (message) => {
      if (holding.lists && message.id !== undefined && listCalls.has(message.id)) {
        heldLists.push(message)
        listHeld()
        return false
      }
      if (!holding.on || message.event !== 'cache.changed') return true
      held.push(message)
      return false
    },
  })
  // The zone is set over the devtools protocol, not the browser context's option, so it can change.
  const page = await open(adaShell, {
    timeZone: null,
    beforeLoad: async (opening) => {
      devtools = await opening.context().newCDPSession(opening)
      await moveZone(TIME_ZONE)
      await route(opening)
    },
  })
  const routed = await socket
  const toPage = (messages: unknown[]): void => {
    for (const message of messages.splice(0)) routed.toPage(JSON.stringify(message))
  }
  return {
    platform,
    ada,
    adaShell,
    page,
    /** The channels of the page's calls to the shell, in the order sent. */
    sent,
    show: (target: FocusTarget) =>
      routed.toPage(JSON.stringify({ event: 'focus.requested', payload: target })),
    hold: () => (holding.on = true),
    release: () => {
      holding.on = false
      toPage(held)
    },
    moveZone,
    firstListHeld,
    answerLists: () => {
      holding.lists = false
      toPage(heldLists)
    },
  }
}

/**
 * Presses Enter and Space on the focused `card`, then has the page read its lists for `gone` (an
 * item it does not hold) and say so: that read goes after anything the keys sent, and `command`
 * must not be among it.
 */
async function keysSendNothing(
  { page, show, sent }: Awaited<ReturnType<typeof adaWindow>>,
  card: Locator,
  gone: FocusTarget,
  command: string,
): Promise<void> {
  await focusLandsOn(card)
  await page.keyboard.press('Enter')
  await page.keyboard.press('Space')
  show(gone)
  await page
    .getByRole('status', { name: 'Notices' })
    .getByText(/That (invite|session) is no longer (open|upcoming)/)
    .waitFor()
  expect(sent.filter((channel) => channel === command)).toEqual([])
}

it('opens Invites on the invite a link names with its card focused, so an Enter or Space meant for another app joins nothing', async () => {
  const window = await adaWindow()
  const { platform, ada, adaShell, page, show } = window
  const { request } = platform.inviteDirectly(ada.id, 'Query plan flips after ANALYZE')
  const card = page.getByRole('article', { name: request.title })
  await card.waitFor()
  const invite = await cachedInvite(adaShell, request.id)

  await page.getByRole('button', { name: /^Upcoming/ }).click()
  await card.waitFor({ state: 'detached' })
  // Any web page can open a standby:// link, at the moment it picks.
  show({ kind: 'invite', inviteId: invite.id, link: true })
  await card.waitFor()
  await keysSendNothing(
    window,
    card,
    { kind: 'invite', inviteId: 'inv_long_gone', link: true },
    'invites.accept',
  )
  expect(await card.getByRole('button', { name: 'Join now' }).isEnabled()).toBe(true)
  // A press on its notification still focuses Join: the expert asked for it just then.
  show({ kind: 'invite', inviteId: invite.id })
  await focusLandsOn(card.getByRole('button', { name: 'Join now' }))
})

it('focuses the invite, never calling it gone, when the ask came a push ahead of the page’s list', async () => {
  const { platform, ada, adaShell, page, show, hold, release } = await adaWindow()
  await page.getByRole('heading', { name: 'Invites', level: 1 }).waitFor()
  hold()
  const { request } = platform.inviteDirectly(ada.id, 'Index not used after a migration')
  const invite = await cachedInvite(adaShell, request.id)
  show({ kind: 'invite', inviteId: invite.id })
  const card = page.getByRole('article', { name: request.title })
  release()
  await card.waitFor()
  await focusLandsOn(card.getByRole('button', { name: 'Join now' }))
  expect(await page.getByText(/That invite is no longer open/).count()).toBe(0)
})

it('focuses the invite, never calling it gone, when the page’s read on its way was asked before the invite came', async () => {
  const { platform, ada, adaShell, page, show, hold, release, firstListHeld, answerLists } = await adaWindow({
    listsHeld: true,
  })
  await firstListHeld
  hold()
  const { request } = platform.inviteDirectly(ada.id, 'Deadlock between two migrations')
  const invite = await cachedInvite(adaShell, request.id)
  show({ kind: 'invite', inviteId: invite.id })
  // The read the page started at load answers now, without the invite, and its push is still held.
  answerLists()
  const card = page.getByRole('article', { name: request.title })
  const gone = page.getByRole('status', { name: 'Notices' }).getByText(/That invite is no longer open/)
  await card.or(gone).waitFor()
  expect(await gone.count()).toBe(0)
  await focusLandsOn(card.getByRole('button', { name: 'Join now' }))
  release()
})

/**
 * A direct invite titled `title` on Ada's window whose time then runs out, with the host's push
 * that takes it off the list held: the card stays, and must stop offering Join on its own.
 */
async function runOutHeld(window: Awaited<ReturnType<typeof adaWindow>>, title: string) {
  const { platform, ada, adaShell, page, hold } = window
  const { request } = platform.inviteDirectly(ada.id, title)
  const card = page.getByRole('article', { name: request.title })
  await card.waitFor()
  const invite = await cachedInvite(adaShell, request.id)
  hold()
  platform.clock.advanceTo(invite.expiresAt)
  return { card, invite }
}

it('shows a card whose time ran out as expired without Join, and says so when a link names it', async () => {
  const window = await adaWindow()
  const { page, show, release } = window
  const { card, invite } = await runOutHeld(window, 'Service worker serves a stale bundle')
  await card.getByText(/This invite expired at .+, so it can no longer be joined/).waitFor()
  expect(await card.getByRole('button', { name: /Join now/ }).count()).toBe(0)
  expect(await card.getByRole('button', { name: /Decline/ }).count()).toBe(0)

  release()
  await card.waitFor({ state: 'detached' })
  show({ kind: 'invite', inviteId: invite.id })
  await page
    .getByRole('status', { name: 'Notices' })
    .getByText('That invite expired, so it can no longer be joined or booked; Missed keeps a record of it.')
    .waitFor()
})

it('writes a run-out card’s time in the zone the computer moved to while the window was open', async () => {
  const window = await adaWindow()
  const { platform, release, moveZone } = window
  const { card, invite } = await runOutHeld(window, 'Cron job runs an hour late')
  const timeIn = (timeZone: string): string =>
    new Intl.DateTimeFormat(LOCALE, { timeStyle: 'short', timeZone }).format(invite.expiresAt)
  await card.getByText(`This invite expired at ${timeIn(TIME_ZONE)},`).waitFor()
  // The expert lands in Tokyo: the OS's zone changes under the open window, as Chromium follows it.
  await moveZone('Asia/Tokyo')
  // The page reads the zone again at its next tick of the platform's time.
  platform.clock.advance(1_000)
  expect(timeIn('Asia/Tokyo')).not.toBe(timeIn(TIME_ZONE))
  await card.getByText(`This invite expired at ${timeIn('Asia/Tokyo')},`).waitFor()
  release()
})

it('opens the window on the session a link names with its card focused, so an Enter meant elsewhere starts nothing', async () => {
  const window = await adaWindow()
  const { platform, ada, adaShell, page, show } = window
  const title = 'Index for a slow join'
  const session = await bookThroughApp(platform, adaShell, {
    clientId: platform.addClient('Priya Natarajan'),
    expertId: ada.id,
    title,
    bookedAt: platform.clock.now() + 5 * 60_000,
    via: 'dashboard',
  })
  const card = page.getByRole('article', { name: title })
  show({ kind: 'session', sessionId: session.id, link: true })
  await keysSendNothing(
    window,
    card,
    { kind: 'session', sessionId: 'ses_long_gone', link: true },
    'sessions.join',
  )
  expect(await card.getByRole('button', { name: /Start/ }).first().isEnabled()).toBe(true)
})

it('opens the window on a session far down a long Upcoming, its card drawn and focused', async () => {
  const window = await adaWindow()
  const { platform, ada, page, show } = window
  const clientId = platform.addClient('Sam Okafor')
  let far = ''
  for (let n = 1; n <= 150; n++) {
    const requestId = bookScheduled(platform, {
      expertId: ada.id,
      clientId,
      title: `Report query ${n}`,
      start: platform.clock.now() + (60 + 30 * n) * 60_000,
    })
    far = platform.server.marketplace.db
      .prepare('SELECT id FROM sessions WHERE request_id = ?')
      .pluck()
      .get(requestId) as string
  }
  await page.getByRole('button', { name: /^Upcoming/ }).click()
  const list = page.getByRole('list', { name: 'Booked sessions' })
  await list.locator('li[aria-setsize="150"]').first().waitFor()
  const card = page.getByRole('article', { name: /^Report query 150 on / })
  expect(await card.count()).toBe(0)
  show({ kind: 'session', sessionId: far, link: true })
  await focusLandsOn(card)
})
