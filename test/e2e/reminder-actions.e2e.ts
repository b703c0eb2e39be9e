/**
 * A booked session's reminder, acted on from its notification: a click on it shows that session
 * in the window; ten minutes before, Start pressed
 * on the reminder (through the browser shell's hook) starts the session as the window's Start
 * does. The window turns to the live session and the room opens in the system browser.
 */
import { expect, it } from 'vitest'
import { useE2e } from './support/fixture'
import { focusLandsOn } from './support/waits'
import { bookThroughApp } from './support/scenario'
import { nextOpened, openedPages, pressNotification, shownSoon } from './support/shell-hooks'

const world = useE2e()
const MINUTE = 60_000

it('a reminder’s Start starts the session: the window shows it live and its room opens', async () => {
  const { platform, expert, shell, open } = await world()
  const ada = expert('Ada Byron', ['sql'])
  const adaShell = await shell(ada)
  await adaShell.waitForConnection((state) => state.status === 'online')
  const bookedAt = platform.clock.now() + 60 * MINUTE
  const title = 'Index for a slow join'
  const session = await bookThroughApp(platform, adaShell, {
    clientId: platform.addClient('Priya Natarajan'),
    expertId: ada.id,
    title,
    bookedAt,
    via: 'dashboard',
  })
  const page = await open(adaShell)
  // The expert is elsewhere in the window when the reminder comes.
  await page.getByRole('button', { name: /^Settings/ }).click()
  await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor()

  const notifier = adaShell.shell.adapters.notifier
  // Thirty minutes before, a click on the reminder shows that session, its card focused.
  const early = shownSoon(notifier, (n) => n.kind === 'reminder')
  platform.clock.advanceTo(bookedAt - 30 * MINUTE)
  expect(await early).toMatchObject({ sessionId: session.id, startAllowed: false })
  await pressNotification(adaShell, { sessionId: session.id }, 'open')
  await page.getByRole('heading', { name: 'Upcoming', level: 1 }).waitFor()
  await focusLandsOn(page.getByRole('article', { name: title }), { within: true })
  await page.getByRole('button', { name: /^Settings/ }).click()

  const reminder = shownSoon(notifier, (n) => n.kind === 'reminder' && n.startAllowed)
  platform.clock.advanceTo(bookedAt - 10 * MINUTE)
  expect(await reminder).toMatchObject({
    sessionId: session.id,
    moment: 'before',
    title: `In 10 minutes: ${title}`,
  })

  const opened = nextOpened(adaShell)
  await pressNotification(adaShell, { sessionId: session.id }, 'start')
  const roomUrl = await opened
  expect(roomUrl.startsWith(`${platform.server.url}/rooms/`)).toBe(true)
  expect(await openedPages(adaShell)).toEqual([roomUrl])
  await page.getByRole('heading', { name: 'Live session', level: 1 }).waitFor()
  await page.getByRole('article', { name: title }).waitFor()
})
