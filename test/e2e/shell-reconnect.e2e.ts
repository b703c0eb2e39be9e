/**
 * The page's link to the browser shell breaks (the shell restarted, or dropped the socket): the
 * page opens it again by itself and reads everything again, so what the pushes said meanwhile
 * is on screen without a reload. The test routes the page's IPC socket to drop the pushes, then
 * close it.
 */
import { it } from 'vitest'
import { useE2e } from './support/fixture'
import { routeIpc, type RoutedSocket } from './support/ipc-route'
import { cachedInvite } from './support/scenario'

const world = useE2e()

it('reconnects to the shell and shows what changed while the pushes were lost', async () => {
  const { platform, expert, shell, open } = await world()
  const ada = expert('Ada Byron', ['react'])
  const adaShell = await shell(ada)
  await adaShell.waitForConnection((state) => state.status === 'online')
  let deaf = false
  // The page's first read of the invites has been answered: from then on only pushes tell it more.
  const listCalls = new Set<number>()
  let listRead: (socket: RoutedSocket) => void = () => {}
  const firstListRead = new Promise<RoutedSocket>((resolve) => (listRead = resolve))
  const app = await open(adaShell, {
    beforeLoad: routeIpc({
      fromPage: (call, socket) => {
        if (socket.number === 1 && call.channel === 'invites.list') listCalls.add(call.id)
        return true
      },
      fromShell: (message, socket) => {
        if (socket.number !== 1) return true
        if (deaf && message.event !== undefined) return false
        if (message.id !== undefined && listCalls.has(message.id)) listRead(socket)
        return true
      },
    }),
  })
  const first = await firstListRead

  deaf = true
  const { request } = platform.server.marketplace.createRequest({
    clientId: platform.addClient('Sam Okafor'),
    title: 'Hooks question: stale state in an interval',
    kind: 'instant',
    direct: { expertId: ada.id, via: 'profile' },
  })
  await cachedInvite(adaShell, request.id)
  await first.close(1012, 'The shell restarted')
  await app.getByRole('article', { name: request.title }).waitFor()
})
