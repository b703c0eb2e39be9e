/**
 * The page's socket to the browser shell drops while a message is on its way, and the shell keeps
 * running and sends it: once the page reconnects, the shell tells it the Send is still known and
 * answers it there, so the message shows as sent and the composer empties, instead of the page
 * keeping the text with "may or may not have been sent" and the expert sending it twice.
 */
import { expect, it } from 'vitest'
import { useE2e } from './support/fixture'
import { routeIpc, type RoutedSocket } from './support/ipc-route'
import { valueBecomes } from './support/waits'

const world = useE2e()

it('shows a message sent while the socket to the shell dropped as sent, and empties the composer', async () => {
  const e2e = await world()
  const ada = e2e.expert('Ada Byron', ['css'])
  const adaShell = await e2e.shell(ada)

  // The shell reads the Send, then waits until the test lets it through, as a slow platform would.
  const api = adaShell.shell.runtime.api as unknown as Record<string, (request: unknown) => unknown>
  const send = api['messages.send']!
  let reached: () => void = () => undefined
  const sendReached = new Promise<void>((resolve) => (reached = resolve))
  let letThrough: () => void = () => undefined
  const gate = new Promise<void>((resolve) => (letThrough = resolve))
  api['messages.send'] = async (request) => {
    reached()
    await gate
    return send(request)
  }

  let sendSocket: RoutedSocket | undefined
  let heardKnown: () => void = () => undefined
  const knownOnNewSocket = new Promise<void>((resolve) => (heardKnown = resolve))
  const page = await e2e.open(adaShell, {
    beforeLoad: routeIpc({
      fromPage: (call, socket) => {
        if (call.channel === 'messages.send') sendSocket = socket
        return true
      },
      fromShell: (message, socket) => {
        if (sendSocket !== undefined && socket.number > sendSocket.number && 'known' in message) heardKnown()
        return true
      },
    }),
  })
  const { request } = e2e.platform.server.marketplace.createRequest({
    clientId: e2e.platform.addClient('Olu Adeyemi'),
    title: 'Grid layout collapses on Safari',
    kind: 'instant',
    direct: { expertId: ada.id, via: 'dashboard' },
  })
  await page.getByRole('button', { name: `Join now “${request.title}”` }).click()
  const live = page.getByRole('article', { name: request.title })
  await live.getByRole('button', { name: /^Messages with Olu Adeyemi/ }).click()
  const box = live.getByRole('textbox', { name: 'Message to Olu Adeyemi' })
  await box.fill('Which Safari version?')
  await live.getByRole('button', { name: 'Send' }).click()

  await sendReached
  await sendSocket!.close(1012, 'A blip on loopback')
  // The shell told the page's new socket what it still knows (or, failing that, the page gave up).
  await Promise.race([knownOnNewSocket, live.getByText(/may or may not/).waitFor()])
  letThrough()

  const log = live.getByRole('log', { name: 'Messages with Olu Adeyemi' })
  await log.getByText('Which Safari version?').waitFor()
  await valueBecomes(box, '')
  expect(await live.getByText(/may or may not/).count()).toBe(0)
  expect(e2e.platform.server.marketplace.thread(request.id, ada.id).map((m) => m.body)).toEqual([
    'Which Safari version?',
  ])
})
