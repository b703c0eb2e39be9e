/**
 * A browser tab opened on the shell's address without this run's key (typed by hand, a bookmark),
 * or holding an earlier run's (left open while Standby restarted): the shell would refuse its
 * socket every time. The page says what happened and what to do, and does not keep knocking.
 */
import { expect, it } from 'vitest'
import { useE2e } from './support/fixture'

const world = useE2e()

it.each([
  {
    holding: 'no key',
    query: '',
    says: 'This page was opened without Standby’s key',
    // The page knows it has no key before it would open a socket.
    sockets: 0,
  },
  {
    holding: 'an earlier run’s key',
    query: '?secret=key-of-an-earlier-run',
    says: 'This page holds the key of an earlier run of Standby',
    // Only the shell can tell the key is not this run's: it is told once.
    sockets: 1,
  },
])('tells a tab holding $holding what to do, and does not keep trying to connect', async (tabCase) => {
  const { expert, shell, open } = await world()
  const app = await shell(expert('Ada Byron', ['sql']))
  await app.waitForConnection((state) => state.status === 'online')
  const first = await open(app)
  // A new tab of the same browser: the key the first tab kept is its own, not this one's.
  const tab = await first.context().newPage()
  const sockets: string[] = []
  tab.on('websocket', (socket) => sockets.push(socket.url()))
  await tab.goto(`${app.shell.origin}/${tabCase.query}`)
  await tab.getByRole('alert').getByText(tabCase.says).waitFor()
  await tab.getByText('Open Standby from the link it printed').waitFor()
  // The page loaded in full (its scripts ran).
  await tab.waitForLoadState('load')
  expect(sockets).toHaveLength(tabCase.sockets)
})
