/**
 * What the window does when the host asks it to show an invite (Electron sends app.showItem for a
 * standby:// link; the browser shell has no links, so the test delivers the push on the page's
 * socket): it opens Invites with that card focused, or says the invite is no longer open.
 */
import { expect, it } from 'vitest'
import type { ShowItem } from '../../src/shared/ipc/contract'
import { useE2e } from './support/fixture'
import { routeIpc, type RoutedSocket } from './support/ipc-route'

const world = useE2e()

it('opens Invites on the invite a link names, focused, and says so when it is no longer open', async () => {
  const { platform, expert, shell, open } = await world()
  const ada = expert('Ada Byron', ['react'])
  const adaShell = await shell(ada)
  let socket: RoutedSocket | undefined
  const page = await open(adaShell, {
    beforeLoad: routeIpc({
      fromPage: (_call, routed) => {
        socket = routed
        return true
      },
    }),
  })
  const { request } = platform.inviteDirectly(ada.id, 'Query plan flips after ANALYZE')
  const card = page.getByRole('article', { name: request.title })
  await card.waitFor()
  const inviteId = await card.getAttribute('data-invite-id')
  const show = (item: ShowItem): void =>
    socket?.toPage(JSON.stringify({ event: 'app.showItem', payload: item }))

  await page.getByRole('button', { name: /^Upcoming/ }).click()
  await card.waitFor({ state: 'detached' })
  show({ kind: 'invite', id: inviteId!, open: true, request: 1 })
  await card.waitFor()
  await expect.poll(() => card.evaluate((element) => element === document.activeElement)).toBe(true)

  show({ kind: 'invite', id: 'inv_long_gone', open: false, request: 2 })
  await page.getByRole('status', { name: 'Notices' }).getByText('That invite is no longer open').waitFor()
})
