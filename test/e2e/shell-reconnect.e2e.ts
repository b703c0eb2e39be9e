/**
 * The page's link to the browser shell breaks (the shell restarted, or dropped the socket): the
 * page opens it again by itself and reads everything again, so what the pushes said meanwhile
 * is on screen without a reload. The test routes the page's IPC socket to drop the pushes, then
 * close it.
 */
import { it } from 'vitest'
import type { WebSocketRoute } from 'playwright'
import { useE2e } from './support/fixture'
import { cachedInvite } from './support/scenario'

const world = useE2e()

it('reconnects to the shell and shows what changed while the pushes were lost', async () => {
  const { platform, expert, shell, open } = await world()
  const ada = expert('Ada Byron', ['react'])
  const adaShell = await shell(ada)
  await adaShell.waitForConnection((state) => state.status === 'online')
  const routes: WebSocketRoute[] = []
  let deaf = false
  // The page's first read of the invites has been answered: from then on only pushes tell it more.
  let listRead: () => void = () => {}
  const firstListRead = new Promise<void>((resolve) => (listRead = resolve))
  const app = await open(adaShell, {
    beforeLoad: (tab) =>
      tab.routeWebSocket(/\/standby-ipc/, (page) => {
        routes.push(page)
        const first = routes.length === 1
        const host = page.connectToServer()
        const listCalls = new Set<number>()
        page.onMessage((message) => {
          const call = JSON.parse(String(message)) as { id: number; channel: string }
          if (call.channel === 'invites.list') listCalls.add(call.id)
          host.send(message)
        })
        host.onMessage((message) => {
          const sent = JSON.parse(String(message)) as { id?: number; event?: string }
          if (first && deaf && sent.event !== undefined) return
          page.send(message)
          if (sent.id !== undefined && listCalls.has(sent.id)) listRead()
        })
      }),
  })
  await firstListRead

  deaf = true
  const { request } = platform.server.marketplace.createRequest({
    clientId: platform.addClient('Sam Okafor'),
    title: 'Hooks question: stale state in an interval',
    kind: 'instant',
    direct: { expertId: ada.id, via: 'profile' },
  })
  await cachedInvite(adaShell, request.id)
  await routes[0]!.close({ code: 1012, reason: 'The shell restarted' })
  await app.getByRole('article', { name: request.title }).waitFor()
})
