/**
 * A browser tab opened on the shell's address without this run's key (typed by hand, a bookmark):
 * the shell would refuse its socket every time. The page says what happened and what to do, and
 * does not keep knocking.
 */
import { expect, it } from 'vitest'
import { useE2e } from './support/fixture'

const world = useE2e()

it('tells a tab opened without the key what to do, and does not keep trying to connect', async () => {
  const { expert, shell, open } = await world()
  const app = await shell(expert('Ada Byron', ['sql']))
  await app.waitForConnection((state) => state.status === 'online')
  const first = await open(app)
  // A new tab of the same browser: the key the first tab kept is its own, not this one's.
  const tab = await first.context().newPage()
  const sockets: string[] = []
  tab.on('websocket', (socket) => sockets.push(socket.url()))
  await tab.goto(`${app.shell.origin}/`)
  const alert = tab.getByRole('alert')
  await alert.getByText('This page was opened without Standby’s key').waitFor()
  await tab.getByText('Open Standby from the link it printed').waitFor()
  // The page loaded in full (its scripts ran) and opened no socket the shell would refuse.
  await tab.waitForLoadState('load')
  expect(sockets).toEqual([])
})

it('tells a tab holding an earlier run’s key what to do, and knocks once only', async () => {
  const { expert, shell, open } = await world()
  const app = await shell(expert('Ada Byron', ['sql']))
  await app.waitForConnection((state) => state.status === 'online')
  const first = await open(app)
  // A tab left open while Standby restarted holds the key of the run before: its address says so.
  const tab = await first.context().newPage()
  const sockets: string[] = []
  tab.on('websocket', (socket) => sockets.push(socket.url()))
  await tab.goto(`${app.shell.origin}/?secret=key-of-an-earlier-run`)
  const alert = tab.getByRole('alert')
  await alert.getByText('This page holds the key of an earlier run of Standby').waitFor()
  await tab.getByText('Open Standby from the link it printed').waitFor()
  expect(sockets).toHaveLength(1)
})
