/**
 * A settings switch moves under the click, before the host has answered, and a change the host
 * refuses rolls back with a sentence saying so. The page's IPC socket is routed through the test,
 * which holds the settings call until the test answers it.
 */
import { expect, it } from 'vitest'
import type { WebSocketRoute } from 'playwright'
import { useE2e } from './support/fixture'
import { checkScreen } from './support/screens'

const world = useE2e()

it('moves a switch at once, and rolls it back with an error when the host refuses the change', async () => {
  const { expert, shell, open } = await world()
  const ada = expert('Ada Byron', ['react'])
  const adaShell = await shell(ada)
  const held: Array<{ id: number; request: unknown }> = []
  let heldOne: () => void = () => {}
  let page: WebSocketRoute | undefined
  const app = await open(adaShell, {
    beforeLoad: (tab) =>
      tab.routeWebSocket(/\/standby-ipc/, (route) => {
        page = route
        const host = route.connectToServer()
        route.onMessage((message) => {
          const call = JSON.parse(String(message)) as { id: number; channel: string; request: unknown }
          if (call.channel !== 'settings.update') return host.send(message)
          held.push({ id: call.id, request: call.request })
          heldOne()
        })
      }),
  })
  await app.getByRole('button', { name: 'Settings' }).click()
  const sound = app.getByRole('switch', { name: /Sound/ })
  const arrived = new Promise<void>((resolve) => (heldOne = resolve))
  await sound.uncheck()
  await arrived
  expect(held).toEqual([{ id: expect.any(Number), request: { soundEnabled: false } }])
  expect(await sound.isChecked()).toBe(false)

  page!.send(
    JSON.stringify({
      id: held[0]!.id,
      result: { ok: false, error: { code: 'handler_failed', message: 'The settings file is read-only.' } },
    }),
  )
  await app
    .getByRole('alert')
    .getByText('Could not save the setting: the settings file is read-only. Sound is on again.')
    .waitFor()
  expect(await sound.isChecked()).toBe(true)
  expect(adaShell.shell.adapters.settings.get().soundEnabled).toBe(true)
  await checkScreen(app, 'settings-refused')
})

it('keeps the availability just set on screen while the change is on its way back from the platform', async () => {
  const { platform, expert, shell, open } = await world()
  const ada = expert('Ada Byron', ['react'])
  const adaShell = await shell(ada)
  await adaShell.waitForConnection((state) => state.status === 'online')
  let holding = false
  const held: string[] = []
  let route: WebSocketRoute | undefined
  const app = await open(adaShell, {
    beforeLoad: (tab) =>
      tab.routeWebSocket(/\/standby-ipc/, (page) => {
        route = page
        const host = page.connectToServer()
        host.onMessage((message) => {
          if (holding && String(message).includes('"cache.changed"')) held.push(String(message))
          else page.send(message)
        })
      }),
  })
  await app.getByRole('button', { name: 'Settings' }).click()
  const away = app.getByRole('radio', { name: /Away/ })
  await away.check()
  holding = true
  await app.getByRole('button', { name: 'Set availability' }).click()
  await app.getByText('You are away').waitFor()
  expect(platform.server.marketplace.store.expert(ada.id).availability).toBe('away')
  expect(await away.isChecked()).toBe(true)

  holding = false
  for (const message of held.splice(0)) route!.send(message)
  await app.getByText('Now: Away').waitFor()
  expect(await away.isChecked()).toBe(true)
})
