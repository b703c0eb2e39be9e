/**
 * An instant invite fanned out to three experts, acted on from its notification: a click on
 * Linus's opens the popover on the invite with Join now focused; Grace joins from hers, is live
 * and her room opens; Ada's, untouched, is removed the moment the invite is taken.
 */
import { expect, it } from 'vitest'
import type { AppNotification } from '../../src/main/core/ports/notifier'
import { useE2e } from './support/fixture'
import { focusLandsOn } from './support/waits'
import { checkScreen } from './support/screens'
import { nextOpened, openedPages, pressNotification, shownSoon } from './support/shell-hooks'

const world = useE2e()

it('opens the invite from a click, joins from Join, and removes the loser’s notification', async () => {
  const { platform, expert, shell, open } = await world()
  const ada = await shell(expert('Ada Byron', ['react']))
  const grace = await shell(expert('Grace Brewster', ['react']))
  const linus = await shell(expert('Linus Berg', ['react']))
  const popover = await open(linus, { popover: true })
  const full = await open(grace)
  for (const page of [popover, full]) await page.getByRole('status').filter({ hasText: 'Online' }).waitFor()
  const { request } = platform.server.marketplace.createRequest({
    clientId: platform.addClient('Sam Okafor'),
    title: 'Hooks question',
    description: 'useEffect runs twice in development.\nMore below.',
    kind: 'instant',
    tags: ['react'],
    fanOut: 3,
  })
  const adaNotifier = ada.shell.adapters.notifier
  const graceNotifier = grace.shell.adapters.notifier
  const linusNotifier = linus.shell.adapters.notifier
  const isInvite = (n: AppNotification) => n.kind === 'invite'
  const [adaInvite, graceInvite, linusInvite] = await Promise.all(
    [adaNotifier, graceNotifier, linusNotifier].map((notifier) => shownSoon(notifier, isInvite)),
  )
  expect(adaInvite).toMatchObject({
    title: `Sam Okafor: ${request.title}`,
    body: 'Instant · Matched to you\nuseEffect runs twice in development.',
  })

  // A click on the body: the popover shows the invite with its Join now button focused.
  await popover.getByRole('article', { name: request.title }).waitFor()
  if (adaInvite?.kind !== 'invite' || graceInvite?.kind !== 'invite' || linusInvite?.kind !== 'invite') {
    throw new Error('every expert should have an invite notification')
  }
  expect(adaNotifier.onScreen).toEqual([adaInvite])
  linusNotifier.press({ inviteId: linusInvite.inviteId }, 'open')
  await focusLandsOn(popover.getByRole('button', { name: `Join now “${request.title}”` }))

  // Grace presses Join on hers: the same accept as the window's Join, and she is live.
  const adaRemoved = shownSoon(adaNotifier, (n) => n.kind === 'invite_closed')
  const graceRoom = nextOpened(grace)
  await pressNotification(grace, { inviteId: graceInvite.inviteId }, 'primary')
  await full.getByRole('heading', { name: 'Live session' }).waitFor()
  // And the room opened in the system browser, as after the window's Join.
  const roomUrl = await graceRoom
  expect(roomUrl.startsWith(`${platform.server.url}/rooms/`)).toBe(true)
  expect(await openedPages(grace)).toEqual([roomUrl])
  expect(await adaRemoved).toMatchObject({ inviteId: adaInvite.inviteId, body: 'Another expert took it.' })
  expect(adaNotifier.removed).toEqual([adaInvite.inviteId])
  expect(adaNotifier.onScreen).toEqual([])
  await popover.getByText(`Taken by another expert: ${request.title}`).waitFor()
})

it('says in a banner and in Settings when notifications fail, and sends a test notification', async () => {
  const { expert, shell, open } = await world()
  const ada = await shell(expert('Ada Byron', ['react']))
  const app = await open(ada)
  await app.getByRole('status').filter({ hasText: 'Online' }).waitFor()
  await app.getByRole('button', { name: 'Settings' }).click()
  await app.getByText('Notifications are on.').waitFor()
  const notifier = ada.shell.adapters.notifier
  const sent = shownSoon(notifier, (n) => n.kind === 'notice')
  await app.getByRole('button', { name: 'Send a test notification' }).click()
  expect(await sent).toMatchObject({ title: 'Standby test notification' })
  await app.getByText(/Test notification sent/).waitFor()

  const advice = 'Turn on notifications for Standby in System Settings.'
  notifier.setHealth({ status: 'failing', advice })
  await app.getByText(`Notifications are not reaching you. ${advice}`).first().waitFor()
  expect(await app.getByText(advice).count()).toBe(2)
  await checkScreen(app, 'notifications-failing')
  notifier.setHealth({ status: 'ok' })
  await app.getByText(advice).first().waitFor({ state: 'detached' })
})
