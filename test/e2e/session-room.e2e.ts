/**
 * The session room: Join in the window opens the room in the system browser (the browser shell's
 * recording browser, read through its test hook), the room page loads in Chromium showing the
 * request, and the Live session card's "Open room" opens it again.
 */
import { expect, it } from 'vitest'
import { useE2e } from './support/fixture'
import { nextOpened, openedPages } from './support/shell-hooks'
import { checkScreen } from './support/screens'

const world = useE2e()

it('opens the room when the expert joins, shows the request there, and opens it again from the Live card', async () => {
  const { platform, expert, shell, open } = await world()
  const ada = expert('Ada Byron', ['react'])
  const adaShell = await shell(ada)
  const a = await open(adaShell)
  await a.getByRole('status').filter({ hasText: 'Online' }).waitFor()

  const { request } = platform.server.marketplace.createRequest({
    clientId: platform.addClient('Sam Okafor'),
    title: 'Memo <Table> re-renders',
    description: 'Typing in the filter box lags on a 2,000-row table.',
    kind: 'instant',
    direct: { expertId: ada.id, via: 'profile' },
  })
  const card = a.getByRole('article', { name: request.title })
  const opened = nextOpened(adaShell)
  await card.getByRole('button', { name: `Join now “${request.title}”` }).click()
  const roomUrl = await opened
  await a.getByRole('heading', { name: 'Live session' }).waitFor()
  expect(await openedPages(adaShell)).toEqual([roomUrl])
  expect(roomUrl.startsWith(`${platform.server.url}/rooms/`)).toBe(true)

  const room = await a.context().newPage()
  const response = await room.goto(roomUrl)
  expect(response?.status()).toBe(200)
  await room.getByRole('heading', { name: request.title, level: 1 }).waitFor()
  const text = await room.locator('main').textContent()
  expect(text).toContain('Typing in the filter box lags on a 2,000-row table.')
  expect(text).toContain('Sam Okafor')
  expect(text).toContain('Not billing')
  await checkScreen(room, 'session-room')

  const again = nextOpened(adaShell)
  await a.getByRole('button', { name: 'Open room' }).click()
  expect(await again).toBe(roomUrl)
  expect(await openedPages(adaShell)).toEqual([roomUrl, roomUrl])
})
